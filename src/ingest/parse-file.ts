import { hash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { gunzipSync, zstdDecompressSync } from 'node:zlib'
import { storedPayload } from '../store/payload.js'
import { sourceById } from '../sources/registry.js'
import type { ParseRecord } from '../sources/types.js'
import { MALFORMED_JSON } from '../sources/util/json.js'
import { lineProblem, tokenValueReason } from '../sources/util/token-count.js'
import { badTokenField } from '../model/tokens.js'
import { emptyTally, tallyDocument, tallyRecords, type FormatTally } from './format-tally.js'
import { MAX_JSON_DEPTH, nestsDeeperThan } from './nesting.js'
import { decodeText, readCompressedLines, readLines, type Compression, type Encoding } from './lines.js'
import { removeSnapshot, snapshotRows, type Snapshot } from './database.js'
import { snapshotBytes, type OverHeld } from './held-bytes.js'
import type { DatabaseRow } from '../sources/types.js'

/**
 * The parse stage of an ingest: reads one file from where the last ingest stopped and turns its
 * lines into records, in batches. It touches no database, so it can run on a worker thread while
 * the main thread writes the previous batch (see parse-pool.ts).
 */

/** Everything needed to parse one file; plain data, so it can be posted to a worker. */
export interface FileJob {
  path: string
  sourceId: string
  compression: Compression | null
  encoding: Encoding
  /** Size when planned; document formats over `maxDocumentBytes` are not read. */
  size: number
  startOffset: number
  startLine: number
  /** The parser's saved state from the last ingest (grown files only). */
  state: unknown
  fallbackSessionId: string
  maxLineBytes: number
  maxDocumentBytes: number
  /** A batch ends after this many records or `maxBatchChars` characters of line text. */
  batchSize: number
  maxBatchChars: number
  /**
   * Set on the ingest worker's capped attempt (held-bytes.ts): a line, a document or a database
   * over this many bytes is not read; the batch before it comes with `needsHeap` and the file ends there.
   */
  maxHeldBytes?: number
  /** For a database: the private copy to read (removed once read). */
  snapshot?: Snapshot
}

/** One source line and what its parser made of it; `text` is null for whole-document records. */
export interface ParsedLine {
  text: string | null
  lineNo: number
  records: ParseRecord[]
  /** Each event record's stored payload JSON, in order: made here to spare the writing thread. */
  payloads: string[]
}

export interface ParseProblem {
  line: number | null
  reason: string
}

export interface ParsedBatch {
  lines: ParsedLine[]
  /** Where the next ingest resumes: byte offset and line number just past this batch. */
  offset: number
  lineNo: number
  /** The parser's state after this batch, as JSON, for resuming a grown file. */
  stateJson: string
  problems: ParseProblem[]
  skippedLines: number
  /** What the batch held, for noticing a changed format (see format-tally.ts). */
  tally: FormatTally
  /** False when nothing may be recorded as read (a document that could not be parsed). */
  save: boolean
  /** The last batch of its file. */
  last: boolean
  /** The read stopped before this, over `FileJob.maxHeldBytes`: the file's rest is left unread. */
  needsHeap?: OverHeld
}

function emptyBatch(offset: number, lineNo: number, stateJson: string): ParsedBatch {
  return { lines: [], offset, lineNo, stateJson, problems: [], skippedLines: 0, tally: emptyTally(lineNo), save: true, last: false }
}

/**
 * The bytes of a record are hashed once; each event's key then hashes only that digest. One-shot
 * `hash` rather than a Hash object per call: the same digest of the same bytes, without the
 * object's set-up, which cost more than the hashing of these short inputs.
 */
function textDigest(text: string | Buffer): string {
  return hash('sha1', text, 'base64url')
}

/** The parts joined, hashed as one string: the same bytes a Hash object fed each part in turn would digest. */
function recordKey(sessionId: string, digest: string, seq: number): string {
  return hash('sha1', `${sessionId}\0${digest}\0${seq}`, 'base64url')
}

/**
 * Gives each event its dedupe key. The same record in two files (an archived copy, logs copied
 * into .ai-logs/) is one record: the key is the session, the record's bytes and its place among
 * the line's events. `bytes`, when given, are the UTF-8 bytes of `text` as read: hashed as they
 * are, the line is not encoded again to be hashed.
 */
function parsedLine(text: string | null, lineNo: number, found: ParseRecord[], bytes?: Buffer): ParsedLine {
  let seq = 0
  let lineDigest: string | null = null
  const payloads: string[] = []
  const records = found.map((r): ParseRecord => {
    if (r.type !== 'event') return r
    const ev = r.event
    payloads.push(storedPayload(ev.payload))
    const n = seq++
    const source = ev.raw ?? text ?? ''
    if (ev.dedupe_key || !source) return r
    const digest = ev.raw !== undefined ? textDigest(ev.raw) : (lineDigest ??= textDigest(bytes ?? source))
    return { type: 'event', event: { ...ev, dedupe_key: recordKey(ev.session_id, digest, n) } }
  })
  return { text, lineNo, records, payloads }
}

const TORN = Symbol('torn last line')

const SNAPSHOT_FIELDS = ['input', 'cached_input', 'output', 'reasoning_output', 'total', 'blended_total'] as const

/**
 * What a parser found on one line, with the problems taken out: a skipped line or an event with a
 * count no message can hold (a parser that reads counts without checking them, a document format)
 * becomes a problem of its line, so the rest of the line and of the file is stored.
 */
function checkedRecords(found: ParseRecord[], lineNo: number, problems: ProblemLog): { records: ParseRecord[]; skipped: number } {
  const records: ParseRecord[] = []
  const hasEvent = found.some((r) => r.type === 'event')
  let skipped = 0
  for (const r of found) {
    // Counted for format drift, not a problem of the line: the record itself is well formed.
    if (r.type === 'unknown') continue
    if (r.type === 'skip') {
      problems.add(r.line, r.reason)
      if (!hasEvent) skipped++
      continue
    }
    if (r.type === 'event') {
      const p = r.event.payload
      const bad =
        p.kind === 'token_usage'
          ? (badTokenField(p.delta) ?? badTokenField(p.cumulative))
          : p.kind === 'status_snapshot'
            ? badTokenField(p, SNAPSHOT_FIELDS)
            : null
      if (bad) {
        problems.add(r.event.line ?? lineNo, tokenValueReason(bad.field, bad.value))
        continue
      }
    }
    records.push(r)
  }
  return { records, skipped }
}

/**
 * The problems of one file. A file can hold millions of bad lines (a binary file with a log's
 * name, a log cut into pieces): the first `MAX_LISTED_PROBLEMS` are listed with their lines, the
 * rest only counted, so the memory, the error table and `--json` output stay bounded.
 */
export const MAX_LISTED_PROBLEMS = 100

class ProblemLog {
  private listed = 0
  private unlisted = new Map<string, number>()
  constructor(private sink: () => ParseProblem[]) {}

  add(line: number | null, reason: string): void {
    if (this.listed < MAX_LISTED_PROBLEMS) {
      this.listed++
      this.sink().push({ line, reason })
    } else this.unlisted.set(reason, (this.unlisted.get(reason) ?? 0) + 1)
  }

  /** One problem that counts the ones not listed, by reason. */
  summary(): ParseProblem | null {
    if (this.unlisted.size === 0) return null
    const total = [...this.unlisted.values()].reduce((a, b) => a + b, 0)
    const byReason = [...this.unlisted].map(([reason, n]) => `${n} × ${reason}`).join('; ')
    return { line: null, reason: `${total} more problem(s) not listed (only the first ${MAX_LISTED_PROBLEMS} of a file are): ${byReason}` }
  }
}

/**
 * Parses a file into batches. Always yields at least one batch, and exactly one with `last`
 * set; problems (over-long lines, bad bytes, a torn last line, a read error) ride on the batch
 * in which they were found, so they are reported after the records before them are stored.
 */
export async function* parseFile(job: FileJob): AsyncGenerator<ParsedBatch> {
  try {
    yield* parseBatches(job)
  } catch (e) {
    // A parser bug: the file's earlier batches are stored, and this one says why the rest is not.
    yield {
      ...emptyBatch(job.startOffset, job.startLine, 'null'),
      problems: [{ line: null, reason: `parse failed: ${String((e as Error).message ?? e)}` }],
      save: false,
      last: true
    }
  }
}

async function* parseBatches(job: FileJob): AsyncGenerator<ParsedBatch> {
  const source = sourceById(job.sourceId)
  if (!source) throw new Error(`unknown source ${job.sourceId}`)
  const ctx = { path: job.path, fallbackSessionId: job.fallbackSessionId }
  if (source.mode === 'document') {
    yield await parseDocument(job, (text, out) => source.parseDocument(text, ctx, out))
    return
  }
  if (source.mode === 'database') {
    if (!job.snapshot) throw new Error(`no copy of database ${job.path} to read`)
    const bytes = job.maxHeldBytes !== undefined ? snapshotBytes(job.snapshot) : 0
    // A row's text is made whole by SQLite before the parser sees it: only the copy's size bounds it.
    if (job.maxHeldBytes !== undefined && bytes > job.maxHeldBytes) {
      removeSnapshot(job.snapshot)
      yield { ...emptyBatch(0, 0, 'null'), save: false, needsHeap: { line: null, bytes } }
      return
    }
    yield* databaseBatches(job, snapshotRows(job.snapshot, source, ctx))
    return
  }
  const parser = source.createParser(ctx, job.state)
  const stateJson = () => JSON.stringify(parser.state() ?? null)
  let batch = emptyBatch(job.startOffset, job.startLine, 'null')
  const problems = new ProblemLog(() => batch.problems)
  let records = 0
  let chars = 0
  const cut = (): ParsedBatch => {
    const done = { ...batch, stateJson: stateJson() }
    batch = emptyBatch(done.offset, done.lineNo, 'null')
    records = 0
    chars = 0
    return done
  }
  /** One line's records; a line the parser cannot take is a problem of that line, never of the file. */
  const parseLine = (text: string, lineNo: number, push: (out: ParseRecord[]) => void, last = false, bytes?: Buffer): ParseRecord[] | typeof TORN => {
    const out: ParseRecord[] = []
    if (nestsDeeperThan(text)) {
      problems.add(lineNo, `line not read: JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
      batch.skippedLines++
      return out
    }
    try {
      push(out)
      if (last && out.some((r) => r.type === 'skip' && r.reason === MALFORMED_JSON)) return TORN
      if (text !== '') tallyRecords(batch.tally, out)
      const { records: kept, skipped } = checkedRecords(out, lineNo, problems)
      batch.skippedLines += skipped
      if (kept.length > 0) batch.lines.push(parsedLine(text, lineNo, kept, bytes))
    } catch (e) {
      problems.add(lineNo, lineProblem(e))
      batch.skippedLines++
    }
    return out
  }
  try {
    const opts = { lineNo: job.startLine, maxLineBytes: job.maxLineBytes, maxHeldBytes: job.maxHeldBytes }
    const lines = job.compression
      ? readCompressedLines(job.path, job.compression, opts)
      : readLines(job.path, job.encoding, { ...opts, start: job.startOffset })
    for await (const line of lines) {
      // The lines before are this attempt's; the rest of the file is the next one's.
      if (line.overHeld !== undefined) {
        yield { ...cut(), needsHeap: { line: line.lineNo, bytes: line.overHeld } }
        return
      }
      if (line.tooLong !== undefined) {
        batch.skippedLines++
        problems.add(line.lineNo, `line of ${line.tooLong} bytes is over the ${job.maxLineBytes}-byte line limit; skipped`)
      } else if (line.text.trim() !== '') {
        const out = parseLine(line.text, line.lineNo, (o) => parser.push(line.text, line.lineNo, o), line.unterminated === true, line.bytes)
        if (out === TORN) {
          // A torn last line is most likely still being written: leave it for the next ingest.
          problems.add(line.lineNo, 'incomplete last line (no newline, not valid JSON); not consumed, will be read again when the file grows')
          batch.skippedLines++
          break
        }
        if (line.invalidUtf8) problems.add(line.lineNo, 'invalid UTF-8 bytes (replaced with U+FFFD; the rest of the line was kept)')
        records += out.length
        chars += line.text.length
      }
      batch.offset = line.end
      batch.lineNo = line.lineNo
      if (records >= job.batchSize || chars >= job.maxBatchChars) yield cut()
    }
    parseLine('', batch.lineNo, (o) => parser.end(o))
  } catch (e) {
    problems.add(null, `read stopped: ${String((e as Error).message ?? e)}`)
  }
  const unlisted = problems.summary()
  if (unlisted) batch.problems.push(unlisted)
  yield { ...cut(), last: true }
}

async function parseDocument(job: FileJob, parse: (text: string, out: ParseRecord[]) => void): Promise<ParsedBatch> {
  const failed = (reason: string): ParsedBatch => ({ ...emptyBatch(0, 0, 'null'), problems: [{ line: null, reason }], save: false, last: true })
  const max = job.maxDocumentBytes
  if (job.size > max) return failed(`document of ${job.size} bytes is over the ${max}-byte limit for whole-file formats; skipped`)
  const held = job.maxHeldBytes ?? Infinity
  const needsHeap = (bytes: number): ParsedBatch => ({ ...emptyBatch(0, 0, 'null'), save: false, needsHeap: { line: null, bytes } })
  if (job.size > held) return needsHeap(job.size)
  let buf: Buffer
  try {
    const raw = await readFile(job.path)
    // Decompressed no further than the bound: past it, the document is read on the next attempt.
    const outMax = Math.min(max, held)
    buf =
      job.compression === 'zstd'
        ? zstdDecompressSync(raw, { maxOutputLength: outMax })
        : job.compression === 'gzip'
          ? gunzipSync(raw, { maxOutputLength: outMax })
          : raw
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' && held < max) return needsHeap(held + 1)
    return failed(`unreadable: ${(e as NodeJS.ErrnoException).code ?? String((e as Error).message ?? e)}`)
  }
  const out: ParseRecord[] = []
  try {
    parse(decodeText(buf, job.encoding), out)
  } catch (e) {
    return failed(`could not parse ${job.sourceId} document: ${String((e as Error).message ?? e)}`)
  }
  const done = emptyBatch(job.size, 0, 'null')
  const problems = new ProblemLog(() => done.problems)
  const { records, skipped } = checkedRecords(out, 0, problems)
  tallyDocument(done.tally, out)
  const unlisted = problems.summary()
  if (unlisted) done.problems.push(unlisted)
  try {
    done.lines.push(parsedLine(null, 0, records))
  } catch (e) {
    return failed(`could not parse ${job.sourceId} document: ${String((e as Error).message ?? e)}`)
  }
  return { ...done, skippedLines: skipped, last: true }
}

/**
 * A database's rows in batches. A read that stops (a page that cannot be read from a damaged file)
 * is a problem of the file; its last batch is then not recorded as read, so the next ingest reads
 * the database again.
 */
function* databaseBatches(job: FileJob, rows: Iterable<DatabaseRow>): Generator<ParsedBatch> {
  let batch = emptyBatch(0, 0, 'null')
  const problems = new ProblemLog(() => batch.problems)
  let records = 0
  let chars = 0
  let save = true
  const cut = (): ParsedBatch => {
    const done = batch
    batch = emptyBatch(0, done.lineNo, 'null')
    records = 0
    chars = 0
    return done
  }
  try {
    for (const row of rows) {
      const { records: kept, skipped } = checkedRecords(row.records, row.line, problems)
      batch.skippedLines += skipped
      if (kept.length > 0) batch.lines.push(parsedLine(row.text || null, row.line, kept))
      batch.lineNo = row.line
      records += row.records.length
      chars += row.text.length
      if (records >= job.batchSize || chars >= job.maxBatchChars) yield cut()
    }
  } catch (e) {
    problems.add(null, `SQLite database read stopped: ${String((e as Error).message ?? e)}`)
    save = false
  }
  const unlisted = problems.summary()
  if (unlisted) batch.problems.push(unlisted)
  yield { ...cut(), offset: job.size, save, last: true }
}
