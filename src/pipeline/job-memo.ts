import { createHash } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync, type BigIntStats } from 'node:fs'
import { basename, dirname, extname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as zlib from 'node:zlib'
import { lateCheckOptions } from '../redact/late/check.js'
import { redactText } from '../redact/engine.js'
import { redactionKey } from '../redact/hash.js'
import { releaseBuffer } from '../release-buffer.js'
import { flushed, flushWhenWhole, forget, replaceOffPath, replayName } from '../output-folder.js'
import { formatTime } from '../render/html-format.js'
import { formatDateTime } from '../render/text.js'
import { canonicalPath } from '../scope/paths.js'
import { resolveScopeIn, type ScopeRequest } from '../scope/request.js'
import { eachStoredFilePath } from '../store/files.js'
import { schemaVersion, type Db } from '../store/db.js'
import { sqliteVersion, storeGeneration } from '../store/generation.js'
import { readJobMemo, readJobMemoChunks, readJobMemoHead, writeJobMemo, type MemoFill, type MemoSink } from '../store/job-memo.js'
import type { ReportRequest, ReportResult } from './job.js'

/**
 * The job memo (docs/performance.md, "The job memo"): a warm run whose every input is what a
 * previous run's was writes that run's files again instead of selecting, redacting, rendering and
 * checking. Per output folder the store keeps the last report's files as they were written, after
 * the last check (only redacted, checked text), in bounded chunks compressed one by one, with the
 * job's result, under a key of every input (`memoKey`); entries of any size are kept and written
 * again a chunk at a time. The report's time is the one input left out of the key: its rendered spans are
 * located when the entry is made, and a replay writes the run's own time into them.
 */

/** Bumped when the entry's layout or what the key covers changes. */
const MEMO_FORMAT = 4

/** What the memo's key is taken from: the request, and the store after the ingest. */
export interface MemoInputs {
  job: ReportRequest
  /** The store the report reads, open after the ingest. */
  db: Db
}

/** The memo's key for a job, and the store generation it was taken at. */
export interface MemoKey {
  key: string
  generation: number
  outDir: string
}

/**
 * The key of everything a report's files are made from, but its time: the store's schema and
 * generation (moved by every write to a table a report reads, src/store/generation.ts), the whole
 * config (rules, allow lists, private entries, defaults, pricing), the request (mode, formats,
 * filters, the scope asked for and what it resolves with beyond the store, `scopeInputs`: git's
 * answers and the file system's links; the changed files, the version), the redaction key
 * (hashed; it is never stored), and the running code and runtime (`codeFingerprint`). The filters
 * take no relative times (`--since` is a date), so nothing else in a report moves with the clock.
 */
export function memoKey({ job, db }: MemoInputs, code = codeFingerprint()): MemoKey {
  const generation = storeGeneration(db)
  const secret = redactionKey()
  const h = createHash('sha256')
  const part = (name: string, value: unknown) => h.update(`${name}\0${JSON.stringify(value) ?? 'undefined'}\0`)
  part('format', MEMO_FORMAT)
  part('code', code)
  part('runtime', [process.version, process.versions.icu ?? null, process.versions.tz ?? null, process.versions.unicode ?? null])
  part('sqlite', sqliteVersion(db))
  part('schema', schemaVersion(db))
  part('generation', generation)
  part('config', job.config)
  part('mode', job.mode)
  part('formats', job.formats)
  part('filters', job.filters ?? null)
  part('scope', job.scope)
  part('resolved', scopeInputs(db, job.scope))
  part('changed', job.changedFiles ?? null)
  part('export', job.exportDatabase ?? false)
  part('version', job.version)
  // Hashed apart first, so the key is no cheaper a test of a guessed key than the tags it makes.
  part('redaction-key', secret === undefined ? null : createHash('sha256').update('ai-log-trail job memo\0').update(secret).digest('base64'))
  return { key: h.digest('base64'), generation, outDir: resolve(job.outDir) }
}

/**
 * What the sessions in scope depend on besides the store's rows and the request: every session of
 * the store for `all`; for `paths`, each path given and each log file the store has read in its
 * canonical spelling (links followed: a folder linked elsewhere since is another scope), which is
 * all `scopeToPaths` reads, at a fraction of its cost (it reads every session's files); for a
 * change, the scope itself, resolved.
 */
function scopeInputs(db: Db, scope: ScopeRequest): unknown {
  switch (scope.kind) {
    case 'all':
      return null
    case 'paths':
      return { roots: scope.paths.map(canonicalPath), files: storedFilesDigest(db) }
    case 'change':
      return resolveScopeIn(db, scope)
  }
}

/**
 * Each stored log file's path and its canonical spelling, hashed one at a time: the caller's
 * thread idles through the report with whatever it allocated here still resident, and a list of
 * every path with its spelling, at thousands of files, was tens of MB of it.
 */
function storedFilesDigest(db: Db): string {
  const h = createHash('sha256')
  for (const p of eachStoredFilePath(db)) {
    const c = canonicalPath(p)
    h.update(p).update(c === p ? '\0\n' : `\0${c}\n`)
  }
  return h.digest('base64')
}

let codeHash: string | undefined

/**
 * A fingerprint of the running code: every script (and the WebAssembly RE2) of the tree this
 * module was loaded from, so a renderer, a detector or a query changed by a developer never replays
 * a file the old code made. The tree is the compiled `lib/` (or the sources a test runs), or the
 * folder of a bundle (the CLI's `lib/cli-bundle/`, the Action's `dist/`), whose chunks and worker
 * scripts lie beside it. Read once per process.
 */
export function codeFingerprint(): string {
  if (codeHash === undefined) {
    const here = dirname(fileURLToPath(import.meta.url))
    codeHash = treeFingerprint(basename(here) === 'pipeline' ? dirname(here) : here)
  }
  return codeHash
}

/** The SHA-256 of every script under `root`, with its path: what `codeFingerprint` reads of the running code's tree. */
export function treeFingerprint(root: string): string {
  const h = createHash('sha256')
  // Read through one buffer: an Action's bundle is tens of MB, which as buffers would stay
  // resident on the caller's thread while it waits for the report.
  const buf = Buffer.allocUnsafe(1 << 16)
  for (const file of codeFiles(root)) {
    h.update(`${relative(root, file)}\0`)
    const fd = openSync(file, 'r')
    try {
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n))
    } finally {
      closeSync(fd)
    }
    h.update('\0')
  }
  return h.digest('base64')
}

const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.wasm', '.json'])

function codeFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p)
      } else if (e.isFile() && CODE_EXTENSIONS.has(extname(e.name)) && !e.name.endsWith('.d.ts')) out.push(p)
    }
  }
  walk(dir)
  return out
}

/** How a report's time is rendered: its three forms, each in the files of one syntax. */
interface TimeForms {
  /** The JSON report's `generated_at`. */
  json: string
  /** The Markdown report's, the comment's and the summary's footer. */
  md: string
  /** The HTML page's header. */
  html: string
}

type FormName = keyof TimeForms

function timeForms(now: Date): TimeForms {
  const iso = now.toISOString()
  return { json: iso, md: formatDateTime(iso, 'UTC'), html: formatTime(iso, 'UTC') }
}

/**
 * Each form with the fixed text around it where a renderer writes it: a text holds the time at
 * those places only. The JSON report's is a key of its top object (two spaces in: a session's keys
 * are further in, and a quote in a value is escaped).
 */
function needles(f: TimeForms): Record<FormName, [string, string]> {
  return { json: ['\n  "generated_at": "', `${f.json}"`], md: ['generated ', `${f.md} UTC by `], html: ['Generated ', `${f.html} by `] }
}

/** Characters that every syntax writes as they are: a form made only of them needs no escaping. */
const PLAIN = /^[0-9A-Z:. -]+$/

/** What a text's file is, by its name: the forms it holds, exactly once each. */
function expectedForms(name: string): FormName[] {
  if (name.endsWith('.json')) return ['json']
  if (name.endsWith('.html')) return ['html']
  if (name.endsWith('.csv')) return []
  return ['md']
}

interface StoredText {
  name: string
  /** Written to the output folder (else a text of the result: the comment, the release section, the summary). */
  file: boolean
  bytes: number
  /** Byte offsets of the time's forms. */
  spans: [number, FormName][]
  /** The byte range of the line around each span (in the same order), which a replay checks again. */
  lines: [number, number][]
}

interface Header {
  format: number
  forms: TimeForms
  texts: StoredText[]
  /**
   * Each chunk of the texts' concatenation: its length before compression, its SHA-256 (base64),
   * its row's number, its length compressed, and where `MARK` lies in it.
   */
  chunks: StoredChunk[]
  /** The job's result, its texts and its report's time left out. */
  result: Omit<ReportResult, 'comment' | 'releaseSection' | 'summary'>
}

/**
 * `marks`: the offset in the chunk of each `MARK` that lies whole in it, or null when there are
 * more than MAX_MARKS. A later entry that keeps the chunk (the same length and SHA-256, so the same
 * bytes) looks for the time's forms only there, not through the chunk again.
 */
type StoredChunk = [length: number, sha256: string, seq: number, stored: number, marks: number[] | null]

/**
 * Bytes every form's text holds (`needles`): a form lying whole in a chunk holds this whole in it,
 * so a chunk's marks are every place one can start.
 */
const MARK = Buffer.from('enerated', 'latin1')

/** A chunk with more marks than this keeps none, and a later entry that keeps it searches it whole. */
const MAX_MARKS = 256

const RESULT_TEXTS = { comment: '\0comment', releaseSection: '\0release', summary: '\0summary' } as const

/**
 * How much of the texts a chunk holds at most before compression: what a run that makes an entry
 * or replays one holds of them at a time (twice: the chunk and its compressed form).
 */
export const CHUNK_BYTES = 1024 * 1024

/**
 * A chunk ends at the first line past this whose last bytes hash to a cut (`CUT_MASK`), else at
 * CHUNK_BYTES: where chunks end follows the text, not its offset, so a text that gained or lost
 * bytes in one place cuts the rest as before and the entry keeps those chunks of the entry before.
 */
const MIN_CHUNK_BYTES = 512 * 1024
/** About one line in this many past MIN_CHUNK_BYTES ends a chunk. */
const CUT_MASK = 255
/** How many bytes before a line's end its hash reads. */
const CUT_WINDOW = 32
/**
 * What a file is read by once its chunk holds MIN_CHUNK_BYTES: the search for the cut is then
 * short, and what follows the cut, moved to the next chunk's start, is at most this.
 */
const CUT_READ_BYTES = 64 * 1024

/**
 * An entry whose chunks pass this compressed is not kept (the folder's earlier one is dropped):
 * the memo holds one entry per output folder, each at most this.
 */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024

/** A line around a time longer than this is not kept: a replay holds each such line whole to check it. */
const MAX_TIME_LINE = 64 * 1024

/** An entry to keep: `fill` reads the job's files back a chunk at a time, in the transaction that stores them. */
export type MemoEntry = MemoFill

/**
 * The memo's entry for a job that has just written its files: read back from the output folder a
 * chunk at a time, each with where the report's time is in it, and compressed chunk by chunk, so
 * what the run holds does not grow with the files. Null (or, found while reading, a null head)
 * when it is not to be kept: the last check found something (what it redacted could depend on the
 * time), a time was not found exactly where its renderer writes it (a log's text holding the same
 * words and time), a line holding it is longer than MAX_TIME_LINE, or the entry passes
 * MAX_ENTRY_BYTES compressed. A file `flow` read while the report worker went on (`MemoFlow`),
 * and which is still that file, is not read again but for the chunks the entry before does not hold.
 */
export function memoEntry(job: ReportRequest, now: Date, result: ReportResult, maxBytes = MAX_ENTRY_BYTES, flow?: MemoFlow): MemoEntry | null {
  if (result.late.total !== 0) return null
  const forms = timeForms(now)
  if (!Object.values(forms).every((f) => PLAIN.test(f))) return null
  const outDir = resolve(job.outDir)
  return (sink) => {
    const chunks = new Chunker(sink, previousChunks(sink.previous), maxBytes)
    const texts: StoredText[] = []
    const add = (name: string, file: boolean, fill: (spans: SpanFinder) => boolean) => {
      const spans = new SpanFinder(name, forms)
      if (!fill(spans)) return false
      // A text's chunks end with it: the chunks of the texts after one that changed are cut as before.
      if (!chunks.flush(spans)) return false
      const found = spans.finish()
      if (!found) return false
      texts.push({ name, file, bytes: spans.length, ...found })
      return true
    }
    for (const name of result.files) {
      const path = join(outDir, name)
      const read = flow?.take(name, path, forms.json)
      if (!read) {
        if (!add(name, true, (spans) => chunks.read(path, spans))) return null
        continue
      }
      try {
        const { file, fd } = read
        if (!file.found) return null
        for (const c of file.chunks) if (!chunks.known(fd, c)) return null
        texts.push({ name, file: true, bytes: file.length, ...file.found })
      } finally {
        closeSync(read.fd)
      }
    }
    for (const [field, name] of Object.entries(RESULT_TEXTS))
      if (!add(name, false, (spans) => chunks.write(Buffer.from(result[field as keyof typeof RESULT_TEXTS], 'utf8'), spans))) return null
    if (chunks.stored > maxBytes) return null
    const { comment: _c, releaseSection: _r, summary: _s, ...rest } = result
    const header: Header = { format: MEMO_FORMAT, forms, texts, chunks: chunks.list, result: rest }
    return pack(Buffer.from(JSON.stringify(header), 'utf8'))
  }
}

/**
 * A chunk of a file `MemoFlow` read: where it starts in the file, its length, its SHA-256 (base64),
 * and where MARK lies in it (`markChunk`), or false when not looked for (the folder's entry before
 * held the chunk, and its marks were used).
 */
type KnownChunk = [offset: number, length: number, sha256: string, marks: number[] | null | false]

/** What `MemoFlow` keeps of a file it read: which file it was, and its chunks and time's spans, not its bytes. */
interface KnownFile {
  /** The report's time the spans were looked for at. */
  now: string
  /** The file's device, inode, size and modification time (ns). */
  state: FileState
  chunks: KnownChunk[]
  length: number
  found: ReturnType<SpanFinder['finish']>
}

/**
 * The memo's entry begun while the report worker writes (docs/performance.md, "the job memo's
 * entry built while the worker writes"): the worker tells the caller's thread each file once it is
 * whole under its temporary name, and the caller, idle until then, reads it, cuts it into the
 * entry's chunks, hashes each and finds the time in it, keeping only that. What needs the job's
 * result or the store's write transaction waits for the worker's end (`memoEntry`), which then
 * reads of such a file only the chunks it compresses. A file is taken as read only while it is the
 * same file (device, inode, size, modification time: a rename into place keeps them; a file written
 * again is another inode or another time), and each chunk read again is checked against its hash.
 */
export class MemoFlow {
  private readonly files = new Map<string, KnownFile>()
  /**
   * The marks of the chunks of the folder's entry when the report began, by length and SHA-256:
   * a chunk it held is searched for the time only at them, as `memoEntry` does a chunk it keeps.
   */
  private readonly marks = new Map<string, number[] | null>()
  /** The chunk being gathered, one for every file: what the caller holds while the worker's heap is at its largest. */
  private readonly buf = Buffer.allocUnsafe(CHUNK_BYTES)

  /** `db`: the store before the report, whose entry for `outDir` (whatever its key) tells the chunks it holds. */
  constructor(db?: Db, outDir?: string) {
    if (db && outDir !== undefined) for (const [k, c] of previousChunks(readJobMemoHead(db, outDir))) this.marks.set(k, c[4])
  }

  /** File `name` of the report at time `now` (ISO) is whole at `path`: read, cut, hashed and searched now. */
  whole(name: string, path: string, now: string): void {
    this.files.delete(name)
    const forms = timeForms(new Date(now))
    if (forms.json !== now || !Object.values(forms).every((f) => PLAIN.test(f))) return
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch {
      return
    }
    try {
      const before = fstatSync(fd, { bigint: true })
      const spans = new SpanFinder(name, forms)
      const cutter = new Cutter(this.marks, this.buf)
      cutter.readFd(fd, spans)
      cutter.flush(spans)
      const after = fstatSync(fd, { bigint: true })
      // Written to while it was read: the entry reads it whole.
      if (!sameState(before, after) || BigInt(spans.length) !== after.size) return
      const state = { dev: after.dev, ino: after.ino, size: after.size, mtimeNs: after.mtimeNs }
      this.files.set(name, { now, state, chunks: cutter.cuts, length: spans.length, found: spans.finish() })
    } catch {
      // Not read here: the entry reads it whole, as without a worker.
    } finally {
      closeSync(fd)
    }
  }

  /** What was read of file `name`, with it open at `path`, if `path` is still that file and it was read at `now`; else undefined. */
  take(name: string, path: string, now: string): { file: KnownFile; fd: number } | undefined {
    const file = this.files.get(name)
    this.files.delete(name)
    if (!file || file.now !== now) return undefined
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch {
      return undefined
    }
    try {
      if (sameState(fstatSync(fd, { bigint: true }), file.state)) return { file, fd }
    } catch {
      // Read whole below.
    }
    closeSync(fd)
    return undefined
  }
}

type FileState = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs'>

/** Whether two states are of the same file with the same bytes, short of a rewrite in place to the same size within the clock's tick. */
function sameState(a: FileState, b: FileState): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs
}

/** The chunks of the folder's entry before, by length and SHA-256: what this entry may keep rather than compress again. */
function previousChunks(previous: Buffer | null): Map<string, StoredChunk> {
  const byHash = new Map<string, StoredChunk>()
  const payload = previous && unpack(previous)
  if (!payload) return byHash
  try {
    const header = JSON.parse(payload.toString('utf8')) as Header
    if (header?.format !== MEMO_FORMAT || !Array.isArray(header.chunks)) return byHash
    for (const c of header.chunks) if (Array.isArray(c) && c.length === 5 && validMarks(c[4], c[0])) byHash.set(`${c[0]}:${c[1]}`, c)
  } catch {
    // Not an entry this code reads: nothing is kept of it.
  }
  return byHash
}

/** Whether `marks` is what `markChunk` writes for a chunk of `length` bytes: null, or ascending offsets each with room for MARK. */
function validMarks(marks: unknown, length: number): boolean {
  if (marks === null) return true
  if (!Array.isArray(marks) || marks.length > MAX_MARKS) return false
  let last = -1
  for (const m of marks) {
    if (!Number.isSafeInteger(m) || m <= last || m + MARK.length > length) return false
    last = m
  }
  return true
}

/** Where MARK lies whole in `chunk`, or null past MAX_MARKS. */
function markChunk(chunk: Buffer): number[] | null {
  const marks: number[] = []
  for (let i = chunk.indexOf(MARK); i >= 0; i = chunk.indexOf(MARK, i + 1)) {
    if (marks.length === MAX_MARKS) return null
    marks.push(i)
  }
  return marks
}

/**
 * Cuts what it is given into chunks, ending where the text says (`MIN_CHUNK_BYTES`), and hands
 * each to `take`; this one only lists each chunk's offset, length, SHA-256 and marks, and hands it
 * to the text's `SpanFinder` (what `MemoFlow` keeps of a file).
 */
class Cutter {
  protected used = 0
  /** Where the search for a chunk's end goes on from. */
  private scanned = 0
  /** Bytes of the text handed on so far. */
  private offset = 0
  readonly cuts: KnownChunk[] = []

  /**
   * `marks`: those of chunks known by length and SHA-256, used rather than searching the chunk for
   * MARK; `buf`: where chunks are gathered, CHUNK_BYTES long.
   */
  constructor(
    private readonly marks?: Map<string, number[] | null>,
    protected readonly buf = Buffer.allocUnsafe(CHUNK_BYTES)
  ) {}

  /**
   * A file's bytes, read straight into the chunk being gathered: up to MIN_CHUNK_BYTES at once,
   * then CUT_READ_BYTES at a time until the cut, so what is moved to the next chunk's start is
   * little. False once the entry passes its bound.
   */
  read(path: string, spans: SpanFinder): boolean {
    const fd = openSync(path, 'r')
    try {
      return this.readFd(fd, spans)
    } finally {
      closeSync(fd)
    }
  }

  readFd(fd: number, spans: SpanFinder): boolean {
    for (;;) {
      const want = this.used < MIN_CHUNK_BYTES ? MIN_CHUNK_BYTES - this.used : Math.min(CUT_READ_BYTES, CHUNK_BYTES - this.used)
      const n = readSync(fd, this.buf, this.used, want, null)
      if (n === 0) return true
      this.used += n
      if (!this.cutAndFlush(spans)) return false
    }
  }

  /** Bytes held in memory, copied into the chunk being gathered. False once the entry passes its bound. */
  write(piece: Buffer, spans: SpanFinder): boolean {
    for (let at = 0; at < piece.length;) {
      const n = piece.copy(this.buf, this.used, at)
      this.used += n
      at += n
      if (!this.cutAndFlush(spans)) return false
    }
    return true
  }

  private cutAndFlush(spans: SpanFinder): boolean {
    const cut = this.cut()
    if (cut === 0) return true
    // What follows the cut starts the next chunk.
    const rest = this.used - cut
    this.used = cut
    const ok = this.flush(spans)
    if (rest > 0) this.buf.copy(this.buf, 0, cut, cut + rest)
    this.used = rest
    return ok
  }

  /** Where the gathered bytes end a chunk (a length), or 0 while they do not. */
  private cut(): number {
    if (this.used < MIN_CHUNK_BYTES) return 0
    const buf = this.buf
    for (let nl = buf.indexOf(10, Math.max(this.scanned, MIN_CHUNK_BYTES - 1)); nl >= 0 && nl < this.used; nl = buf.indexOf(10, nl + 1)) {
      let h = 0x811c9dc5
      for (let i = nl - CUT_WINDOW; i < nl; i++) h = Math.imul(h ^ buf[i], 0x01000193)
      h ^= h >>> 15
      h = Math.imul(h, 0x2c1b3c6d)
      if (((h ^ (h >>> 12)) & CUT_MASK) === 0) return nl + 1
    }
    this.scanned = this.used
    return this.used === CHUNK_BYTES ? CHUNK_BYTES : 0
  }

  /** The gathered bytes as a chunk, searched by `spans`; false once the entry passes its bound. */
  flush(spans: SpanFinder): boolean {
    if (this.used === 0) return true
    const raw = this.buf.subarray(0, this.used)
    const hash = createHash('sha256').update(raw).digest('base64')
    this.used = 0
    this.scanned = 0
    return this.take(raw, hash, spans)
  }

  protected take(raw: Buffer, hash: string, spans: SpanFinder): boolean {
    const known = this.marks?.get(`${raw.length}:${hash}`)
    const marks = known === undefined ? markChunk(raw) : known
    spans.feed(raw, marks ?? undefined)
    this.cuts.push([this.offset, raw.length, hash, known === undefined ? marks : false])
    this.offset += raw.length
    return true
  }
}

/**
 * Cuts what it is given into chunks (`Cutter`), hands each to the text's `SpanFinder`, and stores
 * it: a chunk the entry before holds, by length and SHA-256, is kept as it is stored and searched
 * for the time only at its marks; another is searched, compressed and stored.
 */
class Chunker extends Cutter {
  readonly list: StoredChunk[] = []
  /** Bytes stored so far, compressed (those kept counted too). */
  stored = 0
  constructor(
    private readonly sink: MemoSink,
    private readonly previous: Map<string, StoredChunk>,
    private readonly maxBytes: number
  ) {
    super()
  }

  protected override take(raw: Buffer, hash: string, spans: SpanFinder): boolean {
    const before = this.keep(raw.length, hash)
    if (before) {
      // The same bytes: the same marks (null ones searched whole again).
      spans.feed(raw, before[4] ?? undefined)
      return this.stored <= this.maxBytes
    }
    const marks = markChunk(raw)
    spans.feed(raw, marks ?? undefined)
    return this.put(raw, hash, marks)
  }

  /**
   * A chunk `MemoFlow` read of the file open at `fd`: kept when the entry before holds it, else read
   * again, checked against its hash, compressed and stored. False once the entry passes its bound,
   * or when the bytes read are not the chunk's.
   */
  known(fd: number, [offset, length, hash, marks]: KnownChunk): boolean {
    if (this.keep(length, hash)) return this.stored <= this.maxBytes
    if (length > this.buf.length) return false
    for (let at = 0; at < length;) {
      const n = readSync(fd, this.buf, at, length - at, offset + at)
      if (n <= 0) return false
      at += n
    }
    const raw = this.buf.subarray(0, length)
    if (createHash('sha256').update(raw).digest('base64') !== hash) return false
    return this.put(raw, hash, marks === false ? markChunk(raw) : marks)
  }

  /** The entry before's chunk of these bytes, kept for this one, or undefined. */
  private keep(length: number, hash: string): StoredChunk | undefined {
    const before = this.previous.get(`${length}:${hash}`)
    if (!before || !this.sink.keep(before[2])) return undefined
    this.list.push([length, hash, before[2], before[3], before[4]])
    this.stored += before[3]
    return before
  }

  private put(raw: Buffer, hash: string, marks: number[] | null): boolean {
    const chunk = compress(raw)
    this.list.push([raw.length, hash, this.sink.put(chunk), chunk.length, marks])
    this.stored += chunk.length
    // `put` stored a copy (SQLite binds a blob by copying it).
    releaseBuffer(chunk)
    return this.stored <= this.maxBytes
  }
}

/**
 * Finds the time's forms in a text given a piece at a time (a form may lie across two pieces), and
 * the line around each: where each is, or null when the text does not hold exactly the forms its
 * kind has, or a line around one is longer than MAX_TIME_LINE.
 */
class SpanFinder {
  /** Bytes seen so far. */
  length = 0
  /** Each form's name, its text with what surrounds it, the offset of the time in that, and of MARK. */
  private readonly wanted: [FormName, Buffer, number, number][]
  private readonly overlap: number
  private tail = Buffer.alloc(0)
  private lastNewline = -1
  private readonly spans: [number, FormName][] = []
  private readonly starts: number[] = []
  private readonly ends: (number | null)[] = []

  constructor(
    private readonly name: string,
    forms: TimeForms
  ) {
    this.wanted = (Object.entries(needles(forms)) as [FormName, [string, string]][]).map(([form, [before, after]]) => {
      const needle = Buffer.from(before + after, 'latin1')
      return [form, needle, Buffer.byteLength(before), needle.indexOf(MARK)]
    })
    this.overlap = Math.max(...this.wanted.map(([, n]) => n.length)) - 1
  }

  /**
   * The next piece of the text. `marks`, when given, are where MARK lies whole in the piece: a form
   * lying whole in it is looked for only there (each holds MARK once), else the piece is searched.
   */
  feed(piece: Buffer, marks?: readonly number[]): void {
    const base = this.length
    for (let i = 0; i < this.ends.length; i++)
      if (this.ends[i] === null) {
        const nl = piece.indexOf(10)
        if (nl >= 0) this.ends[i] = base + nl
      }
    // A form across the last piece's end and this one's start, then those within this piece: the
    // piece itself is searched in place, so what a text's reading allocates is a few bytes per piece.
    const seam = this.tail.length === 0 ? null : Buffer.concat([this.tail, piece.subarray(0, this.overlap)])
    for (const [form, needle, before, mark] of this.wanted) {
      if (seam)
        for (let i = seam.indexOf(needle); i >= 0 && i < this.tail.length; i = seam.indexOf(needle, i + 1))
          if (i + needle.length > this.tail.length) this.found(piece, base, base - this.tail.length + i + before, form)
      if (marks && mark >= 0) {
        for (const m of marks) {
          const at = m - mark
          if (at >= 0 && at + needle.length <= piece.length && piece.compare(needle, 0, needle.length, at, at + needle.length) === 0)
            this.found(piece, base, base + at + before, form)
        }
      } else for (let i = piece.indexOf(needle); i >= 0; i = piece.indexOf(needle, i + 1)) this.found(piece, base, base + i + before, form)
    }
    const nl = piece.lastIndexOf(10)
    if (nl >= 0) this.lastNewline = base + nl
    this.length += piece.length
    const keep = Math.min(this.overlap, piece.length)
    this.tail = Buffer.concat([this.tail.subarray(Math.max(0, this.tail.length + keep - this.overlap)), piece.subarray(piece.length - keep)])
  }

  /** A form found at `at`, with the line around it: its start before `at`, its end in this piece or a later one. */
  private found(piece: Buffer, base: number, at: number, form: FormName): void {
    // Between `at` and the piece's start there is only the form: no line ends there.
    const before = at > base ? piece.lastIndexOf(10, at - base - 1) : -1
    const after = piece.indexOf(10, Math.max(0, at - base))
    this.spans.push([at, form])
    this.starts.push(before >= 0 ? base + before + 1 : this.lastNewline + 1)
    this.ends.push(after >= 0 ? base + after : null)
  }

  finish(): { spans: [number, FormName][]; lines: [number, number][] } | null {
    const want = expectedForms(this.name)
    for (const [form] of this.wanted) {
      // Empty text (a summary left out) holds no time; any other must hold its kind's forms once.
      const expected = want.includes(form) && this.length > 0 ? 1 : 0
      if (this.spans.filter(([, f]) => f === form).length !== expected) return null
    }
    const order = this.spans.map((_, i) => i).sort((a, b) => this.spans[a][0] - this.spans[b][0])
    const lines = order.map((i): [number, number] => [this.starts[i], this.ends[i] ?? this.length])
    if (lines.some(([s, e]) => e - s > MAX_TIME_LINE)) return null
    return { spans: order.map((i) => this.spans[i]), lines }
  }
}

/**
 * The job's files written again from the memo, at `now`, and its result; null when there is no
 * entry for this key, or it does not read back whole (a chunk missing, cut short, altered or
 * another entry's: each chunk's length and hash, which the head lists, are checked before any
 * file is renamed into place, and the head's texts' lengths must add up to the chunks'), or the time's
 * new forms are not the old ones' lengths or a detector of the last check finds anything on a line
 * that holds them. Each file is written a chunk at a time to a temporary name beside it.
 */
export function replayMemo(job: ReportRequest, key: MemoKey, db: Db, now: Date): ReportResult | null {
  const stored = readJobMemo(db, key.outDir, key.key)
  if (!stored) return null
  // Until it replays whole, the entry is not one to keep chunks of: a row altered under a hash
  // the head lists would otherwise pass from entry to entry, never replayed.
  unsound.add(key)
  const result = replayWhole(job, key, db, now, stored)
  if (result) unsound.delete(key)
  return result
}

/** Keys whose entry was found but did not replay whole: the next entry keeps none of its chunks. */
const unsound = new WeakSet<MemoKey>()

function replayWhole(job: ReportRequest, key: MemoKey, db: Db, now: Date, stored: Buffer): ReportResult | null {
  const payload = unpack(stored)
  if (!payload) return null
  let header: Header
  try {
    header = JSON.parse(payload.toString('utf8')) as Header
  } catch {
    return null
  }
  if (header?.format !== MEMO_FORMAT || !Array.isArray(header.texts) || !Array.isArray(header.chunks) || !header.result) return null
  const forms = timeForms(now)
  for (const f of Object.keys(forms) as FormName[]) if (forms[f].length !== header.forms[f]?.length || !PLAIN.test(forms[f])) return null
  const outDir = resolve(job.outDir)
  mkdirSync(outDir, { recursive: true })
  const writer = new ReplayWriter(header, forms, outDir)
  try {
    let seq = 0
    if (!header.chunks.every((c) => Array.isArray(c) && Number.isSafeInteger(c[2]))) return null
    for (const row of readJobMemoChunks(
      db,
      key.outDir,
      header.chunks.map((c) => c[2])
    )) {
      const want = header.chunks[seq]
      if (!row || !want) return null
      const raw = decompress(row)
      releaseBuffer(row)
      if (!raw || raw.length !== want[0] || createHash('sha256').update(raw).digest('base64') !== want[1]) return null
      // The writer copies what it keeps of a chunk.
      const written = writer.write(raw)
      releaseBuffer(raw)
      if (!written) return null
      seq++
    }
    if (seq !== header.chunks.length || !writer.done()) return null
    if (!timeLinesClean(writer.lines, forms, job)) return null
    writer.commit()
  } finally {
    writer.discard()
  }
  const result = header.result
  return {
    ...result,
    report: { ...result.report, generated_at: forms.json },
    comment: writer.text(RESULT_TEXTS.comment),
    releaseSection: writer.text(RESULT_TEXTS.releaseSection),
    summary: writer.text(RESULT_TEXTS.summary)
  }
}

/**
 * Writes the texts' concatenation, given a chunk at a time, back into texts: a file to a temporary
 * name beside its own, a text of the result into memory (the result holds it anyway), each with
 * the new time written over the old; keeps the lines around the time for the check.
 */
class ReplayWriter {
  private index = 0
  private offset = 0
  private fd: number | null = null
  private held: Buffer[] = []
  private readonly temps: [string, string][] = []
  private readonly texts = new Map<string, string>()
  private readonly lineParts: Buffer[][]
  /** The lines around the time, with the new time in them. */
  readonly lines: string[] = []

  constructor(
    private readonly header: Header,
    private readonly now: TimeForms,
    private readonly outDir: string
  ) {
    this.lineParts = []
  }

  /** Takes the next chunk; false when a span does not hold the old time (the entry is not what was stored). */
  write(raw: Buffer): boolean {
    for (let at = 0; at < raw.length;) {
      const t = this.header.texts[this.index]
      if (!t) return false
      if (this.offset === 0 && !this.open(t)) return false
      const n = Math.min(t.bytes - this.offset, raw.length - at)
      const piece = raw.subarray(at, at + n)
      if (!this.substitute(piece, t)) return false
      this.keepLines(piece, t)
      if (t.file) for (let w = 0; w < piece.length;) w += writeSync(this.fd!, piece, w)
      else this.held.push(Buffer.from(piece))
      this.offset += n
      at += n
      if (this.offset === t.bytes && !this.close(t)) return false
    }
    return true
  }

  /** Whether every text was written whole (an empty text at the end takes no bytes of a chunk). */
  done(): boolean {
    while (this.index < this.header.texts.length) {
      const t = this.header.texts[this.index]
      if (t.bytes !== 0 || !this.open(t) || !this.close(t)) return false
    }
    return true
  }

  private open(t: StoredText): boolean {
    if (!Array.isArray(t.spans) || !Array.isArray(t.lines) || t.lines.length !== t.spans.length) return false
    this.held = []
    this.lineParts.length = 0
    for (let i = 0; i < t.spans.length; i++) this.lineParts.push([])
    if (t.file) {
      const temp = replayName(this.outDir, basename(t.name))
      mkdirSync(dirname(join(this.outDir, t.name)), { recursive: true })
      this.fd = openSync(temp, 'w')
      this.temps.push([temp, join(this.outDir, t.name)])
    }
    return true
  }

  private close(t: StoredText): boolean {
    if (this.fd !== null) {
      // Its flush starts on the thread pool while the next file is written; the commit waits for it.
      flushWhenWhole(this.temps[this.temps.length - 1][0], this.fd)
      this.fd = null
    }
    if (!t.file) this.texts.set(t.name, Buffer.concat(this.held).toString('utf8'))
    for (const parts of this.lineParts) this.lines.push(Buffer.concat(parts).toString('utf8'))
    this.index++
    this.offset = 0
    return true
  }

  /** The new time over the old in `piece` (at `this.offset` of text `t`), a span lying across chunks in parts. */
  private substitute(piece: Buffer, t: StoredText): boolean {
    const end = this.offset + piece.length
    for (const [at, form] of t.spans) {
      const old = this.header.forms[form]
      const from = Math.max(at, this.offset)
      const to = Math.min(at + old.length, end)
      for (let i = from; i < to; i++) {
        if (piece[i - this.offset] !== old.charCodeAt(i - at)) return false
        piece[i - this.offset] = this.now[form].charCodeAt(i - at)
      }
    }
    return true
  }

  private keepLines(piece: Buffer, t: StoredText): void {
    const end = this.offset + piece.length
    t.lines.forEach(([s, e], i) => {
      const from = Math.max(s, this.offset)
      const to = Math.min(e, end)
      if (from < to) this.lineParts[i].push(Buffer.from(piece.subarray(from - this.offset, to - this.offset)))
    })
  }

  text(name: string): string {
    return this.texts.get(name) ?? ''
  }

  /**
   * Every file renamed into place: called once all were written and checked. Each is flushed to
   * the disk first, as a job's own files are (src/output-folder.ts): a replayed name never points
   * at a file cut short after a power cut. Each earlier file is freed off the wall's path (`replaceOffPath`).
   */
  commit(): void {
    for (const [temp, target] of this.temps) flushed(temp, basename(target))
    for (const [temp, target] of this.temps.splice(0)) replaceOffPath(temp, target)
  }

  /** Whatever was not renamed into place is removed. */
  discard(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    for (const [temp] of this.temps.splice(0)) {
      forget(temp)
      rmSync(temp, { force: true })
    }
  }
}

/**
 * The last check over each line that holds the new time: the stored files were checked with the
 * old time in them, so what a detector could make of the new one is looked at here, with the
 * check's own detectors and without the report's included values (stricter than the check).
 */
function timeLinesClean(lines: string[], forms: TimeForms, job: ReportRequest): boolean {
  const unique = new Set(lines)
  if (unique.size === 0) return true
  const opts = lateCheckOptions(job.config)
  for (const line of [...unique, ...Object.values(forms)]) if (redactText(line, opts).findings.length > 0) return false
  return true
}

const MAGIC = Buffer.from('ALTJM2', 'latin1')
const ZSTD = typeof zlib.zstdCompressSync === 'function'

/**
 * zlib's output buffer for a chunk: large enough for any chunk compressed (zstd's bound) or
 * decompressed, so each call makes one buffer rather than one per 16 KiB and their concatenation.
 */
const OUTPUT_BYTES = CHUNK_BYTES + (CHUNK_BYTES >> 7) + 4096

/**
 * A chunk's bytes: the codec, then the chunk compressed. What zlib allocated is given back at once
 * (`releaseBuffer`), so an entry of hundreds of chunks leaves no trail of buffers behind it.
 */
function compress(raw: Buffer): Buffer {
  if (!ZSTD) return Buffer.concat([Buffer.from([2]), zlib.gzipSync(raw)])
  const out = zlib.zstdCompressSync(raw, { chunkSize: OUTPUT_BYTES })
  const chunk = Buffer.allocUnsafe(out.length + 1)
  chunk[0] = 1
  out.copy(chunk, 1)
  releaseBuffer(out)
  return chunk
}

/** A chunk's bytes decompressed, or null when they do not decompress (the hash is checked by the caller). */
function decompress(chunk: Buffer): Buffer | null {
  const body = chunk.subarray(1)
  try {
    if (chunk[0] === 1 && typeof zlib.zstdDecompressSync === 'function') return zlib.zstdDecompressSync(body, { chunkSize: OUTPUT_BYTES })
    if (chunk[0] === 2) return zlib.gunzipSync(body)
  } catch {
    // A damaged chunk: no entry.
  }
  return null
}

/** The head's bytes: a magic, the SHA-256 of the head, and the head compressed. */
function pack(payload: Buffer): Buffer {
  return Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), compress(payload)])
}

/** The head of an entry, or null when it is not one read back whole (truncated, altered, another layout). */
function unpack(entry: Buffer): Buffer | null {
  if (entry.length < MAGIC.length + 33 || !entry.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const digest = entry.subarray(MAGIC.length, MAGIC.length + 32)
  const payload = decompress(entry.subarray(MAGIC.length + 32))
  return payload && createHash('sha256').update(payload).digest().equals(digest) ? payload : null
}

/** `replayMemo`, under the name the job calls. */
export function replayed(job: ReportRequest, key: MemoKey, db: Db, now: Date): ReportResult | null {
  return replayMemo(job, key, db, now)
}

/** Keeps `entry` for the job's folder (or drops the folder's entry when null), if the store is still at the key's generation. */
export function keepMemo(database: string, key: MemoKey, entry: MemoEntry | null): boolean {
  const fill = entry && unsound.has(key) ? (sink: MemoSink) => entry({ ...sink, previous: null }) : entry
  return writeJobMemo(database, key.outDir, key.key, fill, key.generation)
}
