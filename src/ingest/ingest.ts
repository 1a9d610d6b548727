import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { availableParallelism, loadavg } from 'node:os'
import { checkpointWal, type Db } from '../store/db.js'
import { anyStoredFile, fileIdFor, filePathsOf, readFileRow, saveFileProgress } from '../store/files.js'
import { dropSessionsNoFileHolds, forgetFileAndItsSessionFacts } from '../store/session-reread.js'
import { saveFormatTally } from '../store/format-tallies.js'
import { reconcileCopies, reconcileFormats } from '../store/reconcile.js'
import { clearReconcilePending, markReconcilePending, TouchedSessions } from '../store/reconcile-pending.js'
import { StoreWriter } from '../store/writer.js'
import { isSideFile, recognize, sourceById } from '../sources/registry.js'
import type { Source } from '../sources/types.js'
import { fallbackSessionId } from '../sources/util/ids.js'
import { tryParseJson } from '../sources/util/json.js'
import { decodeText, detectCompression, detectEncoding, readCompressedHead } from './lines.js'
import type { FileJob, ParsedBatch, ParsedLine } from './parse-file.js'
import { crashPoint } from './crash-point.js'
import { formatWarnings, type FormatWarning } from './format-drift.js'
import { isDatabaseSidecar, isSqliteHeader, sqliteHead } from './database.js'
import { planDatabase } from './database-plan.js'
import { ingestOnWorker } from './ingest-thread.js'
import { parseJobs, type Planned } from './parse-pool.js'
import { walkFileStats, type FileStat, type SkippedPath, type WalkedFile } from './walk.js'
import { StoredAliases, type MergedPath } from './spellings.js'
import { WriteGroup } from './write-group.js'
import { HeapWatch, HeldBytesReached } from './held-bytes.js'
import { addPart, emptyPart, type CommittedPart } from './committed-part.js'

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
  /** Where the logs were parsed: on a worker thread beside the writing one, or on the same. */
  parsed_on: 'worker' | 'thread'
  /** Files read in this run whose format looks changed (see format-drift.ts), one warning each. */
  format_warnings: FormatWarning[]
  /**
   * Stored paths found to be another path of a file the store holds (a store an earlier version
   * filled through a link), whose records were forgotten: paths only, in the order of `forgot`.
   */
  merged_paths: MergedPath[]
}

/** How an ingest that goes on from an earlier attempt's commits is told of them. */
export interface AttemptHooks {
  /** Called after each commit with what it stored since the one before. */
  onCommit?: (part: CommittedPart) => void
  /** Files an earlier attempt of the same run read to their end, by id (their format warnings are this run's too). */
  readBefore?: number[]
  /**
   * Nothing over this many bytes is read at once (held-bytes.ts): the ingest gives up what it
   * wrote since its last commit and throws `HeldBytesReached`, for an attempt without the bound to go on.
   */
  maxHeldBytes?: number
  /**
   * Runs the reconciliation after the ingest (what `run` does), so the bench can time that path
   * itself (scripts/bench/reconcile-child.js): reconciling a filled store again changes no row
   * and so does not time the updates a first ingest makes.
   */
  reconcile?: (run: () => void) => void
  /** Sessions reconciled at a time at the end (tests give a small page). */
  endPage?: number
}

export interface IngestOptions {
  /** Lines longer than this are skipped and reported (default 64 MiB). */
  maxLineBytes?: number
  /** Events written per transaction (default 2,000). */
  batchSize?: number
  /** Documents (whole-file JSON formats) larger than this are skipped and reported (default 256 MiB). */
  maxDocumentBytes?: number
  onProgress?: (p: { file: string; bytes: number }) => void
  /**
   * Parse on a worker thread while this thread writes (default: when there are 128 MiB or more
   * to read and a core to spare, judged by the load average; the environment variable
   * `AI_LOG_TRAIL_PARSE_WORKER=0|1` overrides the default).
   */
  worker?: boolean
  /**
   * Run the whole ingest on a worker thread whose heap limits suit it, writing to the store's
   * file through a connection of its own (default: when there are 8 MiB or more to read or 2,000
   * files or more to check, the store is a file and the worker's script is found; the environment
   * variable `AI_LOG_TRAIL_INGEST_WORKER=0|1` overrides the default, `0` for debugging on one thread).
   */
  isolate?: boolean
  /**
   * Told once, when an ingest on the calling thread (a small one, see `isolate`) has planned the
   * first file it is to read: the history changed, and the process's heap stays small meanwhile
   * (a job starts its report's worker then, so that its start overlaps the rest of the ingest).
   */
  onFirstRead?: () => void
}

const HEAD_BYTES = 4096
const MAX_BATCH_CHARS = 8 * 1024 * 1024
const SNIFF_BYTES = 64 * 1024

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

function hash(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex')
}

/**
 * Ingests files or directories into the store. Each file is read from where the last ingest
 * stopped: unchanged files (same size, mtime and head, read to the end) are skipped, grown or
 * part-read files are resumed at their stored offset with their parser's saved state, and
 * rewritten files are read again.
 * The whole ingest runs on a worker thread of its own when it can (see `IngestOptions.isolate`):
 * its heap is then sized for the ingest alone and freed when it ends.
 */
export async function ingestPaths(db: Db, paths: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  return (await ingestOnWorker(db, paths, opts)) ?? ingestOnThisThread(db, paths, opts)
}

/**
 * The ingest itself, on the calling thread. Parsing runs on a worker thread when there is enough
 * to read (see `IngestOptions.worker`); this thread plans each file and writes what the parser found.
 */
export async function ingestOnThisThread(db: Db, paths: string[], opts: IngestOptions = {}, hooks: AttemptHooks = {}): Promise<IngestResult> {
  const result: IngestResult = {
    files: 0,
    unchanged_files: 0,
    sessions: 0,
    events: 0,
    skipped_lines: 0,
    errors: [],
    session_ids: [],
    parsed_on: 'thread',
    format_warnings: [],
    merged_paths: []
  }
  // Ids, not paths: a first ingest streams its walk, and a path kept here would be held to the end.
  const read: number[] = []
  const writer = new StoreWriter(db)
  const touched = new TouchedSessions(db)
  const plans = toldFirst(
    planFiles(db, writer, paths, opts, result, (merged) => hooks.onCommit?.({ ...emptyPart(), merged_paths: merged })),
    opts.onFirstRead
  )
  // The look-ahead holds every plan it makes until the first file is read, never more than
  // LOOKAHEAD_PLANS (a first ingest of many small files planned every file before reading one, and
  // ran out of the worker's heap). It plans ahead whether or not the parse worker is chosen already,
  // so a history of fewer files is planned, and its problems told, in the same order either way.
  const { head, rest, bytes } = await lookAhead(plans, WORKER_MIN_BYTES, LOOKAHEAD_PLANS)
  const onWorker = workerWanted(opts.worker) ?? (bytes >= WORKER_MIN_BYTES && spareCore())
  const parsed = parseJobs(heldTo(chain(head, rest), hooks.maxHeldBytes), onWorker, (where) => (result.parsed_on = where))
  const group = new WriteGroup(db, GROUP_LIMITS)
  const stored = hooks.onCommit ? new CommittedParts(touched, hooks.onCommit) : null
  let stopped: HeldBytesReached | null = null
  // Only the capped attempt (the one given a bound) stops for its heap.
  const watch = hooks.maxHeldBytes !== undefined ? new HeapWatch() : null
  try {
    for await (const { plan, batch } of parsed) {
      // What the group holds is given up, not committed: the next attempt then goes on from a
      // commit an uninterrupted ingest makes too, and its commits (and the raw lines' blocks, closed
      // at each) fall where that ingest's do, so the store is the same to the byte.
      const over = batch.needsHeap ?? watch?.near
      if (over) {
        stopped = new HeldBytesReached(plan.job.path, over)
        break
      }
      group.begin()
      const grouped = group.holdsTransaction
      const eventsBefore = result.events
      writeBatch(db, writer, plan, batch, result, touched, grouped)
      if (batch.last) read.push(plan.fileId)
      stored?.wrote(plan.job.path, plan.fileId, batch, result.events - eventsBefore, readWhole(plan.job))
      if (group.wrote(batch.lines.length, batchChars(batch)) || !grouped) stored?.committed()
      opts.onProgress?.({ file: plan.job.path, bytes: batch.offset })
    }
    if (stopped) group.rollback()
    else if (group.commit()) stored?.committed()
  } catch (e) {
    group.rollback()
    throw e
  } finally {
    watch?.stop()
  }
  // The reconciling is left to the attempt that goes on from this one's last commit.
  if (stopped) throw stopped
  result.sessions = touched.size
  // On the ingest's worker every session written to was posted with the commit that wrote it, and
  // the caller gathers them (ingest-thread.ts): 200,000 ids held here again ran the capped
  // attempt out of its heap at the end of a first ingest of many small files.
  result.session_ids = stored ? stored.unposted() : touched.all().sort()
  crashPoint()
  const page = hooks.endPage ?? END_PAGE
  const reconcile = () => reconcileInPages(db, touched, page)
  if (hooks.reconcile) hooks.reconcile(reconcile)
  else reconcile()
  result.format_warnings = readWarnings(db, [...(hooks.readBefore ?? []), ...read])
  if (result.files > 0) checkpointWal(db)
  return result
}

/** Sessions reconciled at a time at the end of an ingest. */
const END_PAGE = 4_096

/**
 * Reconciles the sessions this ingest wrote to and those an earlier one left pending, a page at a
 * time: all at once, a first ingest of many small files held every session's id several times
 * over at its end. Each step is the same over pages as over the whole: the copies are settled per
 * key against every holder whatever page asked for the key, the formats per session. So the
 * copies are settled for every page before any page's formats, as they were for all the sessions
 * at once, and nothing is cleared before both are done (a crash leaves the whole list pending).
 */
function reconcileInPages(db: Db, touched: TouchedSessions, page: number): void {
  const eachPage = (step: (ids: string[], pending: boolean) => void) => {
    for (let after = 0; ;) {
      const { ids, last } = touched.page(after, page)
      if (ids.length === 0) break
      step(ids, false)
      after = last
    }
    // Sessions an interrupted ingest stored but did not reconcile are reconciled now.
    for (let after = ''; ;) {
      const ids = touched.pendingElsewhere(after, page)
      if (ids.length === 0) break
      step(ids, true)
      after = ids[ids.length - 1]
    }
  }
  eachPage((ids) => reconcileCopies(db, ids))
  eachPage((ids) => reconcileFormats(db, ids))
  // Cleared as they go: the pending sessions are read from the list by id, after the last cleared.
  eachPage((ids, pending) => {
    // A session this run wrote to has records; one only marked (its file read again) may have none left.
    if (pending) dropSessionsNoFileHolds(db, ids)
    clearReconcilePending(db, ids)
  })
}

/** Paths of the files read, asked of the store this many at a time. */
const WARNING_PAGE = 16_384

/** The format warnings of the files read (their ids, in the order read): their paths are asked of the store a page at a time. */
function readWarnings(db: Db, read: number[]): FormatWarning[] {
  const out: FormatWarning[] = []
  for (let from = 0; from < read.length; from += WARNING_PAGE)
    for (const w of formatWarnings(db, filePathsOf(db, read.slice(from, from + WARNING_PAGE)))) out.push(w)
  return out
}

/** The jobs of an attempt that holds no more than `bytes` at once (held-bytes.ts). */
async function* heldTo<P extends { job: { maxHeldBytes?: number } }>(plans: AsyncIterable<P>, bytes: number | undefined): AsyncGenerator<P> {
  for await (const plan of plans) {
    if (bytes !== undefined) plan.job.maxHeldBytes = bytes
    yield plan
  }
}

/**
 * What the batches written since the last commit stored, handed on when they are committed. A
 * file read whole on every attempt (compressed, a database: see writeBatch) counts only once its
 * last batch is committed: a later attempt reads it again from its start, and counts it then.
 */
class CommittedParts {
  private part = emptyPart()
  private wholeFile: { path: string; part: CommittedPart } | null = null
  private sessionsPosted = 0

  constructor(
    private touched: TouchedSessions,
    private post: (part: CommittedPart) => void
  ) {}

  wrote(path: string, fileId: number, batch: ParsedBatch, events: number, whole: boolean): void {
    if (this.wholeFile && this.wholeFile.path !== path) this.wholeFile = null
    if (whole) this.wholeFile ??= { path, part: emptyPart() }
    const p = whole && this.wholeFile ? this.wholeFile.part : this.part
    if (batch.last) p.files_read.push(fileId)
    p.events += events
    p.skipped_lines += batch.skippedLines
    for (const e of batch.problems) p.errors.push({ file: path, line: e.line, reason: e.reason })
    if (whole && batch.last && this.wholeFile) {
      // Its sessions are counted from `touched` at each commit, never in a file's part.
      addPart(this.part, this.wholeFile.part)
      this.wholeFile = null
    }
  }

  /** The sessions written to since the last commit (none once the last batch is committed). */
  unposted(): string[] {
    return this.touched.since(this.sessionsPosted).ids
  }

  committed(): void {
    // Numbered in the order first touched: the sessions touched since the last commit are the tail.
    const { ids, count } = this.touched.since(this.sessionsPosted)
    this.part.session_ids = ids
    this.sessionsPosted = count
    this.post(this.part)
    this.part = emptyPart()
  }
}

/**
 * How much one transaction holds before it commits (see WriteGroup): docs/performance.md has the
 * measurements that chose it.
 */
const GROUP_LIMITS = { lines: 20_000, chars: 32 * 1024 * 1024 }

function batchChars(batch: ParsedBatch): number {
  let n = 0
  for (const line of batch.lines) n += line.text?.length ?? 0
  return n
}

/**
 * Below this many bytes to read, the worker's gain is within the noise (50 MB bench corpus:
 * 1.28-1.62 s with it, 1.42 s without; it starts cold) while its memory cost, a second V8 heap of
 * 60-90 MB, is certain. From 200 MB up it saves 0-16 % (800 MB: 24.9 s against 29.6 s).
 */
const WORKER_MIN_BYTES = 128 * 1024 * 1024

/**
 * A worker only pays when it has a core to itself: on the 200 MB bench corpus it takes the ingest
 * from 5.8 s to 5.2 s on an idle 2-core machine (medians of 5), and from 5.8 s to 8.1 s when
 * another process keeps one of the two cores busy. The 1-minute load average says which case this is
 * (it reads 0 on Windows, where the worker is then always used).
 */
function spareCore(): boolean {
  const cores = availableParallelism()
  return cores >= 2 && loadavg()[0] < cores - 0.5
}

/** `AI_LOG_TRAIL_PARSE_WORKER=0|1` overrides the automatic choice, for measuring either way. */
function workerWanted(option: IngestOptions['worker']): boolean | undefined {
  if (typeof option === 'boolean') return option
  const env = process.env.AI_LOG_TRAIL_PARSE_WORKER
  return env === '1' ? true : env === '0' ? false : undefined
}

/**
 * The most plans the look-ahead holds: a history of files this small on average (128 MiB over
 * 4,096 files is 32 KiB a file) is parsed on this thread, the worker's gain being a file's
 * JSON work beside the writing of the one before.
 */
export const LOOKAHEAD_PLANS = 4096

/** Plans until `bytes` are planned to be read, `plansAtMost` are planned, or the plans end, keeping the rest lazy. */
export async function lookAhead<P extends { job: { size: number; startOffset: number } }>(
  plans: AsyncGenerator<P>,
  bytes: number,
  plansAtMost: number
): Promise<{ head: P[]; rest: AsyncGenerator<P>; bytes: number }> {
  const head: P[] = []
  let total = 0
  while (total < bytes && head.length < plansAtMost) {
    const next = await plans.next()
    if (next.done) break
    head.push(next.value)
    total += Math.max(0, next.value.job.size - next.value.job.startOffset)
  }
  return { head, rest: plans, bytes: total }
}

/** `head`'s items, each let go once handed on (they are plans held to the end otherwise), then `rest`'s. */
async function* chain<T>(head: (T | undefined)[], rest: AsyncIterable<T>): AsyncGenerator<T> {
  for (let i = 0; i < head.length; i++) {
    const item = head[i] as T
    head[i] = undefined
    yield item
  }
  yield* rest
}

/** A file to read, with what is needed to record how far it was read. */
interface FilePlan extends Planned {
  fileId: number
  agent: string
  mtimeMs: number
  headHash: string
  headLen: number
}

/**
 * Decides, file by file, what to read: skips unchanged files, reports unreadable and unknown
 * ones, and prepares the store for files read again from the start. The walk is taken whole
 * first (a stat per file), for the stored paths it did not reach to be matched against it
 * (`StoredAliases.repair`) before any file is planned; `onMerged` hears of what that committed.
 */
async function* planFiles(
  db: Db,
  writer: StoreWriter,
  paths: string[],
  opts: IngestOptions,
  result: IngestResult,
  onMerged: (merged: MergedPath[]) => void
): AsyncGenerator<FilePlan> {
  // A named pipe, a dangling link or an unreadable folder is said, with why, never passed over in
  // silence: in the walk's order among its files, as when each was planned as the walk found it.
  if (!anyStoredFile(db)) {
    // A store that holds no file has no stored path to repair, nor one a walked path could be
    // another spelling of: each file is planned as the walk finds it, and none is held after
    // (a first ingest of many files held the whole walk, and ran out of the worker's heap).
    const skipped: SkippedPath[] = []
    for await (const f of walkFileStats(paths, (s) => skipped.push(s))) {
      for (const s of skipped.splice(0)) reportProblem(writer, result, s.path, null, s.reason)
      const plan = await planFile(db, writer, f.path, f, opts, result)
      if (plan) yield plan
    }
    for (const s of skipped.splice(0)) reportProblem(writer, result, s.path, null, s.reason)
    return
  }
  const walk: (WalkedFile | SkippedPath)[] = []
  for await (const f of walkFileStats(paths, (s) => walk.push(s))) walk.push(f)
  const aliases = new StoredAliases(db)
  const merged = aliases.repair(walk.filter((w): w is WalkedFile => !('reason' in w)))
  if (merged.length > 0) {
    writer.reset()
    result.merged_paths = merged
    onMerged(merged)
  }
  for (const w of walk) {
    if ('reason' in w) {
      reportProblem(writer, result, w.path, null, w.reason)
      continue
    }
    const plan = await planFile(db, writer, w.path, w, opts, result, aliases)
    if (plan) yield plan
  }
}

/** `plans`, with `tell` called before the first is given. */
async function* toldFirst<T>(plans: AsyncGenerator<T>, tell: (() => void) | undefined): AsyncGenerator<T> {
  for await (const plan of plans) {
    tell?.()
    tell = undefined
    yield plan
  }
}

function reportProblem(writer: StoreWriter, result: IngestResult, path: string, line: number | null, reason: string, fileId: number | null = null): void {
  result.errors.push({ file: path, line, reason })
  try {
    writer.error(fileId, path, line, reason)
  } catch {
    // The error list in the result is the primary report; the table is a convenience.
  }
}

/** `st` is the walk's `stat` of `path`, taken just before. */
async function planFile(
  db: Db,
  writer: StoreWriter,
  path: string,
  st: FileStat,
  opts: IngestOptions,
  result: IngestResult,
  aliases: StoredAliases | null = null
): Promise<FilePlan | null> {
  const report = (reason: string) => reportProblem(writer, result, path, null, reason)
  // The unchanged check runs for every file on every re-run, so it is synchronous and reads
  // only the bytes it hashes; a file that changed is then read in full by the parse stage.
  if (isDatabaseSidecar(path)) return null
  if (st.size === 0) {
    report('empty file')
    return null
  }
  const row = readFileRow(db, path)
  if (!row && aliases) {
    const stored = aliases.of(st)
    if (stored !== null && stored !== path) return planFile(db, writer, stored, st, opts, result)
  }
  const database = () =>
    planDatabase(
      {
        db,
        writer,
        report,
        unchanged: () => result.unchanged_files++,
        read: () => result.files++,
        limits: limitsOf(opts)
      },
      path,
      st,
      row
    )
  // A database read before is checked by its signature, not by the head hash of a text log; one
  // that is no longer a database is read as what it is now.
  if (row?.format && sourceById(row.format)?.mode === 'database' && sqliteHead(path)) return database()
  const headLen = Math.min(HEAD_BYTES, st.size)
  // Unchanged means read to the end: an ingest interrupted mid-file stored the offset it reached,
  // and a file whose offset falls short of its size is resumed there. (A compressed file's stored
  // offset is its size once read whole; see writeBatch.)
  if (row && row.size === st.size && row.offset === st.size && row.mtime_ms === st.mtimeMs && row.head_len === headLen) {
    let same = false
    try {
      same = hash(readHeadSync(path, headLen)) === row.head_hash
    } catch {
      // unreadable now: fall through to the full read, which reports it
    }
    if (same) {
      result.unchanged_files++
      return null
    }
  }
  let head: Buffer
  try {
    head = await readHead(path, SNIFF_BYTES)
  } catch (e) {
    report(`unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    return null
  }
  if (isSqliteHeader(head)) return database()
  const headHash = hash(head.subarray(0, headLen))
  const compression = detectCompression(head)
  // What the parsers see: a compressed archive is recognized by its decompressed content.
  let content = head
  if (compression) {
    try {
      content = await readCompressedHead(path, compression, SNIFF_BYTES)
    } catch (e) {
      report(`unreadable ${compression} data: ${String((e as Error).message ?? e)}`)
      return null
    }
  }
  const encoding = detectEncoding(content)
  // A grown file keeps its first bytes; anything else (truncated, rewritten) is read again.
  // A compressed archive cannot be resumed mid-stream: when it changes it is read whole again.
  const grown =
    !compression &&
    row !== undefined &&
    row.format !== null &&
    st.size >= row.offset &&
    row.head_len > 0 &&
    hash(head.subarray(0, row.head_len)) === row.head_hash

  let source: Source | undefined
  if (grown && row.format) source = sourceById(row.format)
  if (!source) {
    const text = decodeText(content, encoding)
    const lines = text
      .split('\n')
      .map((l) => l.replace(/\r$/, ''))
      .filter((l) => l.trim() !== '')
      .slice(0, 20)
    source = recognize({ path, lines, parsed: lines.map((l) => tryParseJson(l)), text })
  }
  if (!source) {
    if (isSideFile(path)) return null
    report('unrecognized format (not a known agent log; skipped)')
    return null
  }
  result.files++
  const fileId = fileIdFor(db, path)
  const resume = grown && row && row.format === source.id
  if (row && !resume) {
    // Rewritten in place: what was stored from the old content no longer exists.
    forgetFileAndItsSessionFacts(db, fileId)
    writer.reset()
  }
  return {
    fileId,
    agent: source.agent,
    mtimeMs: st.mtimeMs,
    headHash,
    headLen,
    job: {
      path,
      sourceId: source.id,
      compression,
      encoding,
      size: st.size,
      startOffset: resume ? row.offset : 0,
      startLine: resume ? row.line_no : 0,
      state: resume && row.parser_state ? JSON.parse(row.parser_state) : undefined,
      fallbackSessionId: fallbackSessionId(path, content.subarray(0, HEAD_BYTES)),
      ...limitsOf(opts)
    }
  }
}

function limitsOf(opts: IngestOptions) {
  return {
    maxLineBytes: opts.maxLineBytes ?? 64 * 1024 * 1024,
    maxDocumentBytes: opts.maxDocumentBytes ?? 256 * 1024 * 1024,
    batchSize: opts.batchSize ?? 2000,
    maxBatchChars: MAX_BATCH_CHARS
  }
}

/** A compressed file or a database is read again from its start when an earlier read of it stopped. */
function readWhole(job: FileJob): boolean {
  return job.compression !== null || job.snapshot !== undefined
}

/**
 * Stores one batch, its problems and how far the file has been read, in one transaction: a crash
 * leaves either all of it or none, and the next ingest resumes just past what was stored.
 */
function writeBatch(db: Db, writer: StoreWriter, plan: FilePlan, batch: ParsedBatch, result: IngestResult, touched: TouchedSessions, grouped: boolean): void {
  const { job, fileId } = plan
  // A compressed file cannot be resumed mid-stream (its offsets count decompressed bytes), nor can
  // a database (its rows are read again whole): it is recorded as read to its size only by its
  // last batch, so an interrupted read starts again.
  const whole = readWhole(job)
  const offset = whole ? (batch.last ? job.size : 0) : batch.offset
  const lineNo = whole && !batch.last ? 0 : batch.lineNo
  const write = () => {
    const sessions = new Set<string>()
    writer.beginBatch(cwdsGiven(batch))
    for (const line of batch.lines) applyRecords(writer, fileId, plan.agent, line, result, sessions)
    writer.flushTimes()
    writer.flushRawLines()
    for (const sid of sessions) {
      touched.add(sid)
      markReconcilePending(db, sid)
    }
    for (const p of batch.problems) writer.error(fileId, job.path, p.line, p.reason)
    if (batch.save) saveFormatTally(db, fileId, batch.tally)
    if (batch.save)
      saveFileProgress(db, fileId, {
        format: job.sourceId,
        size: job.size,
        mtimeMs: plan.mtimeMs,
        headHash: plan.headHash,
        headLen: plan.headLen,
        offset,
        lineNo,
        parserState: batch.stateJson,
        encoding: job.encoding,
        ingestedAt: new Date().toISOString()
      })
    crashPoint()
  }
  // In a group's transaction a batch needs no savepoint of its own: a failure rolls the whole group
  // back, and a savepoint keeps the prior content of every page the batch changes in a journal of
  // its own (held in memory when it was measured, under temp_store = MEMORY: it raised the peak).
  if (grouped) write()
  else db.transaction(write).immediate()
  result.skipped_lines += batch.skippedLines
  for (const p of batch.problems) result.errors.push({ file: job.path, line: p.line, reason: p.reason })
}

/** The first cwd a batch's session patches give each log session id. */
function cwdsGiven(batch: ParsedBatch): Map<string, string> {
  const cwds = new Map<string, string>()
  for (const line of batch.lines)
    for (const r of line.records) if (r.type === 'session' && r.patch.cwd && !cwds.has(r.patch.id)) cwds.set(r.patch.id, r.patch.cwd)
  return cwds
}

function applyRecords(writer: StoreWriter, fileId: number, agent: string, line: ParsedLine, result: IngestResult, touched: Set<string>): void {
  let seq = 0
  let rawStored = false
  const { records } = line
  for (const r of records) {
    if (r.type === 'session') {
      touched.add(writer.session(r.patch, fileId))
    } else if (r.type === 'event') {
      // The raw line is stored once, on the first event it produced.
      const raw = r.event.raw ?? (line.text !== null && !rawStored ? line.text : null)
      rawStored = true
      const n = seq++
      if (writer.event(fileId, agent, n, r.event, raw, line.payloads[n])) result.events++
      touched.add(writer.sessionFor(fileId, r.event.session_id))
    }
  }
}
