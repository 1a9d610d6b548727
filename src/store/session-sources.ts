import { prepared, type Db } from './db.js'

/*
 * Which stored session the records a file gives under a log's session id went to, and in which
 * project (the cwd the file gave that session, when it gave one). See session-identity.ts.
 */

export interface SessionSource {
  session_id: string
  project: string | null
}

export function sessionOfSource(db: Db, fileId: number, logId: string): string | undefined {
  return prepared(db, `SELECT session_id FROM session_sources WHERE file_id = ? AND log_id = ?`).pluck().get(fileId, logId) as string | undefined
}

/** Every file's mapping of a log's session id, the stored sessions in id order. */
export function sourcesOfLogId(db: Db, logId: string): SessionSource[] {
  return prepared(db, `SELECT session_id, project FROM session_sources WHERE log_id = ? ORDER BY session_id`).all(logId) as SessionSource[]
}

export function addSessionSource(db: Db, fileId: number, logId: string, sessionId: string, project: string | null): void {
  prepared(db, `INSERT OR IGNORE INTO session_sources (file_id, log_id, session_id, project) VALUES (?, ?, ?, ?)`).run(fileId, logId, sessionId, project)
}

/** Records the project of a file's session once the file says it (its cwd came after its first records). */
export function setSourceProject(db: Db, fileId: number, logId: string, project: string): void {
  prepared(db, `UPDATE session_sources SET project = ? WHERE file_id = ? AND log_id = ? AND project IS NULL`).run(project, fileId, logId)
}
