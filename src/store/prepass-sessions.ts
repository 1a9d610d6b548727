import { prepared, type Db } from './db.js'

/**
 * The sessions the ingest under way has stored (pending reconciliation) whose every log file it
 * has committed to the file's end: what the redaction prepass may redact ahead of the report
 * (src/pipeline/prepass.ts). A file not yet begun has no row, or its last run's size, so a session
 * may still grow: its entries are keyed by text and only miss if it does.
 */
export function sessionsReadToEnd(db: Db): string[] {
  return prepared(
    db,
    `SELECT session_id FROM reconcile_pending WHERE session_id NOT IN (
       SELECT ss.session_id FROM files f JOIN session_sources ss ON ss.file_id = f.id WHERE f.size = 0 OR f.offset < f.size
     )`
  )
    .pluck()
    .all() as string[]
}
