import type { Db } from '../store/db.js'
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
  const get = db.prepare(`SELECT id, cwd, repository_url AS repository FROM sessions WHERE id = ?`)
  const sessions = sessionIds.map((id) => get.get(id) as { id: string; cwd: string | null; repository: string | null } | undefined).filter((s) => s !== undefined)
  const files = db.prepare(`SELECT DISTINCT f.path FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ?`)
  const dropped: string[] = []
  const drop = db.transaction((id: string) => {
    db.prepare(`DELETE FROM events WHERE session_id = ?`).run(id)
    db.prepare(`DELETE FROM turns WHERE session_id = ?`).run(id)
    db.prepare(`DELETE FROM sessions WHERE id = ?`).run(id)
  })
  for (const s of sessions) {
    if (belongsTo(repo, s)) continue
    const paths = (files.all(s.id) as { path: string }[]).map((f) => f.path)
    if (paths.some((p) => under(p, inRepoRoots))) continue
    drop.immediate(s.id)
    dropped.push(s.id)
  }
  return dropped
}
