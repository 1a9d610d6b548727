import { prepared, type Db } from './db.js'
import { releaseBuffer } from '../release-buffer.js'
import { compressEntry, decompressEntry } from './entry-codec.js'

/** Characters of a session's redacted JSON past which its entry is not kept (as `PART_MAX_CHARS`). */
export const FULL_SESSION_MAX_CHARS = 1 << 20

/** Compressed bytes the table holds at most after a run; the entries least recently used go first. */
export const FULL_SESSIONS_MAX_BYTES = 256 << 20

/** Compressed bytes of entries gathered before they are written in one transaction. */
const BATCH_BYTES = 1 << 18

/** Runs an entry may go unused before its last use is written again (so an unchanged history writes little). */
const RENEW_AFTER = 2

/** A session's entry read back: its texts' bytes (the caller's to give back with `releaseBuffer`), and its notes as JSON. */
export interface FullSessionRow {
  raw: Buffer
  notes: string
}

function hasTable(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'full_sessions'`).get() !== undefined
}

/**
 * The full report's session entries in the local store (migration 23): one per session, the last
 * one made, under the key it was made with, zstd-compressed, with the last run that used it. Read
 * a session at a time on the report's connection, between sessions (never while a session's
 * turns are read), and written a few hundred KiB at a time: never the table whole. A row that does
 * not read back is a miss and is dropped. An entry is only data: the caller checks its digests.
 */
export class FullSessionsStore {
  /** The number this run's rows get: one past the newest in the table. */
  readonly run: number
  /** The store's schema version: an entry made under another may not read the same from the same rows. */
  readonly schemaVersion: number
  private readonly used: string[] = []
  private readonly renewed: [string, string, string][] = []
  private pending: [string, string, Buffer, number, string][] = []
  private pendingBytes = 0
  private wrote = false

  private constructor(private readonly db: Db) {
    this.schemaVersion = db.pragma('user_version', { simple: true }) as number
    this.run = ((db.prepare('SELECT MAX(used_run) FROM full_sessions').pluck().get() as number | null) ?? 0) + 1
  }

  /** The store's table, or null when the store cannot hold one (read-only, in memory, or older than migration 23). */
  static open(db: Db): FullSessionsStore | null {
    if (db.readonly || db.memory || !hasTable(db)) return null
    return new FullSessionsStore(db)
  }

  /** The session's entry when it was made under `key`; a row that does not read back whole is dropped. */
  get(sessionId: string, key: string): FullSessionRow | undefined {
    const row = prepared(this.db, 'SELECT key, body, text_bytes, notes, used_run FROM full_sessions WHERE session_id = ?').get(sessionId) as
      { key: string; body: Buffer; text_bytes: number; notes: string; used_run: number } | undefined
    if (row?.key !== key) return undefined
    try {
      const raw = decompressEntry(row.body, row.text_bytes)
      if (raw.length !== row.text_bytes) throw new Error('a short entry')
      if (row.used_run <= this.run - RENEW_AFTER) this.used.push(sessionId)
      return { raw, notes: row.notes }
    } catch {
      this.forget(sessionId)
      return undefined
    } finally {
      releaseBuffer(row.body)
    }
  }

  /** Drops a session's entry (one that does not parse). */
  forget(sessionId: string): void {
    prepared(this.db, 'DELETE FROM full_sessions WHERE session_id = ?').run(sessionId)
  }

  /** Keeps a session's entry made this run (its texts' bytes, given back once compressed); written between sessions. */
  put(sessionId: string, key: string, raw: Buffer, notes: string): void {
    const body = compressEntry(raw)
    this.pending.push([sessionId, key, body, raw.length, notes])
    this.pendingBytes += body.length + notes.length
    releaseBuffer(raw)
    if (this.pendingBytes >= BATCH_BYTES) this.write()
  }

  /** Replaces the notes of a session's entry made under `key` (written with the renewals, by `save`). */
  renewNotes(sessionId: string, key: string, notes: string): void {
    this.renewed.push([notes, sessionId, key])
  }

  /** Writes what is pending (call between sessions). */
  write(): void {
    if (!this.pending.length) return
    const rows = this.pending
    this.pending = []
    this.pendingBytes = 0
    const upsert = prepared(
      this.db,
      'INSERT INTO full_sessions (session_id, key, body, text_bytes, notes, used_run) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET key = excluded.key, body = excluded.body, text_bytes = excluded.text_bytes, notes = excluded.notes, used_run = excluded.used_run'
    )
    this.db
      .transaction(() => {
        for (const r of rows) upsert.run(...r, this.run)
      })
      .immediate()
    // SQLite bound a copy of each.
    for (const r of rows) releaseBuffer(r[2])
    this.wrote = true
  }

  /**
   * Writes what is pending, renews the entries met again, drops those of sessions the store no
   * longer holds, and evicts the least recently used past `FULL_SESSIONS_MAX_BYTES`. Writes
   * nothing more when nothing was made or renewed.
   */
  save(): void {
    this.write()
    if (!this.wrote && !this.used.length && !this.renewed.length) return
    this.db
      .transaction(() => {
        const renew = prepared(this.db, 'UPDATE full_sessions SET used_run = ? WHERE session_id = ?')
        for (const id of this.used) renew.run(this.run, id)
        const notes = prepared(this.db, 'UPDATE full_sessions SET notes = ? WHERE session_id = ? AND key = ?')
        for (const r of this.renewed) notes.run(...r)
        prepared(this.db, 'DELETE FROM full_sessions WHERE session_id NOT IN (SELECT id FROM sessions)').run()
        let total = prepared(this.db, 'SELECT COALESCE(SUM(LENGTH(body)), 0) FROM full_sessions').pluck().get() as number
        if (total <= FULL_SESSIONS_MAX_BYTES) return
        const gone: string[] = []
        for (const r of prepared(
          this.db,
          'SELECT session_id, LENGTH(body) AS n FROM full_sessions ORDER BY used_run, session_id'
        ).iterate() as IterableIterator<{
          session_id: string
          n: number
        }>) {
          if (total <= FULL_SESSIONS_MAX_BYTES) break
          gone.push(r.session_id)
          total -= r.n
        }
        const drop = prepared(this.db, 'DELETE FROM full_sessions WHERE session_id = ?')
        for (const id of gone) drop.run(id)
      })
      .immediate()
    this.used.length = 0
    this.renewed.length = 0
  }
}

/** Empties the table: a sanitized copy of the store must not carry it. */
export function dropFullSessions(db: Db): void {
  if (hasTable(db)) db.prepare('DELETE FROM full_sessions').run()
}
