import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { migrate } from './migrations.js'

export type Db = Database.Database

/**
 * Opens (creating if needed) a store file in WAL mode and migrates it. Two processes may ingest
 * into the same file at once: WAL lets readers go on, and a long busy timeout makes a writer
 * wait for the other's batch instead of failing with SQLITE_BUSY.
 */
export function openStore(path: string, opts: { readonly?: boolean; migrateTo?: number; cacheKib?: number } = {}): Db {
  if (!opts.readonly && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false })
  db.pragma('busy_timeout = 60000')
  if (!opts.readonly) {
    withBusyRetry(() => db.pragma('journal_mode = WAL'))
    db.pragma('synchronous = NORMAL')
    // Measured on a 200 MB corpus: a 32 MiB page cache and checkpoints every 80 MiB of WAL
    // instead of every 4 MiB take a first ingest from 8.7 s to 6.8 s (docs/performance.md).
    // `cacheKib`: another size, for a connection that reads more than it writes (the report's).
    db.pragma(`cache_size = -${opts.cacheKib ?? 32768}`)
    // Temporary tables, sorts and statement journals in files (SQLite keeps a small cache of
    // them in memory), not wholly in memory: a sort over one session of a long log (a 2 GB
    // rollout) was held whole, hundreds of MB (docs/performance.md, "One long session").
    db.pragma('temp_store = FILE')
    db.pragma('wal_autocheckpoint = 20000')
    db.pragma('foreign_keys = ON')
    migrateWithRetry(db, opts.migrateTo)
  }
  return db
}

/**
 * Switching a new database to WAL needs an exclusive lock, and SQLite reports SQLITE_BUSY at once
 * instead of waiting on the busy timeout when another process is creating the same file. Waits
 * and retries for up to a minute.
 */
function withBusyRetry<T>(fn: () => T): T {
  const deadline = Date.now() + 60_000
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (let wait = 5; ; wait = Math.min(wait * 2, 250)) {
    try {
      return fn()
    } catch (e) {
      const code = (e as { code?: string }).code ?? ''
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw e
      if (Date.now() > deadline) throw e
      Atomics.wait(pause, 0, 0, wait)
    }
  }
}

function migrateWithRetry(db: Db, target?: number): void {
  // Two processes creating the same new database race on each migration step; `migrate` re-reads
  // the version under the write lock, so the loser skips a step the winner applied.
  withBusyRetry(() => migrate(db, target))
}

const statements = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>()

/**
 * The prepared statement for `sql` on `db`, prepared once per connection: store functions called
 * once per file or per session then cost no parse.
 */
export function prepared(db: Db, sql: string): Database.Statement<unknown[]> {
  let byText = statements.get(db)
  if (!byText) {
    byText = new Map()
    statements.set(db, byText)
  }
  let s = byText.get(sql)
  if (!s) {
    s = db.prepare<unknown[]>(sql)
    byText.set(sql, s)
  }
  return s
}

/** Folds the WAL back into the database so a reader (or a copy of the file) sees one file. */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)')
}

/** The schema version the store is at: a second connection to the same file is opened at no other. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}
