export { describeReason } from './describe.js'
export { branchChange, releaseChange, ScopeError, type BranchOptions } from './local.js'
export { scopeToAll, scopeToChange, scopeToPaths, type ChangeSpec } from './scope.js'
export { ScopeSchema, ScopeKindSchema, ScopeReasonSchema, type Scope, type ScopeKind, type ScopeReason } from './types.js'
