import Database from 'better-sqlite3'
import type { Db } from './db.js'
import { releaseBuffer } from '../release-buffer.js'
import { compressEntry, decompressEntry } from './entry-codec.js'

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
}

/**
 * The leading byte of a body kept as its text's UTF-8 bytes, beside the entry codec's (zstd 1,
 * raw deflate 0), which the rows an earlier build wrote still hold. A part is read back every
 * run that renders its file, and decompressing cost more than reading four times the bytes from
 * SQLite; the store's size is the price (docs/performance.md, "kept parts stored as their bytes").
 */
const STORED = 2

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

/** Stored bytes of parts gathered before they are written in one transaction. */
const BATCH_BYTES = 1 << 18

/**
 * The rendered parts' table (migration 22) through a connection of its own (the job closes its
 * store before it renders): each session's part of a report file, as the last check left it, by
 * a hash of everything its bytes depend on (src/pipeline/render-parts.ts). A part is read when
 * asked for, never the table whole; what a run makes is written a few MiB at a time in short
 * transactions, so no lock is held while the job renders, and a job that fails midway leaves
 * whole parts only. Every failure makes the part a miss; a store that cannot be written only
 * loses the next run its hits.
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
  /** The parts half their lease gone, read at the first part asked for: few, but every fourth run all. */
  private due: Set<string> | undefined
  private pending: [string, Buffer, number, number, string][] = []
  private pendingBytes = 0
  /** Stored bytes of the table and of what this run wrote, read at the run's first write. */
  private storedBytes: number | undefined
  private wrote = false
  private broken = false

  private constructor(
    conn: Database.Database,
    private readonly limits: PartLimits
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
      return new RenderPartsStore(conn, limits)
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
      const raw = stored ? row.body.subarray(1) : decompressEntry(row.body, row.text_bytes)
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
      if (!stored) releaseBuffer(row.body)
      return { bytes: raw, detectors: detectors as string[], renderedBytes: row.rendered_bytes }
    } catch {
      this.forget(hash)
      return undefined
    }
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
      this.storedBytes ??= this.conn.prepare('SELECT COALESCE(SUM(LENGTH(body)), 0) FROM render_parts').pluck().get() as number
      if (this.storedBytes + body.length > this.limits.plainBytes) {
        const plain = body
        body = compressEntry(plain.subarray(1))
        releaseBuffer(plain)
      }
      this.storedBytes += body.length
      this.pending.push([hash, body, bytes, part.renderedBytes, JSON.stringify(part.detectors)])
      this.pendingBytes += body.length
      if (this.pendingBytes >= BATCH_BYTES) this.flush()
    } catch {
      this.broken = true
    }
  }

  private flush(): void {
    if (!this.pending.length) return
    const rows = this.pending
    this.pending = []
    this.pendingBytes = 0
    this.conn.transaction(() => {
      for (const r of rows) {
        this.put.run(...r)
        this.renew.run(r[0], this.run)
      }
    })()
    // SQLite bound a copy of each.
    for (const r of rows) releaseBuffer(r[1])
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
   * PART_KEEP_RUNS runs that wrote, then the least recently used past PART_MAX_BYTES; closes the
   * connection. Writes nothing when nothing was made or renewed.
   */
  save(): void {
    try {
      if (this.broken) return
      this.flush()
      if (!this.wrote && !this.used.size) return
      this.conn
        .transaction(() => {
          for (const h of this.used) this.renew.run(h, this.run)
          const stale = this.run - PART_KEEP_RUNS
          this.conn.prepare('DELETE FROM render_parts WHERE hash IN (SELECT hash FROM render_part_runs WHERE used_run <= ?)').run(stale)
          this.conn.prepare('DELETE FROM render_part_runs WHERE used_run <= ?').run(stale)
          let total = this.conn.prepare('SELECT COALESCE(SUM(LENGTH(body)), 0) FROM render_parts').pluck().get() as number
          if (total <= this.limits.maxBytes) return
          const gone: string[] = []
          for (const r of this.conn
            // A part with no run of use (none should be: a part and its run are written and dropped together) goes first.
            .prepare(
              'SELECT p.hash, LENGTH(p.body) AS n FROM render_parts p LEFT JOIN render_part_runs r ON r.hash = p.hash ORDER BY COALESCE(r.used_run, 0), p.hash'
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
        })
        .immediate()
    } catch {
      // A store that cannot be written keeps what it held.
    } finally {
      this.close()
    }
  }

  /** Closes without writing what is gathered. */
  close(): void {
    this.pending = []
    if (this.conn.open) this.conn.close()
  }
}

/** Empties the tables (the sanitized export: what a store's own runs made is not published). */
export function dropRenderParts(db: Db): void {
  for (const table of ['render_parts', 'render_part_runs'])
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)) db.prepare(`DELETE FROM ${table}`).run()
}
