import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { closeSync, fdatasyncSync, fstatSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Db } from './db.js'
import { releaseBuffer } from '../release-buffer.js'
import { compressEntry, decompressEntry } from './entry-codec.js'
import { processRunning } from '../process-running.js'

/**
 * Runs that wrote to the table a part may go unused before it is evicted. A part used again is
 * renewed once half of this is gone, so a run over an unchanged history writes nothing; renewing
 * writes the part's small row in `render_part_runs` (migration 24), never its body.
 */
export const PART_KEEP_RUNS = 8

/**
 * Bytes the table holds at most after a run (its rows' bodies as stored); the parts least recently
 * used go first. The text of about as many sessions as when parts were kept compressed to about a
 * quarter of it under 256 MiB.
 */
export const PART_MAX_BYTES = 1 << 30

/**
 * Stored bytes past which the parts a run makes are compressed (the entry codec) rather than kept
 * as their bytes: reading plain parts is cheaper, but a history whose report is larger than
 * PART_MAX_BYTES kept only some of them and made the rest again every run (a 2 GB history's
 * full-mode report is 2.3 GB: docs/performance.md, "kept parts past a budget compressed").
 */
export const PART_PLAIN_BYTES = 256 << 20

/** The table's limits; tests make them small. */
export interface PartLimits {
  /** Stored bytes kept at most after a run. */
  maxBytes: number
  /** Stored bytes past which new parts are compressed. */
  plainBytes: number
  /** Dead bytes in the parts file past which it is compacted (also past the live ones); COMPACT_SLACK unless given. */
  compactSlack?: number
}

/**
 * The leading byte of a body kept as its text's UTF-8 bytes, beside the entry codec's (zstd 1,
 * raw deflate 0), which the rows an earlier build wrote still hold. A part is read back every
 * run that renders its file, and decompressing cost more than reading four times the bytes from
 * SQLite; the store's size is the price (docs/performance.md, "kept parts stored as their bytes").
 */
const STORED = 2

/**
 * The leading byte of a row whose part's bytes are in the parts file beside the store (see
 * `PartsFile`): the row holds the file's id, the offset and the length, so it has no overflow
 * pages and its lengths and detectors read without walking the body's; the body is one `pread`
 * into a buffer of its own. Reading a part's 45 KB from SQLite's 4 KiB overflow pages cost about
 * twice as much (docs/performance.md, "kept parts in a file beside the store").
 */
const IN_FILE = 3
/** A pointer row's body: IN_FILE, the file's id (8 bytes), the offset (6 bytes), the length (4 bytes). */
const POINTER_BYTES = 19
/** The file's header: a magic string and the file's random id. */
const FILE_MAGIC = Buffer.from('ALTPARTS')
const HEADER_BYTES = 16
/** Dead bytes in the parts file past which `save` writes the live parts into a new file (also past the live bytes). */
const COMPACT_SLACK = 32 << 20

/**
 * A part's stored bytes, as the bounds count them: a part in the file counts as its row would
 * have held it (its codec byte and its text). The second test only runs on rows of the pointer's length.
 */
const storedSize = (t = '') =>
  `CASE WHEN LENGTH(${t}body) = ${POINTER_BYTES} AND hex(substr(${t}body, 1, 1)) = '0${IN_FILE}' THEN ${t}text_bytes + 1 ELSE LENGTH(${t}body) END`

/** A part to keep: the checked text, what the last check found in it, and its length as rendered. */
export interface StoredPart {
  text: string
  detectors: string[]
  renderedBytes: number
}

/**
 * A part read back: the checked text's UTF-8 bytes as kept (a file takes them as they are, never
 * decoded into a string), what the last check found in it, and its length as rendered. The caller
 * owns `bytes` and may give them back (`releaseBuffer`) once written.
 */
export interface ReadPart {
  bytes: Buffer
  detectors: string[]
  renderedBytes: number
}

/**
 * The kept parts' bytes beside the store, `<store>-parts`: a header (a magic string and a random
 * id), then parts' texts one after another, each addressed by its row (`IN_FILE`). Bytes are only
 * appended, under the store's write lock (the flush's immediate transaction), and synced once, by
 * the save, before the rows that point at them commit, so no committed row points at bytes a crash
 * or a power cut lost; the bytes of a run that died before its save are dead space. A file is never changed in
 * place: `save` writes the live parts into a new file with a new id and renames it over the old
 * one, and a row holds its file's id, so a row of another file (replaced, removed, or not restored
 * with the store from a cache) is a miss, never another part's bytes.
 */
class PartsFile {
  private constructor(
    readonly path: string,
    public fd: number,
    public id: Buffer
  ) {}

  /** The file at `path`, or a new one where there is none or it is not one of ours; undefined when it cannot be made. */
  static open(path: string): PartsFile | undefined {
    removeLeftovers(path)
    try {
      const f = PartsFile.existing(path)
      if (f) return f
    } catch {
      // None yet.
    }
    let made: PartsFile | undefined
    try {
      made = PartsFile.fresh(path)
      made.close()
      renameSync(made.path, path)
      return PartsFile.existing(path)
    } catch {
      if (made) rmSync(made.path, { force: true })
      return undefined
    }
  }

  private static existing(path: string): PartsFile | undefined {
    const fd = openSync(path, 'r+')
    const h = Buffer.alloc(HEADER_BYTES)
    if (readSync(fd, h, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !h.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
      closeSync(fd)
      return undefined
    }
    return new PartsFile(path, fd, h.subarray(FILE_MAGIC.length))
  }

  /** An empty file with a new id under a name of this process's own beside `path`, synced: renamed over `path` by the caller. */
  static fresh(path: string): PartsFile {
    const tmp = `${path}.${process.pid}.new`
    const fd = openSync(tmp, 'w+')
    try {
      const id = randomBytes(HEADER_BYTES - FILE_MAGIC.length)
      writeAll(fd, Buffer.concat([FILE_MAGIC, id]), 0)
      fdatasyncSync(fd)
      return new PartsFile(tmp, fd, id)
    } catch (e) {
      closeSync(fd)
      rmSync(tmp, { force: true })
      throw e
    }
  }

  /** The `size` bytes at `at` in a buffer of their own, or undefined when the file ends before. */
  read(at: number, size: number): Buffer | undefined {
    const b = Buffer.allocUnsafe(size)
    if (readSync(this.fd, b, 0, size, at) === size) return b
    releaseBuffer(b)
    return undefined
  }

  /**
   * Whether the file at the path is still this one; if another run renamed a new one over it
   * (`compact`), opens that one instead, so this run neither appends to nor compacts a file no row
   * will point at, nor misses the rows that point at the new one. Appending and compacting follow
   * under the store's write lock, which a compacting run holds; a file renamed in is whole.
   */
  follow(): void {
    if (statSync(this.path).ino === fstatSync(this.fd).ino) return
    const now = PartsFile.existing(this.path)
    if (!now) throw new Error('the parts file is not one of ours')
    this.close()
    this.fd = now.fd
    this.id = now.id
  }

  /** Appends `texts`; their offsets. Only under the store's write lock; synced by `sync` before rows point at them. */
  append(texts: Buffer[]): number[] {
    let at = Math.max(fstatSync(this.fd).size, HEADER_BYTES)
    const offsets: number[] = []
    for (const t of texts) {
      writeAll(this.fd, t, at)
      offsets.push(at)
      at += t.length
    }
    return offsets
  }

  sync(): void {
    fdatasyncSync(this.fd)
  }

  /** A row's body for `size` bytes at `at` in this file. */
  pointer(at: number, size: number): Buffer {
    const p = Buffer.alloc(POINTER_BYTES)
    p[0] = IN_FILE
    this.id.copy(p, 1)
    p.writeUIntLE(at, 9, 6)
    p.writeUInt32LE(size, 15)
    return p
  }

  /** A pointer row's body's first bytes: IN_FILE and this file's id. */
  prefix(): Buffer {
    return Buffer.concat([Buffer.from([IN_FILE]), this.id])
  }

  close(): void {
    closeSync(this.fd)
  }
}

/**
 * Removes the new files (`<path>.<pid>.new`, as large as the live parts when a compaction wrote
 * them) that a run killed before its rename left beside `path`; a running process's are its own.
 */
function removeLeftovers(path: string): void {
  try {
    const dir = dirname(path)
    const base = basename(path)
    for (const name of readdirSync(dir)) {
      const m = name.startsWith(`${base}.`) ? /^\.(\d+)\.new$/.exec(name.slice(base.length)) : null
      if (m && !processRunning(Number(m[1]))) rmSync(join(dir, name), { force: true })
    }
  } catch {
    // Left for a later run.
  }
}

function writeAll(fd: number, b: Buffer, at: number): void {
  for (let off = 0; off < b.length;) off += writeSync(fd, b, off, b.length - off, at + off)
}

/** Stored bytes of parts gathered before they are written in one transaction. */
const BATCH_BYTES = 1 << 18

/** The same when the parts' bytes go to the file: each batch takes the store's write lock to append them. */
const FILE_BATCH_BYTES = 1 << 20

/**
 * The rendered parts' table (migration 22) through a connection of its own (the job closes its
 * store before it renders): each session's part of a report file, as the last check left it, by
 * a hash of everything its bytes depend on (src/pipeline/render-parts.ts). A part is read when
 * asked for, never the table whole; what a run makes is written a few MiB at a time in short
 * transactions, so no lock is held while the job renders, and a job that fails midway leaves
 * whole parts only (of the parts whose bytes went to the parts file, none: their rows are
 * committed by the save, after one sync). Every failure makes the part a miss; a store that cannot
 * be written only loses the next run its hits.
 */
export class RenderPartsStore {
  private readonly conn: Database.Database
  private readonly get: Database.Statement
  private readonly put: Database.Statement
  private readonly renew: Database.Statement
  private readonly drop: Database.Statement
  private readonly dropRun: Database.Statement
  /** The number this run's rows get: one past the newest in the table. */
  readonly run: number
  private readonly used = new Set<string>()
  /** Parts this run moved from their rows to the file (`moveToFile`), each once. */
  private readonly moved = new Set<string>()
  /** The parts half their lease gone, read at the first part asked for: few, but every fourth run all. */
  private due: Set<string> | undefined
  private pending: [string, Buffer, number, number, string][] = []
  /** Rows of parts this run wrote to the file, committed by the save once the file is synced. */
  private placed: [string, Buffer, number, number, string][] = []
  private pendingBytes = 0
  /** Stored bytes of the table and of what this run wrote, read at the run's first write. */
  private storedBytes: number | undefined
  private wrote = false
  private broken = false

  private constructor(
    conn: Database.Database,
    private readonly limits: PartLimits,
    private readonly file: PartsFile | undefined
  ) {
    this.conn = conn
    this.run = ((conn.prepare('SELECT MAX(used_run) FROM render_part_runs').pluck().get() as number | null) ?? 0) + 1
    this.get = conn.prepare('SELECT body, text_bytes, rendered_bytes, detectors FROM render_parts WHERE hash = ?')
    this.put = conn.prepare(
      'INSERT INTO render_parts (hash, body, text_bytes, rendered_bytes, detectors) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET body = excluded.body, text_bytes = excluded.text_bytes, rendered_bytes = excluded.rendered_bytes, detectors = excluded.detectors'
    )
    this.renew = conn.prepare('INSERT INTO render_part_runs (hash, used_run) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET used_run = excluded.used_run')
    this.drop = conn.prepare('DELETE FROM render_parts WHERE hash = ?')
    this.dropRun = conn.prepare('DELETE FROM render_part_runs WHERE hash = ?')
  }

  /** The table of the store at `path`, or null: a store in memory, one that cannot be opened, or a schema older than migration 24. */
  static open(path: string, limits: PartLimits = { maxBytes: PART_MAX_BYTES, plainBytes: PART_PLAIN_BYTES }): RenderPartsStore | null {
    if (path === '' || path === ':memory:') return null
    let conn: Database.Database | null = null
    try {
      conn = new Database(path, { fileMustExist: true })
      conn.pragma('busy_timeout = 60000')
      // A cache: a commit lost to a power cut costs a later run its hits, never the store its shape (WAL).
      conn.pragma('synchronous = NORMAL')
      // A part is read once by its hash: the connection needs no page cache of its own beside the job's.
      conn.pragma('cache_size = -256')
      // Parts' runs of use apart from their bodies since migration 24: an older store keeps none.
      if (!conn.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'render_part_runs'`).get()) {
        conn.close()
        return null
      }
      // Without the file (one that cannot be made beside the store) parts are kept in their rows, as before.
      return new RenderPartsStore(conn, limits, PartsFile.open(`${path}-parts`))
    } catch {
      conn?.close()
      return null
    }
  }

  /** The part stored under `hash`, or undefined (none, or one that does not read back whole). */
  read(hash: string): ReadPart | undefined {
    if (this.broken) return undefined
    try {
      const row = this.get.get(hash) as { body: Buffer; text_bytes: number; rendered_bytes: number; detectors: string } | undefined
      if (!row) return undefined
      // A stored body's text is a view of the row's buffer, which the caller gives back once written.
      const stored = row.body[0] === STORED
      const raw =
        row.body.length === POINTER_BYTES && row.body[0] === IN_FILE
          ? this.fromFile(row.body)
          : stored
            ? row.body.subarray(1)
            : decompressEntry(row.body, row.text_bytes)
      if (!raw) {
        this.forget(hash)
        return undefined
      }
      const detectors = JSON.parse(row.detectors) as unknown
      if (raw.length !== row.text_bytes || !Array.isArray(detectors) || !detectors.every((d) => typeof d === 'string') || !(row.rendered_bytes >= 0)) {
        this.forget(hash)
        return undefined
      }
      // Renewed only once half its lease is gone, so a run over an unchanged history writes little.
      // A set read once, not a run looked up per part: joining each part's run to its read cost more than renewing saves.
      this.due ??= new Set(
        this.conn
          .prepare('SELECT hash FROM render_part_runs WHERE used_run <= ?')
          .pluck()
          .all(this.run - PART_KEEP_RUNS / 2) as string[]
      )
      if (this.due.has(hash)) this.used.add(hash)
      if (stored && this.file && !this.moved.has(hash)) this.moveToFile(hash, raw, row.rendered_bytes, row.detectors)
      if (!stored) releaseBuffer(row.body)
      return { bytes: raw, detectors: detectors as string[], renderedBytes: row.rendered_bytes }
    } catch {
      this.forget(hash)
      return undefined
    }
  }

  /**
   * A part an earlier build kept as its bytes in its row goes to the parts file, once: read from
   * there, it no longer costs SQLite's overflow pages every run. A copy, as the caller gives the
   * row's buffer back once written; its row points at the file from the save, as a part made this
   * run does (a run killed before then leaves the row as it was).
   */
  private moveToFile(hash: string, text: Buffer, renderedBytes: number, detectors: string): void {
    this.moved.add(hash)
    const body = Buffer.allocUnsafe(text.length + 1)
    body[0] = STORED
    text.copy(body, 1)
    this.pending.push([hash, body, text.length, renderedBytes, detectors])
    this.pendingBytes += body.length
    if (this.pendingBytes >= FILE_BATCH_BYTES) this.flush()
  }

  /** A pointer row's bytes from the parts file, or undefined: another file's row, or bytes the file does not hold whole. */
  private fromFile(body: Buffer): Buffer | undefined {
    if (!this.file) return undefined
    // Another run may have compacted the file since this one opened it: its rows then name the new file.
    if (!body.subarray(1, 9).equals(this.file.id)) this.file.follow()
    if (!body.subarray(1, 9).equals(this.file.id)) return undefined
    return this.file.read(body.readUIntLE(9, 6), body.readUInt32LE(15))
  }

  /** Keeps a part made this run. */
  write(hash: string, part: StoredPart): void {
    if (this.broken) return
    try {
      // The text encoded once, straight after the codec's byte.
      const bytes = Buffer.byteLength(part.text)
      let body: Buffer = Buffer.allocUnsafe(bytes + 1)
      body[0] = STORED
      if (body.write(part.text, 1, 'utf8') !== bytes) throw new Error('a part did not encode whole')
      this.storedBytes ??= this.conn.prepare(`SELECT COALESCE(SUM(${storedSize()}), 0) FROM render_parts`).pluck().get() as number
      if (this.storedBytes + body.length > this.limits.plainBytes) {
        const plain = body
        body = compressEntry(plain.subarray(1))
        releaseBuffer(plain)
      }
      this.storedBytes += body.length
      this.pending.push([hash, body, bytes, part.renderedBytes, JSON.stringify(part.detectors)])
      this.pendingBytes += body.length
      if (this.pendingBytes >= (this.file ? FILE_BATCH_BYTES : BATCH_BYTES)) this.flush()
    } catch {
      this.broken = true
    }
  }

  private flush(): void {
    if (!this.pending.length) return
    const rows = this.pending
    this.pending = []
    this.pendingBytes = 0
    const bodies = rows.map((r) => r[1])
    // Immediate: the file's end is read and written to under the store's write lock, so two runs never append at one offset.
    this.conn
      .transaction(() => {
        const file = this.file
        if (file) {
          // The parts kept as their bytes go to the file now; their rows wait for the save, which syncs the file once before it commits them.
          file.follow()
          const inFile = rows.filter((r) => r[1][0] === STORED)
          const offsets = file.append(inFile.map((r) => r[1].subarray(1)))
          inFile.forEach((r, i) => {
            r[1] = file.pointer(offsets[i], r[2])
            this.placed.push(r)
          })
        }
        for (const r of rows) {
          if (r[1][0] === IN_FILE) continue
          this.put.run(...r)
          this.renew.run(r[0], this.run)
        }
      })
      .immediate()
    // SQLite bound a copy of each; the file was written from them.
    for (const b of bodies) releaseBuffer(b)
    this.wrote = true
  }

  private forget(hash: string): void {
    try {
      this.drop.run(hash)
      this.dropRun.run(hash)
    } catch {
      this.broken = true
    }
  }

  /**
   * Writes what is gathered, renews the parts met again, and evicts those unused for
   * PART_KEEP_RUNS runs that wrote, then the least recently used past PART_MAX_BYTES; compacts the
   * parts file once it holds more dead bytes than live ones; closes the connection. Writes nothing
   * when nothing was made or renewed.
   */
  save(): void {
    try {
      if (this.broken) return
      this.flush()
      if (!this.wrote && !this.used.size) return
      // One sync for the run's parts in the file, on the wall's path once rather than at every batch.
      if (this.placed.length) this.file?.sync()
      this.conn
        .transaction(() => {
          for (const r of this.placed) {
            this.put.run(...r)
            this.renew.run(r[0], this.run)
          }
          for (const h of this.used) this.renew.run(h, this.run)
          const stale = this.run - PART_KEEP_RUNS
          this.conn.prepare('DELETE FROM render_parts WHERE hash IN (SELECT hash FROM render_part_runs WHERE used_run <= ?)').run(stale)
          this.conn.prepare('DELETE FROM render_part_runs WHERE used_run <= ?').run(stale)
          const total = this.conn.prepare(`SELECT COALESCE(SUM(${storedSize()}), 0) FROM render_parts`).pluck().get() as number
          if (total > this.limits.maxBytes) this.evict(total)
          try {
            // A savepoint: a compaction that fails (a rename the system refuses) leaves the rows and the file as they were, and the run's rows commit.
            this.conn.transaction(() => this.compact())()
          } catch {
            // The dead bytes wait for a later run.
          }
        })
        .immediate()
    } catch {
      // A store that cannot be written keeps what it held.
    } finally {
      this.close()
    }
  }

  /** Drops the least recently used parts until the table holds `limits.maxBytes` at most. */
  private evict(total: number): void {
    const gone: string[] = []
    for (const r of this.conn
      // A part with no run of use (none should be: a part and its run are written and dropped together) goes first.
      .prepare(
        `SELECT p.hash, ${storedSize('p.')} AS n FROM render_parts p LEFT JOIN render_part_runs r ON r.hash = p.hash ORDER BY COALESCE(r.used_run, 0), p.hash`
      )
      .iterate() as IterableIterator<{
      hash: string
      n: number
    }>) {
      if (total <= this.limits.maxBytes) break
      gone.push(r.hash)
      total -= r.n
    }
    for (const h of gone) {
      this.drop.run(h)
      this.dropRun.run(h)
    }
  }

  /**
   * Writes the file's live parts into a new file and renames it over the old one, once the dead
   * bytes (parts dropped, made again, or written by a run that died before its commit) are more
   * than the live ones and COMPACT_SLACK. Within the save's transaction: the rows point at the new
   * file once it commits; a run that dies between the rename and the commit leaves rows of the old
   * file's id, which miss.
   */
  private compact(): void {
    const file = this.file
    if (!file) return
    file.follow()
    const mine = file.prefix()
    const live = this.conn
      .prepare(`SELECT COALESCE(SUM(text_bytes), 0) FROM render_parts WHERE LENGTH(body) = ${POINTER_BYTES} AND substr(body, 1, 9) = ?`)
      .pluck()
      .get(mine) as number
    const dead = fstatSync(file.fd).size - HEADER_BYTES - live
    if (dead <= Math.max(live, this.limits.compactSlack ?? COMPACT_SLACK)) return
    const rows = (
      this.conn.prepare(`SELECT hash, body FROM render_parts WHERE LENGTH(body) = ${POINTER_BYTES} AND substr(body, 1, 9) = ?`).all(mine) as {
        hash: string
        body: Buffer
      }[]
    )
      .map((r) => ({ hash: r.hash, at: r.body.readUIntLE(9, 6), size: r.body.readUInt32LE(15) }))
      .sort((a, b) => a.at - b.at)
    const next = PartsFile.fresh(file.path)
    try {
      const set = this.conn.prepare('UPDATE render_parts SET body = ? WHERE hash = ?')
      let buf = Buffer.allocUnsafe(1 << 20)
      let at = HEADER_BYTES
      for (const r of rows) {
        if (r.size > buf.length) buf = Buffer.allocUnsafe(r.size)
        // A part the old file does not hold whole is dropped, not copied.
        if (readSync(file.fd, buf, 0, r.size, r.at) !== r.size) {
          this.drop.run(r.hash)
          this.dropRun.run(r.hash)
          continue
        }
        writeAll(next.fd, buf.subarray(0, r.size), at)
        set.run(next.pointer(at, r.size), r.hash)
        at += r.size
      }
      fdatasyncSync(next.fd)
      renameSync(next.path, file.path)
    } catch (e) {
      next.close()
      rmSync(next.path, { force: true })
      throw e
    }
    file.close()
    file.fd = next.fd
    file.id = next.id
  }

  /** Closes without writing what is gathered. */
  close(): void {
    this.pending = []
    this.placed = []
    if (this.conn.open) this.conn.close()
    if (this.file && this.file.fd >= 0) {
      this.file.close()
      this.file.fd = -1
    }
  }
}

/** Empties the tables (the sanitized export: what a store's own runs made is not published). */
export function dropRenderParts(db: Db): void {
  for (const table of ['render_parts', 'render_part_runs'])
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)) db.prepare(`DELETE FROM ${table}`).run()
}
