import Database from 'better-sqlite3'
import type { Db } from './db.js'

/**
 * The job memo's rows (migrations 19 and 20): per output folder, the key of the last report
 * written there and its entry's head (the job's result, each text's name, length, hash and time
 * spans, and each chunk's hash, compressed; src/pipeline/job-memo.ts) in `job_memo`, and the
 * texts' bytes, concatenated and cut into bounded chunks compressed one by one, in
 * `job_memo_chunks`. One entry per folder, so the tables hold no more than a few reports.
 */

/** The head stored for `outDir` under `key`, or null (no row, another key, or a store without the tables). */
export function readJobMemo(db: Db, outDir: string, key: string): Buffer | null {
  if (!hasTables(db)) return null
  const row = db.prepare('SELECT key, entry FROM job_memo WHERE out_dir = ?').get(outDir) as { key: string; entry: Buffer } | undefined
  return row && row.key === key ? row.entry : null
}

/**
 * The chunks stored for `outDir`, in order, one at a time: what the caller holds is one chunk,
 * whatever the entry's size. The head lists what they must be (a chunk missing shows as a gap in
 * `seq`, a chunk of another entry as a wrong hash).
 */
export function* readJobMemoChunks(db: Db, outDir: string): Generator<{ seq: number; chunk: Buffer }> {
  if (!hasTables(db)) return
  yield* db.prepare('SELECT seq, chunk FROM job_memo_chunks WHERE out_dir = ? ORDER BY seq').iterate(outDir) as IterableIterator<{
    seq: number
    chunk: Buffer
  }>
}

/**
 * What makes an entry, inside the transaction that stores it: given `put`, which stores the next
 * chunk, it stores them all and returns the head, or null when the entry is not to be kept after
 * all (its chunks are then dropped with the rest of the folder's entry).
 */
export type MemoFill = (put: (chunk: Buffer) => void) => Buffer | null

/**
 * Stores the entry `fill` makes for `outDir` under `key`, replacing the folder's earlier one, in
 * one transaction, through a connection of its own (the job's is closed by then), and only while
 * the store's generation is still `generation`: a report made while another process wrote the
 * store is not kept. `fill` null only drops the folder's entry (a report not to be replayed).
 */
export function writeJobMemo(path: string, outDir: string, key: string, fill: MemoFill | null, generation: number): boolean {
  const conn = new Database(path, { fileMustExist: true })
  try {
    conn.pragma('busy_timeout = 60000')
    if (!hasTables(conn)) return false
    const drop = () => {
      conn.prepare('DELETE FROM job_memo WHERE out_dir = ?').run(outDir)
      conn.prepare('DELETE FROM job_memo_chunks WHERE out_dir = ?').run(outDir)
    }
    return conn
      .transaction(() => {
        drop()
        const now = conn.prepare('SELECT n FROM store_generation WHERE id = 1').pluck().get() as number
        if (fill === null || now !== generation) return false
        const insert = conn.prepare('INSERT INTO job_memo_chunks (out_dir, seq, chunk) VALUES (?, ?, ?)')
        let seq = 0
        const head = fill((chunk) => void insert.run(outDir, seq++, chunk))
        if (head === null) {
          drop()
          return false
        }
        conn.prepare('INSERT INTO job_memo (out_dir, key, entry) VALUES (?, ?, ?)').run(outDir, key, head)
        return true
      })
      .immediate()
  } finally {
    conn.close()
  }
}

/** Empties the memo (the sanitized export: what a store's own runs wrote is not published). */
export function dropJobMemo(db: Db): void {
  for (const table of ['job_memo', 'job_memo_chunks'])
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)) db.prepare(`DELETE FROM ${table}`).run()
}

function hasTables(db: Db): boolean {
  return db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('job_memo', 'job_memo_chunks')`).pluck().get() === 2
}
