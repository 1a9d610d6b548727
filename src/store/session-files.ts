import { prepared, type Db } from './db.js'

/**
 * The paths of the files that hold records of a page of sessions, each once, unordered: one query
 * for the page, not one per session.
 */
export function filePathsOfPage(db: Db, sessionIds: readonly string[]): string[] {
  if (sessionIds.length === 0) return []
  return prepared(db, `SELECT path FROM files WHERE id IN (SELECT DISTINCT file_id FROM events WHERE session_id IN (SELECT value FROM json_each(?)))`)
    .pluck()
    .all(JSON.stringify(sessionIds)) as string[]
}
