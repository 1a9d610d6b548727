import type { Db } from './db.js'

/** Runs a cache entry may go unused before it is evicted. */
export const KEEP_RUNS = 8
/** Entries kept at most; past it the least recently used go first. */
export const MAX_ENTRIES = 400_000

/** One stored entry: a text's findings (null: none) and the digest that binds them to their key and fingerprint. */
export interface RedactionCacheRow {
  findings: string | null
  digest: Buffer
}

interface Held extends RedactionCacheRow {
  usedRun: number
}

/**
 * The redaction cache's rows in the local store (migration 12), read whole when a run starts so
 * a lookup never touches the connection (the comment's turns are read from it meanwhile), and
 * written back when the run's redaction is done. A changed fingerprint empties it. Entries not
 * used by the last KEEP_RUNS runs are evicted, then the oldest beyond MAX_ENTRIES. A row is only
 * data: the caller checks its digest before trusting it.
 */
export class RedactionCacheStore {
  private readonly rows = new Map<string, Held>()
  private readonly added = new Map<string, RedactionCacheRow>()
  private readonly touched = new Set<string>()
  readonly run: number

  private constructor(
    private readonly db: Db,
    readonly fingerprint: string
  ) {
    const state = db.prepare('SELECT fingerprint, run FROM redaction_cache_state WHERE id = 1').get() as { fingerprint: string; run: number } | undefined
    const same = state?.fingerprint === fingerprint
    this.run = same ? state.run + 1 : 1
    if (!same) db.prepare('DELETE FROM redaction_cache').run()
    else
      for (const [key, findings, digest, usedRun] of db.prepare('SELECT key, findings, digest, used_run FROM redaction_cache').raw().iterate() as Iterable<
        [string, string | null, Buffer, number]
      >)
        this.rows.set(key, { findings, digest, usedRun })
    db.prepare(
      'INSERT INTO redaction_cache_state (id, fingerprint, run) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, run = excluded.run'
    ).run(fingerprint, this.run)
  }

  /** The store's cache for a fingerprint, or null when the store cannot hold one (read-only, or older than migration 12). */
  static open(db: Db, fingerprint: string): RedactionCacheStore | null {
    if (db.readonly) return null
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redaction_cache_state'`).get()
    return table ? new RedactionCacheStore(db, fingerprint) : null
  }

  get(key: string): RedactionCacheRow | undefined {
    const held = this.rows.get(key)
    if (!held) return this.added.get(key)
    // Rewritten only when half its lease is gone, so a warm run writes a fraction of what it reads.
    if (held.usedRun <= this.run - KEEP_RUNS / 2) this.touched.add(key)
    return held
  }

  put(key: string, row: RedactionCacheRow): void {
    this.rows.delete(key)
    this.touched.delete(key)
    this.added.set(key, row)
  }

  /** Writes the entries added and used since the last save, then evicts. */
  save(): void {
    if (this.added.size === 0 && this.touched.size === 0) return
    const insert = this.db.prepare(
      'INSERT INTO redaction_cache (key, findings, digest, used_run) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET findings = excluded.findings, digest = excluded.digest, used_run = excluded.used_run'
    )
    const touch = this.db.prepare('UPDATE redaction_cache SET used_run = ? WHERE key = ?')
    this.db
      .transaction(() => {
        for (const [key, r] of this.added) insert.run(key, r.findings, r.digest, this.run)
        for (const key of this.touched) touch.run(this.run, key)
        this.db.prepare('DELETE FROM redaction_cache WHERE used_run <= ?').run(this.run - KEEP_RUNS)
        const n = (this.db.prepare('SELECT COUNT(*) AS n FROM redaction_cache').get() as { n: number }).n
        if (n > MAX_ENTRIES)
          this.db.prepare('DELETE FROM redaction_cache WHERE key IN (SELECT key FROM redaction_cache ORDER BY used_run LIMIT ?)').run(n - MAX_ENTRIES)
      })
      .immediate()
    for (const [key, r] of this.added) this.rows.set(key, { ...r, usedRun: this.run })
    for (const key of this.touched) {
      const r = this.rows.get(key)
      if (r) r.usedRun = this.run
    }
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
