import type { SessionFacts } from '../store/scope-facts.js'
import { scopeToAll, scopeToChange, scopeToPaths, type ChangeSpec } from './scope.js'
import type { Scope } from './types.js'

/**
 * What a run asks to report on. A front builds it from its inputs (the event and `scope` input in
 * the Action, `--scope`/paths in the CLI); the job resolves it against the store after the ingest.
 */
export type ScopeRequest = { kind: 'all' } | { kind: 'paths'; paths: string[] } | { kind: 'change'; change: ChangeSpec }

export function resolveScope(request: ScopeRequest, facts: readonly SessionFacts[]): Scope {
  switch (request.kind) {
    case 'all':
      return scopeToAll(facts)
    case 'paths':
      return scopeToPaths(facts, request.paths)
    case 'change':
      return scopeToChange(facts, request.change)
  }
}
