import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { gunzipSync, zstdDecompressSync } from 'node:zlib'
import { open } from 'node:fs/promises'
import type { Db } from '../store/db.js'
import { reconcileCopies, reconcileFormats } from '../store/reconcile.js'
import { StoreWriter } from '../store/writer.js'
import { recognize, sourceById } from '../sources/registry.js'
import type { ParseRecord, Source, SourceContext } from '../sources/types.js'
import { fallbackSessionId } from '../sources/util/ids.js'
import { MALFORMED_JSON, tryParseJson } from '../sources/util/json.js'
import { detectCompression, detectEncoding, readCompressedHead, readCompressedLines, readLines, type Encoding, type Line } from './lines.js'
import { walkFiles } from './walk.js'

export interface IngestError {
  file: string
  line: number | null
  reason: string
}

export interface IngestResult {
  /** Files read (new or grown) in this run. */
  files: number
  /** Files left alone because they had not changed since the last ingest. */
  unchanged_files: number
  sessions: number
  events: number
  skipped_lines: number
  errors: IngestError[]
  /** Ids of the sessions this run touched. */
  session_ids: string[]
}

export interface IngestOptions {
  /** Lines longer than this are skipped and reported (default 64 MiB). */
  maxLineBytes?: number
  /** Events written per transaction (default 2,000). */
  batchSize?: number
  /** Documents (whole-file JSON formats) larger than this are skipped and reported (default 256 MiB). */
  maxDocumentBytes?: number
  onProgress?: (p: { file: string; bytes: number }) => void
}

const HEAD_BYTES = 4096
const MAX_BATCH_CHARS = 8 * 1024 * 1024
const SNIFF_BYTES = 64 * 1024

interface FileRow {
  id: number
  format: string | null
  size: number
  mtime_ms: number
  head_hash: string | null
  head_len: number
  offset: number
  line_no: number
  parser_state: string | null
  encoding: string | null
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const { bytesRead } = await fh.read(buf, 0, bytes, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

function readHeadSync(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

const fileStatements = new WeakMap<Db, ReturnType<Db['prepare']>>()
function selectFile(db: Db) {
  let s = fileStatements.get(db)
  if (!s) {
    s = db.prepare('SELECT * FROM files WHERE path = ?')
    fileStatements.set(db, s)
  }
  return s
}

function hash(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex')
}

function decodeHead(buf: Buffer, enc: Encoding): string {
  if (enc === 'utf16le') return new TextDecoder('utf-16le').decode(buf).replace(/^\uFEFF/, '')
  if (enc === 'utf16be') return new TextDecoder('utf-16be').decode(buf).replace(/^\uFEFF/, '')
  return buf.toString('utf8').replace(/^\uFEFF/, '')
}

/**
 * Ingests files or directories into the store. Each file is read from where the last ingest
 * stopped: unchanged files (same size, mtime and head) are skipped, grown files are resumed at
 * their stored offset with their parser's saved state, and rewritten files are read again.
 */
export async function ingestPaths(db: Db, paths: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const result: IngestResult = { files: 0, unchanged_files: 0, sessions: 0, events: 0, skipped_lines: 0, errors: [], session_ids: [] }
  const writer = new StoreWriter(db)
  const touched = new Set<string>()
  for await (const file of walkFiles(paths)) {
    await ingestFile(db, writer, file, opts, result, touched)
  }
  result.sessions = touched.size
  result.session_ids = [...touched].sort()
  reconcileCopies(db, result.session_ids)
  reconcileFormats(db, result.session_ids)
  // Fold the WAL back into the database so a reader (or a copy of the file) sees one file.
  if (result.files > 0) db.pragma('wal_checkpoint(PASSIVE)')
  return result
}

async function ingestFile(db: Db, writer: StoreWriter, path: string, opts: IngestOptions, result: IngestResult, touched: Set<string>): Promise<void> {
  const report = (line: number | null, reason: string, fileId: number | null = null) => {
    result.errors.push({ file: path, line, reason })
    try {
      writer.error(fileId, path, line, reason)
    } catch {
      // The error list in the result is the primary report; the table is a convenience.
    }
  }
  // The unchanged check runs for every file on every re-run, so it is synchronous and reads
  // only the bytes it hashes; a file that changed is then read in full below.
  let st
  try {
    st = statSync(path)
  } catch (e) {
    report(null, `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    return
  }
  if (st.size === 0) {
    report(null, 'empty file')
    return
  }
  const row = selectFile(db).get(path) as FileRow | undefined
  const headLen = Math.min(HEAD_BYTES, st.size)
  if (row && row.size === st.size && row.mtime_ms === st.mtimeMs && row.head_len === headLen) {
    let same = false
    try {
      same = hash(readHeadSync(path, headLen)) === row.head_hash
    } catch {
      // unreadable now: fall through to the full read, which reports it
    }
    if (same) {
      result.unchanged_files++
      return
    }
  }
  let head: Buffer
  try {
    head = await readHead(path, SNIFF_BYTES)
  } catch (e) {
    report(null, `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    return
  }
  const headHash = hash(head.subarray(0, headLen))
  const compression = detectCompression(head)
  // What the parsers see: a compressed archive is recognized by its decompressed content.
  let content = head
  if (compression) {
    try {
      content = await readCompressedHead(path, compression, SNIFF_BYTES)
    } catch (e) {
      report(null, `unreadable ${compression} data: ${String((e as Error).message ?? e)}`)
      return
    }
  }
  const encoding = detectEncoding(content)
  // A grown file keeps its first bytes; anything else (truncated, rewritten) is read again.
  // A compressed archive cannot be resumed mid-stream: when it changes it is read whole again.
  const grown = !compression && row !== undefined && row.format !== null && st.size >= row.offset && row.head_len > 0 && hash(head.subarray(0, row.head_len)) === row.head_hash

  let source: Source | undefined
  if (grown && row.format) source = sourceById(row.format)
  if (!source) {
    const text = decodeHead(content, encoding)
    const lines = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, 20)
    source = recognize({ path, lines, parsed: lines.map((l) => tryParseJson(l)), text })
  }
  if (!source) {
    report(null, 'unrecognized format (not a known agent log; skipped)')
    return
  }
  result.files++
  db.prepare(`INSERT OR IGNORE INTO files (path) VALUES (?)`).run(path)
  const fileId = (db.prepare('SELECT id FROM files WHERE path = ?').get(path) as { id: number }).id
  let startOffset = 0
  let startLine = 0
  let state: unknown
  if (grown && row && row.format === source.id) {
    startOffset = row.offset
    startLine = row.line_no
    state = row.parser_state ? JSON.parse(row.parser_state) : undefined
  } else if (row) {
    // Rewritten in place: what was stored from the old content no longer exists.
    db.transaction(() => {
      db.prepare('DELETE FROM events WHERE file_id = ?').run(fileId)
      db.prepare('DELETE FROM ingest_errors WHERE file_id = ?').run(fileId)
      db.prepare('UPDATE files SET offset = 0, line_no = 0, parser_state = NULL WHERE id = ?').run(fileId)
    }).immediate()
    writer.reset()
  }
  const ctx: SourceContext = { path, fallbackSessionId: fallbackSessionId(path, content.subarray(0, HEAD_BYTES)) }
  const saveFile = (offset: number, lineNo: number, parserState: unknown) =>
    db
      .prepare(
        `UPDATE files SET format = ?, size = ?, mtime_ms = ?, head_hash = ?, head_len = ?, offset = ?, line_no = ?, parser_state = ?, encoding = ?, ingested_at = ? WHERE id = ?`
      )
      .run(source.id, st.size, st.mtimeMs, headHash, headLen, offset, lineNo, JSON.stringify(parserState ?? null), encoding, new Date().toISOString(), fileId)

  if (source.mode === 'document') {
    const max = opts.maxDocumentBytes ?? 256 * 1024 * 1024
    if (st.size > max) {
      report(null, `document of ${st.size} bytes is over the ${max}-byte limit for whole-file formats; skipped`, fileId)
      return
    }
    const { readFile } = await import('node:fs/promises')
    const raw = await readFile(path)
    const buf = compression === 'zstd' ? zstdDecompressSync(raw, { maxOutputLength: max }) : compression === 'gzip' ? gunzipSync(raw, { maxOutputLength: max }) : raw
    const out: ParseRecord[] = []
    try {
      source.parseDocument(decodeHead(buf, encoding), ctx, out)
    } catch (e) {
      report(null, `could not parse ${source.id} document: ${String((e as Error).message ?? e)}`, fileId)
      return
    }
    db.transaction(() => {
      applyRecords(writer, fileId, source.agent, out, null, result, touched, path)
      writer.flushTimes()
      saveFile(st.size, 0, null)
    }).immediate()
    return
  }

  const parser = source.createParser(ctx, state)
  const batchSize = opts.batchSize ?? 2000
  let pending: { line: Line; records: ParseRecord[] }[] = []
  let pendingEvents = 0
  // A batch is also bounded by bytes, so a run of huge lines cannot pile up in memory.
  let pendingBytes = 0
  let consumed = { offset: startOffset, lineNo: startLine }
  const flush = () => {
    if (pending.length === 0) return
    const batch = pending
    const upto = consumed
    db.transaction(() => {
      for (const { line, records } of batch) applyRecords(writer, fileId, source.agent, records, line, result, touched, path)
      writer.flushTimes()
      saveFile(upto.offset, upto.lineNo, parser.state())
    }).immediate()
    pending = []
    pendingEvents = 0
    pendingBytes = 0
  }
  try {
    const maxLineBytes = opts.maxLineBytes ?? 64 * 1024 * 1024
    const lines = compression ? readCompressedLines(path, compression, { lineNo: 0, maxLineBytes }) : readLines(path, encoding, { start: startOffset, lineNo: startLine, maxLineBytes })
    for await (const line of lines) {
      if (line.tooLong !== undefined) {
        result.skipped_lines++
        report(line.lineNo, `line of ${line.tooLong} bytes is over the ${opts.maxLineBytes ?? 64 * 1024 * 1024}-byte line limit; skipped`, fileId)
        consumed = { offset: line.end, lineNo: line.lineNo }
        continue
      }
      if (line.text.trim() === '') {
        consumed = { offset: line.end, lineNo: line.lineNo }
        continue
      }
      const records: ParseRecord[] = []
      parser.push(line.text, line.lineNo, records)
      if (line.unterminated && records.some((r) => r.type === 'skip' && r.reason === MALFORMED_JSON)) {
        // A torn last line is most likely still being written: leave it for the next ingest.
        report(line.lineNo, 'incomplete last line (no newline, not valid JSON); not consumed, will be read again when the file grows', fileId)
        result.skipped_lines++
        break
      }
      if (line.invalidUtf8) report(line.lineNo, 'invalid UTF-8 bytes (replaced with U+FFFD; the rest of the line was kept)', fileId)
      pending.push({ line, records })
      pendingEvents += records.length
      pendingBytes += line.text.length
      consumed = { offset: line.end, lineNo: line.lineNo }
      opts.onProgress?.({ file: path, bytes: line.end })
      if (pendingEvents >= batchSize || pendingBytes >= MAX_BATCH_CHARS) flush()
    }
    const tail: ParseRecord[] = []
    parser.end(tail)
    if (tail.length) pending.push({ line: { text: '', lineNo: consumed.lineNo, end: consumed.offset }, records: tail })
    flush()
    if (pending.length === 0 && consumed.offset === startOffset) saveFile(consumed.offset, consumed.lineNo, parser.state())
  } catch (e) {
    flush()
    report(null, `read stopped: ${String((e as Error).message ?? e)}`, fileId)
  }
}

/** The bytes of a record are hashed once; each event's key then hashes only that digest. */
function textDigest(text: string): string {
  return createHash('sha1').update(text).digest('base64url')
}

function recordKey(sessionId: string, digest: string, seq: number): string {
  return createHash('sha1').update(sessionId).update('\0').update(digest).update('\0').update(String(seq)).digest('base64url')
}

function applyRecords(
  writer: StoreWriter,
  fileId: number,
  agent: string,
  records: ParseRecord[],
  line: Line | null,
  result: IngestResult,
  touched: Set<string>,
  path: string
): void {
  let seq = 0
  let rawStored = false
  let lineDigest: string | null = null
  for (const r of records) {
    if (r.type === 'session') {
      writer.session(r.patch, fileId)
      touched.add(r.patch.id)
    } else if (r.type === 'skip') {
      if (!records.some((x) => x.type === 'event')) result.skipped_lines++
      result.errors.push({ file: path, line: r.line, reason: r.reason })
      writer.error(fileId, path, r.line, r.reason)
    } else {
      // The raw line is stored once, on the first event it produced.
      const raw = r.event.raw ?? (line && !rawStored ? line.text : null)
      rawStored = true
      const source = r.event.raw ?? line?.text ?? ''
      // The same record in two files (an archived copy, logs copied into .ai-logs/) is one
      // record: the key is the session, the record's bytes and its place among the line's events.
      let ev = r.event
      if (!ev.dedupe_key && source) {
        const digest = ev.raw !== undefined ? textDigest(ev.raw) : (lineDigest ??= textDigest(source))
        ev = { ...ev, dedupe_key: recordKey(ev.session_id, digest, seq) }
      }
      if (writer.event(fileId, agent, seq++, ev, raw)) result.events++
      touched.add(r.event.session_id)
    }
  }
}
