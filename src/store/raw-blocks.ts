import { constants, zstdCompressSync, zstdDecompressSync } from 'node:zlib'
import { prepared, type Db } from './db.js'

/*
 * Raw log lines are kept in zstd-compressed blocks, one file's consecutive lines per block
 * (table raw_blocks); an event addresses its line by block and item (events.raw_block,
 * events.raw_item). A block decompresses to: the item count, each item's UTF-8 byte length (all
 * unsigned 32-bit little-endian), then the items' bytes back to back. Items are addressed by
 * position, so a block rewritten with some items blanked (a deleted session, a redacted copy)
 * keeps every other event's address.
 */

/** Characters of raw lines per block before it is closed: docs/performance.md has the measurements that chose it. */
export const RAW_BLOCK_CHARS = 256 * 1024
/** zstd's fastest regular level: the higher ones cost ingest time for a few per cent of size. */
const LEVEL = 1
/** A block never decompresses to more than this (a guard against a corrupt or hostile store). */
const MAX_BLOCK_BYTES = 1024 * 1024 * 1024

export function encodeRawBlock(items: readonly string[]): Buffer {
  // One buffer written in place: the lines are encoded to UTF-8 once, with no copy to join them.
  const lengths = items.map((s) => Buffer.byteLength(s, 'utf8'))
  const plain = Buffer.allocUnsafe(4 * (items.length + 1) + lengths.reduce((a, b) => a + b, 0))
  plain.writeUInt32LE(items.length, 0)
  let at = 4 * (items.length + 1)
  items.forEach((s, i) => {
    plain.writeUInt32LE(lengths[i], 4 * (i + 1))
    at += plain.write(s, at, 'utf8')
  })
  return zstdCompressSync(plain, { params: { [constants.ZSTD_c_compressionLevel]: LEVEL } })
}

/** A decompressed block: its items are decoded one at a time, on demand. */
export class RawBlock {
  private starts: number[] = []
  private constructor(private bytes: Buffer) {
    const n = bytes.readUInt32LE(0)
    let at = 4 * (n + 1)
    for (let i = 0; i < n; i++) {
      this.starts.push(at)
      at += bytes.readUInt32LE(4 * (i + 1))
    }
    this.starts.push(at)
    if (at !== bytes.length) throw new Error(`raw block: items end at byte ${at} of ${bytes.length}`)
  }

  static decode(data: Buffer): RawBlock {
    return new RawBlock(zstdDecompressSync(data, { maxOutputLength: MAX_BLOCK_BYTES }))
  }

  get size(): number {
    return this.starts.length - 1
  }

  item(i: number): string {
    if (!(i >= 0 && i < this.size)) throw new Error(`raw block: no item ${i} of ${this.size}`)
    return this.bytes.toString('utf8', this.starts[i], this.starts[i + 1])
  }

  items(): string[] {
    return Array.from({ length: this.size }, (_, i) => this.item(i))
  }
}

/** Where an event's raw line is: both null when the event has none. */
export interface RawAddress {
  raw_block: number | null
  raw_item: number | null
}

/**
 * Reads raw lines by address, keeping the last block it decompressed: readers go through a
 * file's events in order, so consecutive lines mostly share a block.
 */
export class RawLineReader {
  private lastId = -1
  private last: RawBlock | null = null
  constructor(private db: Db) {}

  line(at: RawAddress): string | null {
    if (at.raw_block === null || at.raw_item === null) return null
    return this.block(at.raw_block).item(at.raw_item)
  }

  private block(id: number): RawBlock {
    if (id !== this.lastId || !this.last) {
      const row = prepared(this.db, 'SELECT data FROM raw_blocks WHERE id = ?').get(id) as { data: Buffer } | undefined
      if (!row) throw new Error(`raw block ${id} is missing`)
      this.last = RawBlock.decode(row.data)
      this.lastId = id
    }
    return this.last
  }
}

/** The raw line of one event; null when it has none. */
export function readRawLine(db: Db, eventId: number): string | null {
  const at = prepared(db, 'SELECT raw_block, raw_item FROM events WHERE id = ?').get(eventId) as RawAddress | undefined
  return at ? new RawLineReader(db).line(at) : null
}

/**
 * Gathers one file's raw lines into blocks while its events are written. A block's id is chosen
 * when its first line is addressed and its row is written when it is closed, both inside the
 * writer's transaction, so a block commits (or rolls back) with exactly the events it covers.
 */
export class RawBlockWriter {
  private fileId = -1
  private blockId: number | null = null
  private items: string[] = []
  private chars = 0

  constructor(
    private db: Db,
    private limit = RAW_BLOCK_CHARS
  ) {}

  /** The address the next line of `fileId` will have if it is kept. */
  next(fileId: number): { block: number; item: number } {
    if (fileId !== this.fileId) this.close()
    this.fileId = fileId
    this.blockId ??= (prepared(this.db, 'SELECT COALESCE(MAX(id), 0) + 1 AS id FROM raw_blocks').get() as { id: number }).id
    return { block: this.blockId, item: this.items.length }
  }

  /** Keeps the line last addressed by `next`. */
  keep(line: string): void {
    this.items.push(line)
    // Characters, not UTF-8 bytes: a limit needs no exact size, and measuring bytes costs a pass over the text.
    this.chars += line.length
    if (this.chars >= this.limit) this.close()
  }

  /** Writes the open block, if it holds a line; called before the transaction commits. */
  close(): void {
    if (this.blockId !== null && this.items.length > 0)
      prepared(this.db, 'INSERT INTO raw_blocks (id, file_id, data) VALUES (?, ?, ?)').run(this.blockId, this.fileId, encodeRawBlock(this.items))
    this.discard()
  }

  /** Forgets the open block unwritten: its transaction was rolled back, or is about to start. */
  discard(): void {
    this.blockId = null
    this.items = []
    this.chars = 0
  }
}

/**
 * After events were deleted: each given block whose lines no event addresses any more is
 * deleted, and one that still serves some events is rewritten with the others' lines blanked,
 * so a deleted session's text does not stay behind in a block it shared.
 */
export function pruneRawBlocks(db: Db, blockIds: Iterable<number>): void {
  for (const id of new Set(blockIds)) {
    const block = prepared(db, 'SELECT file_id, data FROM raw_blocks WHERE id = ?').get(id) as { file_id: number; data: Buffer } | undefined
    if (!block) continue
    const live = new Set(
      (prepared(db, 'SELECT raw_item FROM events WHERE file_id = ? AND raw_block = ?').all(block.file_id, id) as { raw_item: number }[]).map((r) => r.raw_item)
    )
    if (live.size === 0) {
      prepared(db, 'DELETE FROM raw_blocks WHERE id = ?').run(id)
      continue
    }
    const items = RawBlock.decode(block.data).items()
    if (items.every((s, i) => live.has(i) || s === '')) continue
    prepared(db, 'UPDATE raw_blocks SET data = ? WHERE id = ?').run(encodeRawBlock(items.map((s, i) => (live.has(i) ? s : ''))), id)
  }
}

/**
 * Rewrites every block's live lines through `f` and blanks the lines no event addresses, a block
 * at a time, so memory stays flat whatever the store's size. For a copy that is published.
 */
export function rewriteRawLines(db: Db, f: (line: string) => string): void {
  const page = db.prepare('SELECT id, file_id, data FROM raw_blocks WHERE id > ? ORDER BY id LIMIT 16')
  const liveOf = db.prepare('SELECT raw_item FROM events WHERE file_id = ? AND raw_block = ?')
  const update = db.prepare('UPDATE raw_blocks SET data = ? WHERE id = ?')
  const drop = db.prepare('DELETE FROM raw_blocks WHERE id = ?')
  for (let last = -1; ;) {
    const rows = page.all(last) as { id: number; file_id: number; data: Buffer }[]
    if (rows.length === 0) return
    for (const b of rows) {
      const live = new Set((liveOf.all(b.file_id, b.id) as { raw_item: number }[]).map((r) => r.raw_item))
      if (live.size === 0) {
        drop.run(b.id)
        continue
      }
      const items = RawBlock.decode(b.data).items()
      const out = items.map((s, i) => (live.has(i) ? f(s) : ''))
      if (out.some((s, i) => s !== items[i])) update.run(encodeRawBlock(out), b.id)
    }
    last = rows[rows.length - 1].id
  }
}

/** Rows that carry a raw line's address, with the line in its place: `raw`, null when there is none. */
export function withRawLines<T extends RawAddress>(db: Db, rows: readonly T[]): (Omit<T, keyof RawAddress> & { raw: string | null })[] {
  const reader = new RawLineReader(db)
  return rows.map(({ raw_block, raw_item, ...rest }) => ({ ...rest, raw: reader.line({ raw_block, raw_item }) }))
}
