import Database from 'better-sqlite3'
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

/**
 * A session's entry read back: the bytes of its first part (the caller's to give back with
 * `releaseBuffer`), its notes as JSON, and how many bytes its second part (read only by `second`)
 * has.
 */
export interface FullSessionRow {
  raw: Buffer
  notes: string
  secondBytes: number
}

/** Bytes before an entry's two parts: the first part's bytes (a uint32). */
const HEAD_BYTES = 4

/**
 * An entry's body: its first part as it is, then its second compressed, so the first is read
 * without decompressing anything and the second (the session's JSON, which only a reader of its
 * turns asks for; src/redact/full-sessions.ts) only when asked for. The first part is small and a
 * quarter of it digests, which do not compress: decompressing it cost more than its bytes
 * (docs/performance.md, "a found full session's JSON left in the store").
 */
export function entryBody(first: Buffer, second: Buffer): Buffer {
  const b = compressEntry(second)
  const head = Buffer.allocUnsafe(HEAD_BYTES)
  head.writeUInt32BE(first.length, 0)
  const body = Buffer.concat([head, first, b])
  releaseBuffer(b)
  return body
}

/**
 * An entry's body's two parts back, each a buffer of its own (`textBytes`: both parts' bytes);
 * throws when it does not read back.
 */
export function entryParts(body: Buffer, textBytes: number, which: 'first' | 'second' | 'both' = 'both'): { first?: Buffer; second?: Buffer } {
  if (body.length < HEAD_BYTES) throw new Error('a short entry')
  const firstBytes = body.readUInt32BE(0)
  const end = HEAD_BYTES + firstBytes
  if (firstBytes > textBytes || end > body.length) throw new Error('a short entry')
  let second: Buffer | undefined
  if (which !== 'first') {
    second = decompressEntry(body.subarray(end), textBytes - firstBytes)
    if (second.length !== textBytes - firstBytes) throw new Error('a short entry')
  }
  return { first: which === 'second' ? undefined : Buffer.from(body.subarray(HEAD_BYTES, end)), second }
}

function hasTable(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'full_sessions'`).get() !== undefined
}

/**
 * The full report's session entries in the local store (migration 23): one per session, the last
 * one made, under the key it was made with, its second part compressed (`entryBody`), with the
 * last run that used it. Read a session at a time on the report's connection, between sessions
 * (never while a session's turns are read), its second part later and only when asked for, and
 * written a few hundred KiB at a time: never the table whole. A row that does not read back is a
 * miss and is dropped. An entry is only data: the caller checks its digests.
 */
export class FullSessionsStore {
  /** The number this run's rows get: one past the newest in the table. */
  readonly run: number
  /** The store's schema version: an entry made under another may not read the same from the same rows. */
  readonly schemaVersion: number
  private readonly used: string[] = []
  private readonly renewed: [string, string, string][] = []
  /** Sessions whose entries this run found: not evicted by its `save`, as a reader may still ask for their second parts. */
  private readonly found = new Set<string>()
  private pending: [string, string, Buffer, number, string][] = []
  private pendingBytes = 0
  private wrote = false
  /** The connection the second parts are read on once the report's is closed (the files are written after). */
  private own: Db | null = null

  private constructor(private readonly db: Db) {
    this.schemaVersion = db.pragma('user_version', { simple: true }) as number
    this.run = ((db.prepare('SELECT MAX(used_run) FROM full_sessions').pluck().get() as number | null) ?? 0) + 1
  }

  /** The store's table, or null when the store cannot hold one (read-only, in memory, or older than migration 23). */
  static open(db: Db): FullSessionsStore | null {
    if (db.readonly || db.memory || !hasTable(db)) return null
    return new FullSessionsStore(db)
  }

  /**
   * The session's entry's first part when it was made under `key`; a row that does not read back
   * whole is dropped. Its second part is not decompressed (`second`).
   */
  get(sessionId: string, key: string): FullSessionRow | undefined {
    const row = prepared(this.db, 'SELECT key, body, text_bytes, notes, used_run FROM full_sessions WHERE session_id = ?').get(sessionId) as
      { key: string; body: Buffer; text_bytes: number; notes: string; used_run: number } | undefined
    if (row?.key !== key) return undefined
    try {
      const raw = entryParts(row.body, row.text_bytes, 'first').first as Buffer
      if (row.used_run <= this.run - RENEW_AFTER) this.used.push(sessionId)
      this.found.add(sessionId)
      return { raw, notes: row.notes, secondBytes: row.text_bytes - raw.length }
    } catch {
      this.forget(sessionId)
      return undefined
    } finally {
      releaseBuffer(row.body)
    }
  }

  /**
   * The second part of the session's entry made under `key`, or undefined when the entry is gone,
   * was made again, or does not read back. Read on the report's connection while it is open, else
   * on one of this store's own (`close` closes it).
   */
  second(sessionId: string, key: string): Buffer | undefined {
    const db = this.reader()
    const row = prepared(db, 'SELECT key, body, text_bytes FROM full_sessions WHERE session_id = ?').get(sessionId) as
      { key: string; body: Buffer; text_bytes: number } | undefined
    if (row?.key !== key) return undefined
    try {
      return entryParts(row.body, row.text_bytes, 'second').second
    } catch {
      return undefined
    } finally {
      releaseBuffer(row.body)
    }
  }

  private reader(): Db {
    if (this.db.open) return this.db
    if (!this.own) {
      this.own = new Database(this.db.name, { fileMustExist: true })
      this.own.pragma('busy_timeout = 60000')
    }
    return this.own
  }

  /** Drops a session's entry (one that does not parse, or whose second part does not check). */
  forget(sessionId: string): void {
    prepared(this.reader(), 'DELETE FROM full_sessions WHERE session_id = ?').run(sessionId)
  }

  /** Keeps a session's entry made this run (its parts' bytes, given back once compressed); written between sessions. */
  put(sessionId: string, key: string, first: Buffer, second: Buffer, notes: string): void {
    const body = entryBody(first, second)
    this.pending.push([sessionId, key, body, first.length + second.length, notes])
    this.pendingBytes += body.length + notes.length
    releaseBuffer(first)
    releaseBuffer(second)
    if (this.pendingBytes >= BATCH_BYTES) this.write()
  }

  /** Closes the connection of this store's own, if one was opened. */
  close(): void {
    this.own?.close()
    this.own = null
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
          if (this.found.has(r.session_id)) continue
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
