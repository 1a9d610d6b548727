import type { Db } from '../store/db.js'
import { deleteSession, readSessionPlace, sessionLogPaths } from '../store/sessions.js'
import { belongsTo, type RepoIdentity } from './repo.js'

function under(path: string, roots: string[]): boolean {
  return roots.some((r) => path === r || path.startsWith(r.endsWith('/') ? r : r + '/'))
}

/**
 * Removes the sessions that do not belong to the repository, so another project's sessions are
 * never published by accident. A session is kept when its cwd is inside the repository or one
 * of its worktrees, when it names one of the repository's remotes, or when any of its records
 * came from a file inside the repository (logs committed to `.ai-logs/` were put there on purpose).
 * The files stay recorded as read, so they are not parsed again on the next run.
 */
export function scopeToRepo(db: Db, repo: RepoIdentity, inRepoRoots: string[], sessionIds: string[]): string[] {
  const sessions = sessionIds.map((id) => readSessionPlace(db, id)).filter((s) => s !== undefined)
  const dropped: string[] = []
  for (const s of sessions) {
    if (belongsTo(repo, s)) continue
    if (sessionLogPaths(db, s.id).some((p) => under(p, inRepoRoots))) continue
    deleteSession(db, s.id)
    dropped.push(s.id)
  }
  return dropped
}
