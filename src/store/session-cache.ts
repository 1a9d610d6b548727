import { prepared, type Db } from './db.js'

/** Characters of entries held before they are written: what a first run holds of the cache at most. */
const WRITE_CHARS = 1024 * 1024

/**
 * What a session's report depends on in the store that its key must hold: its records' count and
 * last id, which change when records are added, removed or read again. A record changed in place
 * (reconciliation flags it replayed, say) drops the session's entry (the trigger of migration 14).
 */
export interface SessionRowsFacts {
  n: number
  last: number | null
}

/**
 * The session cache's rows in the local store (migration 14): one entry per session, the last one
 * made, with the key it was made under. Read and written on the report's connection between
 * sessions (never while a session's turns are read). Entries of sessions no longer in the store
 * are dropped when the cache is saved, so it holds at most one entry per stored session. An entry
 * is only data: the caller checks that it parses.
 */
export class SessionCacheStore {
  private readonly pending = new Map<string, { key: string; entry: string }>()
  private pendingChars = 0

  /** The store's schema version: an entry made under another may not read the same from the same rows. */
  readonly schemaVersion: number

  private constructor(private readonly db: Db) {
    this.schemaVersion = db.pragma('user_version', { simple: true }) as number
  }

  /** The store's session cache, or null when the store cannot hold one (read-only, in memory, or older than migration 14). */
  static open(db: Db): SessionCacheStore | null {
    if (db.readonly || db.memory) return null
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'session_cache'`).get()
    return table ? new SessionCacheStore(db) : null
  }

  /** The session's `SessionRowsFacts`, from the events index alone. */
  rowsFacts(sessionId: string): SessionRowsFacts {
    return prepared(this.db, 'SELECT COUNT(*) AS n, MAX(id) AS last FROM events WHERE session_id = ?').get(sessionId) as SessionRowsFacts
  }

  /**
   * How many of the store's sessions have no entry whose key starts with `generation` and a dot:
   * the sessions a report made under that generation would redact afresh.
   */
  sessionsWithoutEntryOf(generation: string): number {
    const prefix = `${generation}.`
    return (
      prepared(
        this.db,
        `SELECT count(*) AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM session_cache c WHERE c.session_id = s.id AND substr(c.key, 1, ?) = ?)`
      ).get(prefix.length, prefix) as { n: number }
    ).n
  }

  /** The session's entry when it was made under `key`. */
  get(sessionId: string, key: string): string | undefined {
    const held = this.pending.get(sessionId)
    if (held) return held.key === key ? held.entry : undefined
    const row = prepared(this.db, 'SELECT key, entry FROM session_cache WHERE session_id = ?').get(sessionId) as { key: string; entry: string } | undefined
    return row?.key === key ? row.entry : undefined
  }

  put(sessionId: string, key: string, entry: string): void {
    this.pending.set(sessionId, { key, entry })
    this.pendingChars += entry.length
    if (this.pendingChars >= WRITE_CHARS) this.write()
  }

  /** Writes what is pending (call between sessions). */
  write(): void {
    if (this.pending.size === 0) return
    const upsert = prepared(
      this.db,
      'INSERT INTO session_cache (session_id, key, entry) VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET key = excluded.key, entry = excluded.entry'
    )
    this.db
      .transaction(() => {
        for (const [id, e] of this.pending) upsert.run(id, e.key, e.entry)
      })
      .immediate()
    this.pending.clear()
    this.pendingChars = 0
  }

  /** Writes what is pending and drops the entries of sessions the store no longer holds. */
  save(): void {
    this.write()
    prepared(this.db, 'DELETE FROM session_cache WHERE session_id NOT IN (SELECT id FROM sessions)').run()
  }
}

/** Empties the session cache: a sanitized copy of the store must not carry it. */
export function dropSessionCache(db: Db): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'session_cache'`).get()
  if (table) db.prepare('DELETE FROM session_cache').run()
}
