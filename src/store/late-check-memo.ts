import Database from 'better-sqlite3'
import type { Db } from './db.js'

/** Runs that wrote to the memo a hash may go unused before it is evicted. */
export const KEEP_RUNS = 4

/**
 * The last check's memo in the local store (migration 15): hashes of texts the check found clean,
 * each with the last run that used it. Read whole when opened (a run's worth of published parts,
 * a few thousand rows) and written once, at the end of the job, through a connection of its own:
 * the job closes its store before the last check. A run that only met known texts writes nothing,
 * so the run number moves on only when something is added; a hash unused by the last KEEP_RUNS
 * such runs is evicted, so the table holds about the texts of the last few reports.
 */
export class LateCheckMemoStore {
  /** Hash → the last run that used it. */
  readonly known: ReadonlyMap<string, number>
  /** The number this run's rows get: one past the newest in the table. */
  readonly run: number

  private constructor(
    private readonly path: string,
    known: Map<string, number>
  ) {
    this.known = known
    let newest = 0
    for (const r of known.values()) if (r > newest) newest = r
    this.run = newest + 1
  }

  /**
   * The memo of the store at `path`, or null when there is none to use: a store in memory, a file
   * that cannot be opened, or a schema older than migration 15.
   */
  static open(path: string): LateCheckMemoStore | null {
    if (path === '' || path === ':memory:') return null
    let conn: Database.Database | null = null
    try {
      conn = new Database(path, { fileMustExist: true })
      const table = conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'late_check_memo'`).get()
      if (!table) return null
      const rows = conn.prepare('SELECT hash, used_run FROM late_check_memo').raw().all() as [string, number][]
      return new LateCheckMemoStore(path, new Map(rows))
    } catch {
      return null
    } finally {
      conn?.close()
    }
  }

  /**
   * Records this run: `added` hashes are new, `used` ones were met again (renewed only once half
   * their lease is gone, so a warm run writes little), and hashes past their lease are evicted.
   * Writes nothing when nothing is new.
   */
  save(added: ReadonlySet<string>, used: ReadonlySet<string>): void {
    if (added.size === 0) return
    const renew = [...used].filter((h) => (this.known.get(h) ?? this.run) <= this.run - KEEP_RUNS / 2)
    const conn = new Database(this.path, { fileMustExist: true })
    try {
      conn.pragma('busy_timeout = 60000')
      const put = conn.prepare('INSERT INTO late_check_memo (hash, used_run) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET used_run = excluded.used_run')
      conn
        .transaction(() => {
          for (const h of added) put.run(h, this.run)
          for (const h of renew) put.run(h, this.run)
          conn.prepare('DELETE FROM late_check_memo WHERE used_run <= ?').run(this.run - KEEP_RUNS)
        })
        .immediate()
    } finally {
      conn.close()
    }
  }
}

/** Empties the memo (the sanitized export: a local store's bookkeeping is not published). */
export function dropLateCheckMemo(db: Db): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'late_check_memo'`).get()
  if (table) db.prepare('DELETE FROM late_check_memo').run()
}
