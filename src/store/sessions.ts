import { prepared, type Db } from './db.js'
import { pruneRawBlocks } from './raw-blocks.js'

/** Where a session ran, as its log says: what decides whether it belongs to a repository. */
export interface SessionPlace {
  id: string
  cwd: string | null
  repository: string | null
}

export function readSessionPlace(db: Db, sessionId: string): SessionPlace | undefined {
  return prepared(db, `SELECT id, cwd, repository_url AS repository FROM sessions WHERE id = ?`).get(sessionId) as SessionPlace | undefined
}

/** The log files a session's records were read from. */
export function sessionLogPaths(db: Db, sessionId: string): string[] {
  return (
    prepared(db, `SELECT DISTINCT f.path FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ?`).all(sessionId) as { path: string }[]
  ).map((f) => f.path)
}

/**
 * Removes a session with its records, their raw lines and turns; the files it was read from stay recorded as
 * read, so they are not parsed again.
 */
export function deleteSession(db: Db, sessionId: string): void {
  db.transaction(() => {
    const blocks = prepared(db, `SELECT DISTINCT raw_block FROM events WHERE session_id = ? AND raw_block IS NOT NULL`).all(sessionId) as {
      raw_block: number
    }[]
    prepared(db, `DELETE FROM events WHERE session_id = ?`).run(sessionId)
    pruneRawBlocks(
      db,
      blocks.map((b) => b.raw_block)
    )
    prepared(db, `DELETE FROM turns WHERE session_id = ?`).run(sessionId)
    prepared(db, `DELETE FROM sessions WHERE id = ?`).run(sessionId)
  }).immediate()
}

/** Every session id in the store. */
export function sessionIds(db: Db): string[] {
  return (prepared(db, `SELECT id FROM sessions ORDER BY id`).all() as { id: string }[]).map((r) => r.id)
}

/** How many sessions the store holds. */
export function sessionCount(db: Db): number {
  return (prepared(db, `SELECT count(*) AS n FROM sessions`).get() as { n: number }).n
}

/** Removes the files no session's record comes from any more (and their problems). */
export function deleteFilesWithoutEvents(db: Db): void {
  prepared(db, `DELETE FROM files WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.file_id = files.id)`).run()
}
