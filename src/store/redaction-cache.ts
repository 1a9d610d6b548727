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

  /** Deferred (`openHeld`): nothing written before `save`, which records the run then. */
  private readonly held: boolean
  private recorded = false

  private constructor(
    private readonly path: string,
    readonly fingerprint: string,
    held = false
  ) {
    this.held = held
    const conn = this.connection()
    this.run = held ? this.nextRun(conn).run : conn.transaction(() => this.begin(conn)).immediate()
  }

  /** The run this one is, and whether the rows are of this fingerprint. */
  private nextRun(conn: Database.Database): { run: number; same: boolean } {
    const state = conn.prepare('SELECT fingerprint, run FROM redaction_cache_state WHERE id = 1').get() as { fingerprint: string; run: number } | undefined
    const same = state?.fingerprint === this.fingerprint
    return { run: same ? state.run + 1 : 1, same }
  }

  /** Records the run (a changed fingerprint empties the cache first); in a write transaction. */
  private begin(conn: Database.Database): number {
    const { run, same } = this.nextRun(conn)
    if (!same) conn.prepare('DELETE FROM redaction_cache').run()
    conn
      .prepare(
        'INSERT INTO redaction_cache_state (id, fingerprint, run) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, run = excluded.run'
      )
      .run(this.fingerprint, run)
    return run
  }

  /** The store's cache for a fingerprint, or null when the store cannot hold one (read-only, in memory, or older than migration 12). */
  static open(db: Db, fingerprint: string): RedactionCacheStore | null {
    if (db.readonly || db.memory) return null
    return hasStateTable(db) ? new RedactionCacheStore(db.name, fingerprint) : null
  }

  /**
   * The cache for a fingerprint, taking no write lock until `save`: its entries are held in memory
   * (`heldEntries`) and written, with the run, by `save`. For the redaction prepass, which redacts
   * while the ingest holds the write lock between its groups' commits; a store the cache cannot be
   * kept in gives null, as `open`.
   */
  static openHeld(db: Db, fingerprint: string): RedactionCacheStore | null {
    if (db.readonly || db.memory) return null
    return hasStateTable(db) ? new RedactionCacheStore(db.name, fingerprint, true) : null
  }

  /** Entries held, not yet written. */
  get heldEntries(): number {
    return this.added.size
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
    // A held cache leaves that to the report's run, which renews what it uses.
    if (!this.held && row.used_run <= this.run - KEEP_RUNS / 2) {
      this.touched.add(key)
      if (this.touched.size >= WRITE_EVERY) this.write()
    }
    return row
  }

  put(key: string, row: RedactionCacheRow): void {
    this.touched.delete(key)
    this.added.set(key, row)
    if (!this.held && this.added.size >= WRITE_EVERY) this.write()
  }

  /** Ends the lookups' read transaction, which would keep the store's WAL from being checkpointed past it. */
  pause(): void {
    this.endRead()
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
    const held = this.held
    const insert = conn.prepare(
      'INSERT INTO redaction_cache (key, findings, digest, used_run) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET findings = excluded.findings, digest = excluded.digest, used_run = excluded.used_run'
    )
    const touch = conn.prepare('UPDATE redaction_cache SET used_run = ? WHERE key = ?')
    conn
      .transaction(() => {
        if (held && !this.recorded) {
          // The run is recorded with the first rows, unless another run came in between: the rows
          // must not be written under a run the state does not hold, nor past a fingerprint changed since.
          if (this.nextRun(conn).run !== this.run) return
          this.begin(conn)
          this.recorded = true
        }
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
