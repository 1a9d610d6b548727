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

/** The head stored for `outDir` under any key, or null: what a new entry may keep chunks of. */
export function readJobMemoHead(db: Db, outDir: string): Buffer | null {
  if (!hasTables(db)) return null
  return (db.prepare('SELECT entry FROM job_memo WHERE out_dir = ?').pluck().get(outDir) as Buffer | undefined) ?? null
}

/**
 * The chunks of `outDir` numbered `seqs`, in that order, one at a time: what the caller holds is one
 * chunk, whatever the entry's size. A row missing comes as null (the head lists what each must
 * be: a chunk of another entry shows as a wrong hash).
 */
export function* readJobMemoChunks(db: Db, outDir: string, seqs: Iterable<number>): Generator<Buffer | null> {
  if (!hasTables(db)) return
  const one = db.prepare('SELECT chunk FROM job_memo_chunks WHERE out_dir = ? AND seq = ?').pluck()
  for (const seq of seqs) yield (one.get(outDir, seq) as Buffer | undefined) ?? null
}

/**
 * What an entry is made with, inside the transaction that stores it: the folder's entry before it,
 * whose chunks it may keep rather than store again.
 */
export interface MemoSink {
  /** The head of the folder's entry before this one, whatever its key, or null. */
  previous: Buffer | null
  /** Stores a new chunk; its number. */
  put(chunk: Buffer): number
  /** Keeps chunk `seq` of the entry before for this one; false when there is no such row. */
  keep(seq: number): boolean
}

/**
 * What makes an entry, inside the transaction that stores it: given the sink, it stores or keeps
 * its chunks and returns the head, or null when the entry is not to be kept after all (its
 * chunks are then dropped with the rest of the folder's entry).
 */
export type MemoFill = (sink: MemoSink) => Buffer | null

/**
 * Stores the entry `fill` makes for `outDir` under `key`, replacing the folder's earlier one, in
 * one transaction, through a connection of its own (the job's is closed by then), and only while
 * the store's generation is still `generation`: a report made while another process wrote the
 * store is not kept. `fill` null only drops the folder's entry (a report not to be replayed). The
 * earlier entry's chunks that the new one does not keep are dropped; new chunks are numbered past
 * every earlier one, so a kept chunk keeps its row.
 */
export function writeJobMemo(path: string, outDir: string, key: string, fill: MemoFill | null, generation: number): boolean {
  const conn = new Database(path, { fileMustExist: true })
  try {
    conn.pragma('busy_timeout = 60000')
    if (!hasTables(conn)) return false
    const dropChunks = () => conn.prepare('DELETE FROM job_memo_chunks WHERE out_dir = ?').run(outDir)
    return conn
      .transaction(() => {
        const previous = (conn.prepare('SELECT entry FROM job_memo WHERE out_dir = ?').pluck().get(outDir) as Buffer | undefined) ?? null
        conn.prepare('DELETE FROM job_memo WHERE out_dir = ?').run(outDir)
        const now = conn.prepare('SELECT n FROM store_generation WHERE id = 1').pluck().get() as number
        if (fill === null || now !== generation) {
          dropChunks()
          return false
        }
        const old = new Set(conn.prepare('SELECT seq FROM job_memo_chunks WHERE out_dir = ?').pluck().all(outDir) as number[])
        let next = 0
        for (const seq of old) next = Math.max(next, seq + 1)
        const kept = new Set<number>()
        const insert = conn.prepare('INSERT INTO job_memo_chunks (out_dir, seq, chunk) VALUES (?, ?, ?)')
        const head = fill({
          previous: previous && old.size > 0 ? previous : null,
          put: (chunk) => {
            insert.run(outDir, next, chunk)
            return next++
          },
          keep: (seq) => {
            if (!old.has(seq)) return false
            kept.add(seq)
            return true
          }
        })
        if (head === null) {
          dropChunks()
          return false
        }
        const drop = conn.prepare('DELETE FROM job_memo_chunks WHERE out_dir = ? AND seq = ?')
        for (const seq of old) if (!kept.has(seq)) drop.run(outDir, seq)
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
