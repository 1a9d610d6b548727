import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createGunzip, createZstdDecompress } from 'node:zlib'

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be'

export interface Line {
  text: string
  /** 1-based line number in the file. */
  lineNo: number
  /** Byte offset just past this line's newline: where a resumed read starts. */
  end: number
  /** The line held bytes that are not valid UTF-8; they were replaced with U+FFFD. */
  invalidUtf8?: boolean
  /** The line was longer than the cap; `text` is empty and the line was not read. */
  tooLong?: number
  /**
   * The line is within the cap but over `maxHeldBytes`; `text` is empty, the line was not read,
   * and nothing after it is: whoever set that bound reads it elsewhere (see held-bytes.ts).
   */
  overHeld?: number
  /** The file ends without a newline after this line (it may still be being written). */
  unterminated?: boolean
  /**
   * The line's bytes as read, when `text` is exactly their UTF-8 decoding (no invalid bytes), so
   * its digest needs no second encoding: a view of the read buffer, valid only until the next line is read.
   */
  bytes?: Buffer
}

export interface ReadOptions {
  start: number
  lineNo: number
  maxLineBytes: number
  /** Lines within `maxLineBytes` but over this many bytes end the read (see `Line.overHeld`). */
  maxHeldBytes?: number
  chunkBytes?: number
}

/** The encoding a file's first bytes announce. UTF-16 files come from PowerShell's `>` redirection. */
export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8-bom'
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be'
  // UTF-16 without a BOM: every other byte of ASCII JSON is zero.
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0) return 'utf16le'
  if (head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0) return 'utf16be'
  return 'utf8'
}

/** Decodes a whole buffer (a file's head, a document) in its encoding, without a BOM. */
export function decodeText(buf: Buffer, enc: Encoding): string {
  if (enc === 'utf16le') return new TextDecoder('utf-16le').decode(buf).replace(/^\uFEFF/, '')
  if (enc === 'utf16be') return new TextDecoder('utf-16be').decode(buf).replace(/^\uFEFF/, '')
  return buf.toString('utf8').replace(/^\uFEFF/, '')
}

const fatal = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(buf: Buffer, s: number, e: number): { text: string; invalid: boolean } {
  const text = buf.toString('utf8', s, e)
  if (!text.includes('\uFFFD')) return { text, invalid: false }
  try {
    fatal.decode(buf.subarray(s, e))
    return { text, invalid: false }
  } catch {
    return { text, invalid: true }
  }
}

/**
 * Reads a file's lines from a byte offset in whole chunks split on newlines (twice as fast as
 * readline, and it never holds more than a chunk plus one line). A line longer than
 * `maxLineBytes` is skipped without being held in memory. CR before LF is dropped.
 */
export async function* readLines(path: string, encoding: Encoding, opts: ReadOptions): AsyncGenerator<Line> {
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    yield* readUtf16Lines(path, encoding, opts)
    return
  }
  const start = opts.start === 0 && encoding === 'utf8-bom' ? 3 : opts.start
  yield* splitLines(fileChunks(path, start, opts.chunkBytes ?? 1 << 20), start, opts)
}

/** A file's bytes from an offset, in whole chunks (the buffer is reused: consume each before the next). */
async function* fileChunks(path: string, start: number, chunkBytes: number): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r')
  try {
    // Most logs are far smaller than a chunk: a buffer sized to the file keeps the garbage of a
    // many-file ingest (one buffer per file) from swelling the process's memory.
    const left = (await fh.stat()).size - start
    const buf = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(64 * 1024, left)))
    for (let pos = start; ;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos)
      if (bytesRead === 0) return
      pos += bytesRead
      yield buf.subarray(0, bytesRead)
    }
  } finally {
    await fh.close()
  }
}

export type Compression = 'gzip' | 'zstd'

/** Archived logs may be compressed: Codex moves old rollouts to `archived_sessions/` as `.jsonl.zst`. */
export function detectCompression(head: Buffer): Compression | null {
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd'
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  return null
}

function decompressor(c: Compression) {
  return c === 'zstd' ? createZstdDecompress() : createGunzip()
}

/** The decompressed lines of a compressed log. Offsets count decompressed bytes: such files are re-read whole when they change. */
export async function* readCompressedLines(path: string, c: Compression, opts: Omit<ReadOptions, 'start'>): AsyncGenerator<Line> {
  yield* splitLines(createReadStream(path).pipe(decompressor(c)) as AsyncIterable<Buffer>, 0, { ...opts, start: 0 })
}

/** The first bytes of a compressed log, decompressed, for recognizing its format. */
export async function readCompressedHead(path: string, c: Compression, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = []
  let n = 0
  const stream = createReadStream(path).pipe(decompressor(c))
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk)
      n += chunk.length
      if (n >= bytes) break
    }
  } finally {
    stream.destroy()
  }
  return Buffer.concat(parts).subarray(0, bytes)
}

/**
 * Splits chunks on newlines (twice as fast as readline, and it never holds more than a chunk plus
 * one line). A line longer than `maxLineBytes` is skipped without being held in memory. CR before
 * LF is dropped. `start` is the byte offset of the first chunk, so each line knows where it ends.
 */
async function* splitLines(chunks: AsyncIterable<Buffer>, start: number, opts: ReadOptions): AsyncGenerator<Line> {
  let pos = start
  let lineNo = opts.lineNo
  // Past this a line is not held: it is skipped, or ends the read when it is within the cap.
  const hold = Math.min(opts.maxLineBytes, opts.maxHeldBytes ?? Infinity)
  const notHeld = (bytes: number, end: number, unterminated?: true): Line =>
    bytes > opts.maxLineBytes ? { text: '', lineNo, end, tooLong: bytes, unterminated } : { text: '', lineNo, end, overHeld: bytes, unterminated }
  // The start of a line that spans chunks, as copies of its pieces: joined once, when its newline
  // comes, so a line of many chunks costs its length, not its length times its chunks.
  let carry: Buffer[] = []
  let carryBytes = 0
  // While passing over a line longer than `hold`: the bytes seen so far.
  let skipping: { bytes: number } | null = null
  const line = (data: Buffer, from: number, nl: number, dataStart: number): Line => {
    lineNo++
    if (skipping) {
      const bytes = skipping.bytes + nl - from
      skipping = null
      return notHeld(bytes, dataStart + nl + 1)
    }
    if (nl - from > hold) return notHeld(nl - from, dataStart + nl + 1)
    const e = nl > from && data[nl - 1] === 13 ? nl - 1 : nl
    const { text, invalid } = decodeUtf8(data, from, e)
    return { text, lineNo, end: dataStart + nl + 1, invalidUtf8: invalid || undefined, bytes: invalid ? undefined : data.subarray(from, e) }
  }
  for await (const chunk of chunks) {
    const chunkStart = pos
    pos += chunk.length
    let from = 0
    if (carryBytes > 0) {
      const nl = chunk.indexOf(10)
      if (nl === -1) {
        if (carryBytes + chunk.length > hold) {
          skipping = { bytes: carryBytes + chunk.length }
          carry = []
          carryBytes = 0
        } else {
          carry.push(Buffer.from(chunk))
          carryBytes += chunk.length
        }
        continue
      }
      // The whole line is read only when it is within `hold`: the bytes before its newline may pass it.
      if (carryBytes + nl > hold) {
        skipping = { bytes: carryBytes }
        const l = line(chunk, 0, nl, chunkStart)
        yield l
        if (l.overHeld !== undefined) return
        from = nl + 1
      } else {
        const joined = Buffer.concat([...carry, chunk.subarray(0, nl + 1)], carryBytes + nl + 1)
        yield line(joined, 0, joined.length - 1, chunkStart - carryBytes)
        from = nl + 1
      }
      carry = []
      carryBytes = 0
    }
    for (;;) {
      const nl = chunk.indexOf(10, from)
      if (nl === -1) break
      const l = line(chunk, from, nl, chunkStart)
      yield l
      if (l.overHeld !== undefined) return
      from = nl + 1
    }
    const rest = chunk.length - from
    if (skipping) skipping.bytes += rest
    else if (rest > hold) skipping = { bytes: rest }
    else if (rest > 0) {
      carry = [Buffer.from(chunk.subarray(from))]
      carryBytes = rest
    }
  }
  if (skipping) {
    lineNo++
    yield notHeld(skipping.bytes, pos, true)
  } else if (carryBytes > 0) {
    const last = Buffer.concat(carry, carryBytes)
    const e = last[last.length - 1] === 13 ? last.length - 1 : last.length
    const { text, invalid } = decodeUtf8(last, 0, e)
    yield { text, lineNo: lineNo + 1, end: pos, invalidUtf8: invalid || undefined, unterminated: true, bytes: invalid ? undefined : last.subarray(0, e) }
  }
}

/** UTF-16 logs are rare and small; they are decoded as a stream of chunks and split on LF. */
async function* readUtf16Lines(path: string, encoding: 'utf16le' | 'utf16be', opts: ReadOptions): AsyncGenerator<Line> {
  const fh = await open(path, 'r')
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be')
  try {
    const chunkBytes = opts.chunkBytes ?? 1 << 20
    const buf = Buffer.allocUnsafe(chunkBytes)
    let pos = opts.start
    let lineNo = opts.lineNo
    let carry = ''
    let carryStart = pos
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, chunkBytes, pos)
      if (bytesRead === 0) break
      pos += bytesRead
      let text = carry + decoder.decode(buf.subarray(0, bytesRead), { stream: true })
      if (carryStart === 0 && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1)
        carryStart = 2
      }
      let from = 0
      for (;;) {
        const nl = text.indexOf('\n', from)
        if (nl === -1) break
        lineNo++
        const lineText = text.slice(from, nl)
        // Each UTF-16 code unit is two bytes, so offsets stay exact for resuming.
        carryStart += (nl - from + 1) * 2
        const clean = lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText
        if (clean.length * 2 > opts.maxLineBytes) yield { text: '', lineNo, end: carryStart, tooLong: clean.length * 2 }
        else yield { text: clean, lineNo, end: carryStart }
        from = nl + 1
      }
      carry = text.slice(from)
      // A line is held here as it is read: past the bound, the read ends (see `Line.overHeld`).
      if (opts.maxHeldBytes !== undefined && carry.length * 2 > opts.maxHeldBytes) {
        yield { text: '', lineNo: lineNo + 1, end: pos, overHeld: carry.length * 2 }
        return
      }
    }
    carry += decoder.decode()
    if (carry.length > 0) yield { text: carry.replace(/\r$/, ''), lineNo: lineNo + 1, end: pos, unterminated: true }
  } finally {
    await fh.close()
  }
}
