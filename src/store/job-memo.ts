import Database from 'better-sqlite3'
import type { Db } from './db.js'

/**
 * The job memo's rows (migration 19): per output folder, the key of the last report written there
 * and its entry (the checked files and the job's result, compressed; src/pipeline/job-memo.ts).
 * One row per folder, so the table holds no more than a few reports.
 */

/** The entry stored for `outDir` under `key`, or null (no row, another key, or a store without the table). */
export function readJobMemo(db: Db, outDir: string, key: string): Buffer | null {
  if (!hasTable(db)) return null
  const row = db.prepare('SELECT key, entry FROM job_memo WHERE out_dir = ?').get(outDir) as { key: string; entry: Buffer } | undefined
  return row && row.key === key ? row.entry : null
}

/**
 * Stores `entry` for `outDir` under `key`, replacing the folder's earlier one, through a
 * connection of its own (the job's is closed by then), and only while the store's generation is
 * still `generation`: a report made while another process wrote the store is not kept.
 * `entry` null only drops the folder's row (a report too large to keep, or not to be replayed).
 */
export function writeJobMemo(path: string, outDir: string, key: string, entry: Buffer | null, generation: number): boolean {
  const conn = new Database(path, { fileMustExist: true })
  try {
    conn.pragma('busy_timeout = 60000')
    if (!hasTable(conn)) return false
    return conn
      .transaction(() => {
        conn.prepare('DELETE FROM job_memo WHERE out_dir = ?').run(outDir)
        const now = conn.prepare('SELECT n FROM store_generation WHERE id = 1').pluck().get() as number
        if (entry === null || now !== generation) return false
        conn.prepare('INSERT INTO job_memo (out_dir, key, entry) VALUES (?, ?, ?)').run(outDir, key, entry)
        return true
      })
      .immediate()
  } finally {
    conn.close()
  }
}

/** Empties the memo (the sanitized export: what a store's own runs wrote is not published). */
export function dropJobMemo(db: Db): void {
  if (hasTable(db)) db.prepare('DELETE FROM job_memo').run()
}

function hasTable(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'job_memo'`).get() !== undefined
}
