import type { Db } from '../store/db.js'
import { eachSessionFacts, EVERY_FACT, type FactsNeeded, type SessionFacts } from '../store/scope-facts.js'
import { scopeToAll, scopeToChange, scopeToPaths, type ChangeSpec } from './scope.js'
import type { Scope } from './types.js'

/**
 * What a run asks to report on. A front builds it from its inputs (the event and `scope` input in
 * the Action, `--scope`/paths in the CLI); the job resolves it against the store after the ingest.
 */
export type ScopeRequest = { kind: 'all' } | { kind: 'paths'; paths: string[] } | { kind: 'change'; change: ChangeSpec }

/** The facts of a session `resolveScope` reads for `request`: every session found needs none, paths only where its logs lie. */
export function factsNeeded(request: ScopeRequest): FactsNeeded {
  switch (request.kind) {
    case 'all':
      return { log_files: false, edits: false, pull_requests: false }
    case 'paths':
      return { log_files: true, edits: false, pull_requests: false }
    case 'change':
      return EVERY_FACT
  }
}

/** The sessions `request` is about, from each session's facts (of which it reads those `factsNeeded` names). */
export function resolveScope(request: ScopeRequest, facts: Iterable<SessionFacts>): Scope {
  switch (request.kind) {
    case 'all':
      return scopeToAll(facts)
    case 'paths':
      return scopeToPaths(facts, request.paths)
    case 'change':
      return scopeToChange(facts, request.change)
  }
}

/** The sessions of the store `request` is about, reading each session's facts as the request needs them and holding none. */
export function resolveScopeIn(db: Db, request: ScopeRequest): Scope {
  return resolveScope(request, eachSessionFacts(db, factsNeeded(request)))
}
