import type { Db } from './db.js'

/** How much of the logs ingest could not read: lines skipped, and the files they are in. */
export function skippedCounts(db: Db): { lines: number; files: number } {
  return db.prepare(`SELECT COUNT(*) AS lines, COUNT(DISTINCT path) AS files FROM ingest_errors`).get() as { lines: number; files: number }
}
