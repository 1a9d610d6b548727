import { Worker, type ResourceLimits } from 'node:worker_threads'
import { schemaVersion, type Db } from '../store/db.js'
import type { IngestOptions, IngestResult } from './ingest.js'
import { addPart, emptyPart, type CommittedPart } from './committed-part.js'
import { worthAWorker, type WorkerLimits } from './pending-bytes.js'
import { fromWire, workerScript, type WireError } from '../worker/wire.js'
import { HELD_BYTES, type OverHeld } from './held-bytes.js'

/**
 * Runs a whole ingest on a worker thread. An ingest churns through short-lived strings, and V8
 * sizes a heap for the garbage it sees: the process that ran one keeps a heap far larger than the
 * ingest's live data. A worker's heap can be given limits a library cannot give its host process
 * (an Action cannot pass Node flags), and it is freed when the ingest ends. The worker opens the
 * store by its path; the caller's connection waits, idle, and sees what was written once it is done.
 */

export const INGEST_WORKER_ROLE = 'ai-log-trail-ingest'

/** What the worker is asked to do; the options are the caller's limits and parse-worker choice. */
export interface IngestRequest {
  role: typeof INGEST_WORKER_ROLE
  database: string
  /** The caller's schema version: the worker's connection migrates no further than the caller's. */
  schemaVersion: number
  paths: string[]
  options: Pick<IngestOptions, 'maxLineBytes' | 'batchSize' | 'maxDocumentBytes' | 'worker'>
  progress: boolean
  /** Files an earlier attempt of this run read to their end. */
  readBefore?: number[]
  /** On the capped attempt: nothing over this many bytes is read at once (held-bytes.ts). */
  maxHeldBytes?: number
}

export type FromIngestWorker =
  | { type: 'progress'; file: string; bytes: number }
  | { type: 'committed'; part: CommittedPart }
  | { type: 'needs-heap'; file: string; over: OverHeld }
  | { type: 'done'; result: IngestResult }
  | { type: 'failed'; error: WireError }

/**
 * Heap limits of the ingest's worker, chosen from measurement (docs/performance.md, "The ingest on
 * its own worker thread" and "the ingest worker's heap capped"). The old generation is capped on a
 * first attempt: V8 lets garbage lie in an uncapped one, several times what the ingest holds live.
 * That attempt reads nothing larger than `HELD_BYTES` at once (a larger allocation could end the
 * whole process, held-bytes.ts): it stops before such a line, document or database, and a second
 * worker, without the cap, goes on from what the first committed (an interrupted ingest loses
 * nothing). So does one if the first runs out of its heap all the same. The result is put
 * together from both.
 */
const YOUNG_MB = 16
const OLD_GENERATION_MB = 48

/**
 * Below both limits the ingest stays on the caller's thread: starting the worker (loading the
 * ingest's modules into a new isolate) would cost more than so small an ingest. The bytes' limit is
 * low because the heap the caller's thread grows for an ingest stays with the process beside the
 * report's worker, which a cold run takes: a first dry-run of 30 or 50 MB of logs peaked over the
 * target that way, higher than one of 200 MB (docs/performance.md, "a small history's dry-run
 * peak"). Past the files' limit even a check of unchanged files runs on the worker: it reads
 * every file's row and hashes every file's head, and on the caller's thread that grew its young
 * generation and filled its connection's page cache, memory the process kept beside the report's
 * worker afterwards (docs/performance.md, "The ingest's check on its worker").
 */
const WORKER_LIMITS: WorkerLimits = { bytes: 8 * 1024 * 1024, files: 2_000 }

/**
 * Runs the ingest on a worker thread and returns its result, or returns null when it should run
 * on the caller's thread: too little to read and few files to check, a store held in memory or read-only, a transaction
 * open on the caller's connection (the worker's writes would wait on it), no worker script (tests
 * running the TypeScript sources), or turned off.
 */
export async function ingestOnWorker(db: Db, paths: string[], opts: IngestOptions): Promise<IngestResult | null> {
  const wanted = isolationWanted(opts.isolate)
  if (wanted === false || db.memory || db.readonly || db.inTransaction) return null
  // The script sits beside this module in lib/, or in its own bundle beside dist/index.js.
  const script = workerScript(import.meta.url, ['./ingest-worker.js', './ingest-worker/index.js'])
  if (!script) return null
  if (wanted === undefined && !(await worthAWorker(db, paths, WORKER_LIMITS))) return null
  const { onProgress } = opts
  const request: IngestRequest = {
    role: INGEST_WORKER_ROLE,
    database: db.name,
    schemaVersion: schemaVersion(db),
    paths,
    options: limitsOnly(opts),
    progress: onProgress !== undefined
  }
  const first: CommittedPart[] = []
  try {
    const capped = { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: oldGenerationMb() }
    return withPostedSessions(first, await runWorker(script, { ...request, maxHeldBytes: HELD_BYTES }, capped, onProgress, first))
  } catch (e) {
    const why = uncappedNeeded(e)
    if (!why) throw e
    const before = joinParts(first)
    process.emitWarning(
      `the ingest needed more than the ${oldGenerationMb()} MB heap its worker thread is given first (${why}); going on without that cap from what it had stored (${before.files_read.length} file(s) read, ${before.events} event(s)); nothing is read twice`,
      { code: 'AI_LOG_TRAIL_INGEST_HEAP' }
    )
    const later: CommittedPart[] = []
    const again = await runWorker(script, { ...request, readBefore: before.files_read }, { maxYoungGenerationSizeMb: YOUNG_MB }, onProgress, later)
    return withEarlierAttempt(before, withPostedSessions(later, again))
  }
}

/** Runs one ingest worker to its end, handing on its progress and what each commit stored. */
function runWorker(
  script: string,
  request: IngestRequest,
  resourceLimits: ResourceLimits,
  onProgress: IngestOptions['onProgress'],
  committed: CommittedPart[]
): Promise<IngestResult> {
  // None of the parent's Node flags: some do not apply to a worker script (`--input-type` of a
  // parent run with `-e` makes the worker fail to start), and the ingest needs none.
  const worker = new Worker(script, { workerData: request, execArgv: [], resourceLimits })
  return new Promise<IngestResult>((resolve, reject) => {
    let outcome: { result: IngestResult } | { error: Error } | null = null
    worker.on('message', (m: FromIngestWorker) => {
      if (m.type === 'committed') committed.push(m.part)
      else if (m.type === 'needs-heap') outcome ??= { error: new NeedsHeap(m.file, m.over) }
      else if (m.type === 'progress') {
        // A callback that throws fails the ingest, as it would on the caller's thread.
        try {
          onProgress?.({ file: m.file, bytes: m.bytes })
        } catch (e) {
          outcome ??= { error: e instanceof Error ? e : new Error(String(e)) }
          void worker.terminate()
        }
      } else if (m.type === 'done') outcome = { result: m.result }
      else outcome = { error: fromWire(m.error) }
    })
    // An error the worker could not post (out of memory, a failure to start) comes as an event.
    worker.on('error', (e: Error & { code?: unknown }) => {
      outcome ??= { error: Object.assign(new Error(`ingest worker failed: ${e.message}`, { cause: e }), { code: e.code }) }
    })
    // Settled when the thread is gone, so its heap is freed before the caller goes on.
    worker.on('exit', (code) => {
      if (outcome && 'result' in outcome) resolve(outcome.result)
      else reject(outcome?.error ?? new Error(`ingest worker exited (code ${code}) without a result`))
    })
  })
}

/** The capped attempt stopped before something over its bound, its last commit kept. */
class NeedsHeap extends Error {
  constructor(
    readonly file: string,
    readonly over: OverHeld
  ) {
    super(`${file} needs more heap`)
  }
}

/** Why an attempt's failure calls for one without the cap, or null when it does not. */
function uncappedNeeded(e: unknown): string | null {
  if (e instanceof NeedsHeap) {
    if (e.over.heap) return `${e.over.bytes} bytes still in use after a full collection, at ${e.file}`
    const what = e.over.line !== null ? `line ${e.over.line} of ${e.file}` : e.file
    return `${what}: ${e.over.bytes} bytes to hold at once, over the ${HELD_BYTES} it reads there`
  }
  return (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it ran out of it' : null
}

function joinParts(parts: CommittedPart[]): CommittedPart {
  return parts.reduce(addPart, emptyPart())
}

/**
 * An attempt's result with the sessions it wrote to: the worker posts them with each commit and
 * leaves out of its result those it posted, so its capped heap never holds them all at its end.
 */
function withPostedSessions(parts: CommittedPart[], result: IngestResult): IngestResult {
  const ids = new Set(result.session_ids)
  for (const p of parts) for (const id of p.session_ids) ids.add(id)
  const sessionIds = [...ids].sort()
  return { ...result, sessions: sessionIds.length, session_ids: sessionIds }
}

/**
 * The run's result from what a first attempt committed and what the second did. The second finds
 * the files the first read to their end unchanged, and reads again only what the first had not
 * committed, so nothing is counted twice. A file's problems come in another order than one
 * attempt would have told them: the first attempt's lines' problems first.
 */
export function withEarlierAttempt(before: CommittedPart, again: IngestResult): IngestResult {
  const sessionIds = [...new Set([...before.session_ids, ...again.session_ids])].sort()
  return {
    ...again,
    files: again.files + before.files_read.length,
    unchanged_files: Math.max(0, again.unchanged_files - before.files_read.length),
    sessions: sessionIds.length,
    events: before.events + again.events,
    skipped_lines: before.skipped_lines + again.skipped_lines,
    errors: [...before.errors, ...again.errors],
    session_ids: sessionIds,
    merged_paths: [...(before.merged_paths ?? []), ...again.merged_paths]
  }
}

/**
 * The old generation's cap on a first attempt; `AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB` sets another,
 * for measuring and for the tests of the second attempt (not below the smallest heap a worker
 * starts in: under it V8 aborts the whole process).
 */
function oldGenerationMb(): number {
  const mb = Number(process.env.AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB)
  return Number.isInteger(mb) && mb > 0 ? Math.max(mb, 8) : OLD_GENERATION_MB
}

/**
 * Only the options the ingest reads cross to the worker: a caller may pass an object with more
 * (discovery's environment), and a function would not cross at all.
 */
function limitsOnly(o: IngestOptions): IngestRequest['options'] {
  return { maxLineBytes: o.maxLineBytes, batchSize: o.batchSize, maxDocumentBytes: o.maxDocumentBytes, worker: o.worker }
}

/**
 * `AI_LOG_TRAIL_INGEST_WORKER=0` keeps the ingest on the caller's thread, for debugging it there;
 * `=1` runs it on the worker whatever its size, for measuring.
 */
function isolationWanted(option: boolean | undefined): boolean | undefined {
  if (typeof option === 'boolean') return option
  const env = process.env.AI_LOG_TRAIL_INGEST_WORKER
  return env === '1' ? true : env === '0' ? false : undefined
}
