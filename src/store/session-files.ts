import { prepared, type Db } from './db.js'

/**
 * The paths of the files that hold records of the given sessions, each once, in path order: the
 * files a report's numbers come from, so the report can say which of them read oddly.
 */
export function filesOfSessions(db: Db, sessionIds: readonly string[]): string[] {
  const q = prepared(db, `SELECT DISTINCT f.path FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ?`).pluck()
  const paths = new Set<string>()
  for (const id of sessionIds) for (const p of q.all(id) as string[]) paths.add(p)
  return [...paths].sort()
}

/**
 * The paths of the files that hold records of a page of sessions, each once, unordered: one query
 * for the page, where `filesOfSessions` makes one per session.
 */
export function filePathsOfPage(db: Db, sessionIds: readonly string[]): string[] {
  if (sessionIds.length === 0) return []
  return prepared(db, `SELECT path FROM files WHERE id IN (SELECT DISTINCT file_id FROM events WHERE session_id IN (SELECT value FROM json_each(?)))`)
    .pluck()
    .all(JSON.stringify(sessionIds)) as string[]
}
