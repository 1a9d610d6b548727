import { ingestPaths, type IngestOptions, type IngestResult } from '../ingest/ingest.js'
import type { Db } from '../store/db.js'
import { committedLogsDir, defaultLocations, processEnv, type DiscoverEnv, type Location } from './locations.js'
import { repoIdentity, type RepoIdentity } from './repo.js'
import { scopeToRepo } from './scope.js'
import { crashBeforeScope } from './crash-before-scope.js'
import { clearScopePending, markScopePending, sessionsFirstSeenAfter } from '../store/scope-pending.js'

export interface DiscoverResult extends IngestResult {
  repository: RepoIdentity
  locations: Location[]
  /** Sessions read from shared log folders that belong to other projects, and were dropped. */
  out_of_scope_sessions: number
}

/**
 * Ingests what belongs to a repository: with no paths, every agent's default places plus
 * `.ai-logs/`; with paths, those paths. Either way, sessions that belong to another project are
 * dropped unless they came from a file inside the repository.
 */
export async function ingestForRepo(
  db: Db,
  repoDir: string,
  paths: string[] | null,
  opts: IngestOptions & { env?: DiscoverEnv; committedLogs?: boolean } = {}
): Promise<DiscoverResult> {
  const repo = repoIdentity(repoDir)
  const found = paths ? paths.map((p) => ({ agent: 'any', path: p, inRepo: false })) : defaultLocations(repo, opts.env ?? processEnv())
  // `collect` writes `.ai-logs/` from the agents' own places: reading its own copies back would loop.
  const locations = opts.committedLogs === false ? found.filter((l) => l.path !== committedLogsDir(repo)) : found
  // A run killed before it scoped left its mark: the sessions it stored are scoped with this run's.
  const leftUnscoped = markScopePending(db, repo.root)
  const result = await ingestPaths(
    db,
    locations.map((l) => l.path),
    opts
  )
  crashBeforeScope()
  const inRepo = paths ? [] : locations.filter((l) => l.inRepo).map((l) => l.path)
  const touched = leftUnscoped === null ? result.session_ids : [...new Set([...result.session_ids, ...sessionsFirstSeenAfter(db, leftUnscoped)])]
  const dropped = scopeToRepo(db, repo, inRepo, touched)
  clearScopePending(db, repo.root)
  const gone = new Set(dropped)
  const kept = result.session_ids.filter((id) => !gone.has(id))
  return {
    ...result,
    sessions: result.sessions - (result.session_ids.length - kept.length),
    session_ids: kept,
    repository: repo,
    locations,
    out_of_scope_sessions: dropped.length
  }
}
