import type { ScopeKind, ScopeReason } from './types.js'

/** The agents that can link a session to a pull request, by the name people know them by. */
const AGENT_NAMES: Record<string, string> = { 'claude-code': 'Claude Code' }

const CHANGE: Record<ScopeKind, string> = { pr: 'this pull request', release: 'this release', paths: 'the given logs', all: 'this report' }

/** Why a session is in a report, as a reviewer reads it: "branch `feat/x`", "log added in this pull request". */
export function describeReason(r: ScopeReason, scope: ScopeKind): string {
  switch (r.kind) {
    case 'pr-link':
      return `linked to ${CHANGE[scope]} by ${AGENT_NAMES[r.agent] ?? r.agent}`
    case 'branch':
      return `branch ${r.branch}`
    case 'log-in-change':
      return `log added in ${CHANGE[scope]}`
    case 'workflow':
      return 'ran in this workflow'
    case 'touched':
      return `touched ${r.files} of the ${r.of} changed file${r.of === 1 ? '' : 's'}`
    case 'since':
      return r.ref ? `started after ${r.ref}` : 'started before this release'
    case 'paths':
      return 'in the given logs'
    case 'all':
      return 'found'
  }
}
