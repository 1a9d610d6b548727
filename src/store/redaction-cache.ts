import Database from 'better-sqlite3'
import type { Db } from './db.js'

/** Runs a cache entry may go unused before it is evicted. */
export const KEEP_RUNS = 8
/** Entries kept at most; past it the least recently used go first. */
export const MAX_ENTRIES = 400_000
/** Entries written (or renewed) at once: what a run holds in memory of the cache, whatever the logs' size. */
const WRITE_EVERY = 2_000

/** One stored entry: a text's findings (null: none) and the digest that binds them to their key and fingerprint. */
export interface RedactionCacheRow {
  findings: string | null
  digest: Buffer
}

/**
 * The redaction cache's rows in the local store (migration 12), read and written through a
 * connection of their own: the report's connection is busy while it reads a session's turns,
 * which is when texts are redacted, and a second connection may read and write meanwhile (WAL).
 * Nothing is held but the entries not yet written, so memory does not grow with the logs. A
 * changed fingerprint empties the cache. Entries not used by the last KEEP_RUNS runs are evicted,
 * then the oldest beyond MAX_ENTRIES. A row is only data: the caller checks its digest.
 */
export class RedactionCacheStore {
  private conn: Database.Database | null = null
  private select: Database.Statement | null = null
  private readonly added = new Map<string, RedactionCacheRow>()
  private readonly touched = new Set<string>()
  /** Whether the connection holds the read transaction `get` opens (ended before any write). */
  private reading = false
  readonly run: number

  private constructor(
    private readonly path: string,
    readonly fingerprint: string
  ) {
    const conn = this.connection()
    this.run = conn
      .transaction(() => {
        const state = conn.prepare('SELECT fingerprint, run FROM redaction_cache_state WHERE id = 1').get() as { fingerprint: string; run: number } | undefined
        const same = state?.fingerprint === fingerprint
        if (!same) conn.prepare('DELETE FROM redaction_cache').run()
        const run = same ? state.run + 1 : 1
        conn
          .prepare(
            'INSERT INTO redaction_cache_state (id, fingerprint, run) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, run = excluded.run'
          )
          .run(fingerprint, run)
        return run
      })
      .immediate()
  }

  /** The store's cache for a fingerprint, or null when the store cannot hold one (read-only, in memory, or older than migration 12). */
  static open(db: Db, fingerprint: string): RedactionCacheStore | null {
    if (db.readonly || db.memory) return null
    return hasStateTable(db) ? new RedactionCacheStore(db.name, fingerprint) : null
  }

  /**
   * The fingerprint the cache was last opened under, or null when the store has none (never
   * opened, or older than migration 12). Read only: `open` is what records a run.
   */
  static fingerprintOf(db: Db): string | null {
    if (!hasStateTable(db)) return null
    const state = db.prepare('SELECT fingerprint FROM redaction_cache_state WHERE id = 1').get() as { fingerprint: string } | undefined
    return state?.fingerprint ?? null
  }

  private connection(): Database.Database {
    if (!this.conn) {
      this.conn = new Database(this.path, { fileMustExist: true })
      this.conn.pragma('busy_timeout = 60000')
      this.select = null
      this.reading = false
    }
    return this.conn
  }

  /**
   * Ends the read transaction of the lookups. Lookups share one because a statement outside a
   * transaction takes and drops WAL locks and checks the page cache each time, which cost more
   * than the lookup; a snapshot a little old only misses what another process wrote meanwhile.
   */
  private endRead(): void {
    if (this.reading && this.conn?.inTransaction) this.conn.exec('COMMIT')
    this.reading = false
  }

  get(key: string): RedactionCacheRow | undefined {
    const pending = this.added.get(key)
    if (pending) return pending
    const conn = this.connection()
    this.select ??= conn.prepare('SELECT findings, digest, used_run FROM redaction_cache WHERE key = ?')
    if (!this.reading) {
      conn.exec('BEGIN')
      this.reading = true
    }
    const row = this.select.get(key) as (RedactionCacheRow & { used_run: number }) | undefined
    if (!row) return undefined
    // Renewed only when half its lease is gone, so a warm run writes a fraction of what it reads.
    if (row.used_run <= this.run - KEEP_RUNS / 2) {
      this.touched.add(key)
      if (this.touched.size >= WRITE_EVERY) this.write()
    }
    return row
  }

  /** Marks an entry used this run (written with the others; an entry no longer there is not made). */
  touch(key: string): void {
    if (this.added.has(key)) return
    this.touched.add(key)
    if (this.touched.size >= WRITE_EVERY) this.write()
  }

  put(key: string, row: RedactionCacheRow): void {
    this.touched.delete(key)
    this.added.set(key, row)
    if (this.added.size >= WRITE_EVERY) this.write()
  }

  /** Writes what is pending, evicts, and lets the connection go (a later use opens it again). */
  save(): void {
    if (!this.conn && this.added.size === 0 && this.touched.size === 0) return
    this.endRead()
    this.write()
    const conn = this.connection()
    conn
      .transaction(() => {
        conn.prepare('DELETE FROM redaction_cache WHERE used_run <= ?').run(this.run - KEEP_RUNS)
        const n = (conn.prepare('SELECT COUNT(*) AS n FROM redaction_cache').get() as { n: number }).n
        if (n > MAX_ENTRIES)
          conn.prepare('DELETE FROM redaction_cache WHERE key IN (SELECT key FROM redaction_cache ORDER BY used_run LIMIT ?)').run(n - MAX_ENTRIES)
      })
      .immediate()
    conn.close()
    this.conn = null
    this.select = null
  }

  private write(): void {
    if (this.added.size === 0 && this.touched.size === 0) return
    this.endRead()
    const conn = this.connection()
    const insert = conn.prepare(
      'INSERT INTO redaction_cache (key, findings, digest, used_run) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET findings = excluded.findings, digest = excluded.digest, used_run = excluded.used_run'
    )
    const touch = conn.prepare('UPDATE redaction_cache SET used_run = ? WHERE key = ?')
    conn
      .transaction(() => {
        for (const [key, r] of this.added) insert.run(key, r.findings, r.digest, this.run)
        for (const key of this.touched) touch.run(this.run, key)
      })
      .immediate()
    this.added.clear()
    this.touched.clear()
  }
}

/** Empties the cache: a sanitized copy of the store must not carry it. */
export function dropRedactionCache(db: Db): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redaction_cache'`).get()
  if (!table) return
  db.prepare('DELETE FROM redaction_cache').run()
  db.prepare('DELETE FROM redaction_cache_state').run()
}

function hasStateTable(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redaction_cache_state'`).get() !== undefined
}
