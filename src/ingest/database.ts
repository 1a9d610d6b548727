import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import type { FileStat } from './walk.js'
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync, statSync, type Stats } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { DatabaseHead, DatabaseRow, DatabaseSource, SourceContext } from '../sources/types.js'
import { tableColumns } from '../sources/util/sqlite-pages.js'

/**
 * Agents' SQLite databases, read without ever touching the agent's files. A connection to the
 * agent's own file, even a read-only one, can write beside it: in WAL mode SQLite creates or maps
 * the `-shm` index and takes read locks in it, and creates `-wal`/`-shm` when they are missing.
 * So the database and its `-wal` are copied into a private temporary folder and the copy is
 * opened read-only; the copy is checked to be one consistent state of the database (SQLite's own
 * tests of read-only WAL databases copy them the same way, test/walro2.test).
 */

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

export function isSqliteHeader(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && Buffer.from(head.buffer, head.byteOffset, MAGIC.length).equals(MAGIC)
}

function readBytes(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

const SIDECAR = /-(wal|shm|journal)$/

/**
 * True for a database's `-wal`, `-shm` or `-journal` beside it: read with the database (its
 * `-wal`) or never (the others), not as logs of their own.
 */
export function isDatabaseSidecar(path: string): boolean {
  const m = SIDECAR.exec(path)
  return m !== null && sqliteHead(path.slice(0, m.index)) !== null
}

/** The first bytes of a SQLite file, or null when it is not one (or cannot be read). */
export function sqliteHead(path: string): Buffer | null {
  try {
    const head = readBytes(path, 100)
    return isSqliteHeader(head) ? head : null
  } catch {
    return null
  }
}

/**
 * What changes whenever the database's content may have: the file's size, time and header (whose
 * change counter moves with each commit outside WAL mode) and its `-wal`'s size, time and header
 * (whose salt changes at each WAL reset). Equal signatures mean the database was not written.
 */
export function databaseSignature(path: string, st: Pick<FileStat, 'size' | 'mtimeMs'>): string {
  const h = createHash('sha256').update(`${st.size}:${st.mtimeMs}\0`).update(readBytes(path, 100))
  const wal = statOrNull(`${path}-wal`)
  if (wal) h.update(`\0wal:${wal.size}:${wal.mtimeMs}\0`).update(readBytes(`${path}-wal`, 32))
  return h.digest('hex')
}

/** A private copy of a database: its path, and the folder to remove when done. */
export interface Snapshot {
  dir: string
  path: string
}

/** What has to hold still while a copy is taken for the copy to be one state of the database. */
function copyGuard(path: string): string | null {
  const db = statOrNull(path)
  if (!db) return null
  const wal = statOrNull(`${path}-wal`)
  // A rollback journal with a live header means a transaction is being written (or was cut off);
  // a persisted or truncated one after a commit has a zeroed header or no bytes.
  const journal = statOrNull(`${path}-journal`)
  const live = journal !== null && journal.size >= 8 && readBytes(`${path}-journal`, 8).some((b) => b !== 0)
  // The WAL salt changes when a writer restarts the log after a checkpoint: frames copied after
  // that do not go with the database file copied before it.
  const salt = wal && wal.size >= 32 ? readBytes(`${path}-wal`, 32).subarray(16, 24).toString('hex') : ''
  return JSON.stringify([db.size, db.mtimeMs, wal !== null, salt, live])
}

const COPY_ATTEMPTS = 5

/**
 * Copies the database and its `-wal` into a new temporary folder. A writer that changes the file,
 * restarts its log or is mid-transaction in rollback mode (a non-empty `-journal`) while the copy
 * is taken makes it retry; after a few tries it gives up with a reason (read at the next run).
 */
export function snapshotDatabase(path: string): Snapshot {
  let lastReason = ''
  for (let attempt = 0; attempt < COPY_ATTEMPTS; attempt++) {
    const before = copyGuard(path)
    if (before === null) throw new Error('database file vanished')
    if ((JSON.parse(before) as unknown[])[4] === true) {
      lastReason = 'a write transaction was in progress (live -journal)'
      pause(20 * (attempt + 1))
      continue
    }
    const dir = mkdtempSync(join(tmpdir(), 'ai-log-trail-db-'))
    const copy = join(dir, basename(path))
    try {
      copyFileSync(path, copy)
      if (statOrNull(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`)
    } catch (e) {
      rmSync(dir, { recursive: true, force: true })
      // The agent may have removed its -wal (closing) between the check and the copy: try again.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        lastReason = 'a file went away while it was copied'
        continue
      }
      throw e
    }
    if (copyGuard(path) === before) return { dir, path: copy }
    rmSync(dir, { recursive: true, force: true })
    lastReason = 'it was written while it was copied'
    pause(20 * (attempt + 1))
  }
  throw new Error(`no consistent copy after ${COPY_ATTEMPTS} tries: ${lastReason}`)
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

export function removeSnapshot(s: Snapshot): void {
  rmSync(s.dir, { recursive: true, force: true })
}

/** Opens a snapshot read-only; it lives in a folder of its own, so its `-shm` is made there. */
export function openSnapshot(s: Snapshot): Database.Database {
  return new Database(s.path, { readonly: true, fileMustExist: true })
}

/** The tables and columns of a snapshot, for recognizing whose database it is; throws on a damaged file. */
export function databaseHead(path: string, s: Snapshot): DatabaseHead {
  const db = openSnapshot(s)
  try {
    return { path, tables: tableColumns(db) }
  } finally {
    db.close()
  }
}

/**
 * The rows a database source reads from a snapshot. The snapshot is removed when the rows are
 * done with, read to the end or not.
 */
export function* snapshotRows(s: Snapshot, source: DatabaseSource, ctx: SourceContext): Generator<DatabaseRow> {
  let db: Database.Database | null = null
  try {
    db = openSnapshot(s)
    yield* source.readDatabase(db, ctx)
  } finally {
    db?.close()
    removeSnapshot(s)
  }
}

/** A SQLite error said in words a reader of the ingest report can act on. */
export function damagedReason(e: unknown): string {
  const msg = String((e as Error)?.message ?? e)
  const code = (e as { code?: string })?.code ?? ''
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /malformed|not a database/i.test(msg))
    return `damaged SQLite database (not read): ${msg}`
  return `unreadable SQLite database: ${msg}`
}
