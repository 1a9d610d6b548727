import { Worker, type ResourceLimits } from 'node:worker_threads'
import { snapshotOutDir } from '../worker/out-dir.js'
import { fromWire, workerScript, type WireError } from '../worker/wire.js'
import { workerEnv } from '../worker/compile-cache.js'
import { schemaVersion, type Db } from '../store/db.js'
import { SessionCache } from '../redact/cached-sessions.js'
import { COMMENT_CACHE_WINDOW } from './comment-window.js'
import { sessionCount } from '../store/sessions.js'
import { filesCarryCommentTurns } from './comment-from-files.js'
import type { ReportRequest, ReportResult } from './job.js'

/**
 * Runs what a job does after the ingest (select, redact, render, the last check, write) on a
 * worker thread. Redacting every turn for the comment churns through short-lived strings, and V8
 * sizes the heap of the thread that does it for that garbage, far above the live data: the same
 * cause as the ingest's peak, met the same way (src/ingest/ingest-thread.ts). A worker's young
 * generation can be capped where the host's cannot (an Action cannot pass Node flags), and its
 * heap is freed when the job ends. The worker opens the store by its path; the caller's
 * connection is closed first, so nothing waits on it.
 */

export const JOB_WORKER_ROLE = 'ai-log-trail-job'

export interface JobWorkerRequest {
  role: typeof JOB_WORKER_ROLE
  database: string
  /** The caller's schema version: the worker's connection migrates no further than the caller's. */
  schemaVersion: number
  /** Null for a worker started during the ingest: its job comes as a `JobMessage` once known. */
  job: ReportRequest | null
  /** Whether the caller is told each file as it is whole (`FromJobWorker`'s `file`). */
  announce: boolean
}

/** The job of a worker started before it was known. */
export type JobMessage = Pick<JobWorkerRequest, 'announce'> & { job: ReportRequest }

/** Told each report file the worker has written whole, with its temporary path and the report's time. */
export type OnFileWhole = (name: string, path: string, now: string) => void

export type FromJobWorker =
  | { type: 'done'; result: ReportResult }
  | { type: 'failed'; error: WireError }
  /** A report file whole under its temporary name `path`, while the worker goes on (`announce`). */
  | { type: 'file'; name: string; path: string; now: string }

/**
 * The young generation is capped, as the ingest's is, at the size measured best for the report
 * (docs/performance.md, "Memory after the ingest"). The old generation is capped too, on a first
 * attempt: V8 grows a heap well past what it holds live, and the cap keeps that growth in check.
 * A report whose live data does not fit is run again without the old generation's cap (V8's own
 * limit, as before the cap), so the cap costs a large report time, never its output.
 */
const YOUNG_MB = 8
const OLD_GENERATION_MB = 64

/**
 * Up to this many sessions a warm run (every session in the session cache) stays on the caller's
 * thread: it replays sessions with little garbage, so the worker's second isolate costs more time
 * than its cap saves memory. Past it the sessions the caller would hold take its peak over the
 * target, and the worker's cap is worth its time (docs/performance.md, "End of the fifth round").
 */
const MAX_WARM_ON_CALLER = 2_000

/** Where a report runs unless `AI_LOG_TRAIL_JOB_WORKER` says: by the store's sessions and how many the session cache holds. */
export function reportThread(sessions: number, uncached: number): 'caller' | 'worker' {
  return uncached === 0 && sessions <= MAX_WARM_ON_CALLER ? 'caller' : 'worker'
}

/** The thread a report runs on when `AI_LOG_TRAIL_JOB_WORKER` does not say. */
export function defaultReportThread(db: Db, job: ReportRequest): 'caller' | 'worker' {
  // A report whose files carry every turn (actions and full mode) makes garbage in proportion to
  // its text, warm or not: on the caller's thread V8 lets its heap grow to several hundred MB
  // before collecting it, whatever is live. The worker's cap collects it sooner; its sessions are
  // spilled by size so what is live fits the cap (docs/performance.md, "A full-mode dry-run's memory").
  if (filesCarryCommentTurns(job.mode, COMMENT_CACHE_WINDOW.maxFieldChars)) return 'worker'
  const sessions = sessionCount(db)
  // The count of uncached sessions is a query over every session: not made when the answer is known.
  // An entry made under other rules or code is no entry: after an upgrade every session is redacted
  // afresh, which must not run uncapped on the caller's thread.
  if (sessions > MAX_WARM_ON_CALLER) return 'worker'
  return reportThread(sessions, SessionCache.sessionsToRedact(db, job.config, COMMENT_CACHE_WINDOW))
}

/**
 * A report worker started while the ingest runs, before its job is known: its start (a second
 * isolate, the report's modules loaded) then overlaps the ingest instead of following it
 * (docs/performance.md, "the report worker started during the ingest"). Started only where the
 * report is sure to run on a worker whatever the ingest finds: a mode whose files carry every turn,
 * or `AI_LOG_TRAIL_JOB_WORKER=1`. A job that does not use it (the memo replays its files, or it
 * fails first) ends it with `cancel`.
 */
export interface EarlyWorker {
  /** The worker's outcome once it is given its job; `onFile` is told each file as it is whole. */
  run(job: ReportRequest, onFile: OnFileWhole | null): Promise<ReportResult>
  /** Ends the worker unused (nothing once it has run). */
  cancel(): void
}

/** Starts the report's worker for a job in `mode` before its request is known, or null where it may not be wanted. */
export function startReportWorker(db: Db, mode: ReportRequest['mode']): EarlyWorker | null {
  const wanted = isolationWanted()
  // `AI_LOG_TRAIL_EARLY_WORKER=0` starts the worker after the ingest, as before: for measuring what the overlap saves.
  if (wanted === false || db.memory || db.inTransaction || process.env.AI_LOG_TRAIL_EARLY_WORKER === '0') return null
  if (wanted === undefined && !filesCarryCommentTurns(mode, COMMENT_CACHE_WINDOW.maxFieldChars)) return null
  const script = jobWorkerScript()
  if (!script) return null
  const request: JobWorkerRequest = { role: JOB_WORKER_ROLE, database: db.name, schemaVersion: schemaVersion(db), job: null, announce: false }
  const started = spawn(script, request, firstLimits())
  let used = false
  return {
    run(job, onFile) {
      used = true
      started.onFile = onFile
      started.worker.postMessage({ job, announce: !!onFile } satisfies JobMessage)
      return started.outcome
    },
    cancel() {
      if (used) return
      used = true
      void started.worker.terminate()
    }
  }
}

/**
 * Runs the report part of a job on a worker thread and returns its result, or returns null when
 * it should run on the caller's thread: a store held in memory, a transaction open on the
 * caller's connection, a small store's every session already in the session cache, no worker script (tests running the TypeScript
 * sources), or turned off. Closes the caller's connection when it runs the worker. `early`, a worker
 * started during the ingest, runs the job's first attempt (or is ended when the job stays here).
 */
export async function reportOnWorker(
  db: Db,
  job: ReportRequest,
  onFile: OnFileWhole | null = null,
  early: EarlyWorker | null = null
): Promise<ReportResult | null> {
  const wanted = isolationWanted()
  // The script sits beside this module in lib/, or in its own bundle beside dist/index.js.
  const script = wanted === false || db.memory || db.inTransaction ? null : jobWorkerScript()
  if (!script || (wanted === undefined && defaultReportThread(db, job) === 'caller')) {
    early?.cancel()
    return null
  }
  const request: JobWorkerRequest = { role: JOB_WORKER_ROLE, database: db.name, schemaVersion: schemaVersion(db), job, announce: !!onFile }
  db.close()
  const limits = firstLimits()
  const outDir = snapshotOutDir(job.outDir)
  try {
    return await (early ? early.run(job, onFile) : spawn(script, request, limits, onFile).outcome)
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e
    // What the worker that ran out wrote goes, so the output folder ends as one run leaves it.
    outDir.restore()
    process.emitWarning(
      `the report needed more than the ${limits.maxOldGenerationSizeMb} MB heap its worker thread is given first; running it again without that cap (it takes longer, and the output is the same)`,
      { code: 'AI_LOG_TRAIL_REPORT_HEAP' }
    )
    return spawn(script, request, { maxYoungGenerationSizeMb: youngMb() }, onFile).outcome
  }
}

function jobWorkerScript(): string | null {
  return workerScript(import.meta.url, ['./job-worker.js', './job-worker/index.js'])
}

/** The first attempt's caps: the young generation's and the old's. */
function firstLimits(): ResourceLimits & { maxOldGenerationSizeMb: number } {
  return { maxYoungGenerationSizeMb: youngMb(), maxOldGenerationSizeMb: oldGenerationMb() }
}

/** A report worker started, its outcome, and who is told of its files (set when it is given its job, for an early one). */
interface Spawned {
  worker: Worker
  outcome: Promise<ReportResult>
  onFile: OnFileWhole | null
}

/**
 * Starts one report worker; its outcome settles when the thread is gone, with the worker's result
 * or error (its `code` kept). Listened to from the start: a worker that fails while it starts, before
 * it is given its job, rejects the outcome, which is then never left unhandled.
 */
function spawn(script: string, request: JobWorkerRequest, resourceLimits: ResourceLimits, onFile: OnFileWhole | null = null): Spawned {
  // None of the parent's Node flags: some do not apply to a worker script, and the job needs none.
  // `AI_LOG_TRAIL_JOB_WORKER_FLAGS` gives the worker some, for measuring (`--cpu-prof`, which a
  // worker started without its parent's flags does not inherit).
  const execArgv = process.env.AI_LOG_TRAIL_JOB_WORKER_FLAGS?.split(' ').filter(Boolean) ?? []
  const worker = new Worker(script, { workerData: request, execArgv, resourceLimits, env: workerEnv() })
  traceHeap(worker)
  const spawned: Spawned = { worker, outcome: Promise.resolve(null as never), onFile }
  spawned.outcome = new Promise<ReportResult>((resolve, reject) => {
    let outcome: { result: ReportResult } | { error: Error } | null = null
    worker.on('message', (m: FromJobWorker) => {
      if (m.type === 'file') {
        // What is read here only spares the memo's entry a read: a failure leaves the file to it.
        try {
          spawned.onFile?.(m.name, m.path, m.now)
        } catch {
          // Read again when the entry is made.
        }
        return
      }
      outcome = m.type === 'done' ? { result: m.result } : { error: fromWire(m.error) }
    })
    // An error the worker could not post (out of memory, a failure to start) comes as an event.
    worker.on('error', (e: Error & { code?: unknown }) => {
      outcome ??= { error: Object.assign(new Error(`report worker failed: ${e.message}`, { cause: e }), { code: e.code }) }
    })
    // Settled when the thread is gone, so its heap is freed before the caller goes on.
    worker.on('exit', (code) => {
      if (outcome && 'result' in outcome) resolve(outcome.result)
      else reject(outcome?.error ?? new Error(`report worker exited (code ${code}) without a result`))
    })
  })
  spawned.outcome.catch(() => undefined)
  return spawned
}

/**
 * The old generation's cap on the first attempt: `AI_LOG_TRAIL_JOB_WORKER_HEAP_MB` sets another,
 * for measuring, and for the tests of the second attempt. Not below the smallest heap a worker
 * starts in: under it V8 aborts the whole process while creating the isolate, before any limit
 * can end the worker alone.
 */
function oldGenerationMb(): number {
  const mb = Number(process.env.AI_LOG_TRAIL_JOB_WORKER_HEAP_MB)
  return Number.isInteger(mb) && mb > 0 ? Math.max(mb, MIN_OLD_GENERATION_MB) : OLD_GENERATION_MB
}

const MIN_OLD_GENERATION_MB = 8

/** `AI_LOG_TRAIL_JOB_WORKER_YOUNG_MB` sets another young generation's cap, for measuring. */
function youngMb(): number {
  const mb = Number(process.env.AI_LOG_TRAIL_JOB_WORKER_YOUNG_MB)
  return Number.isInteger(mb) && mb > 0 ? mb : YOUNG_MB
}

/**
 * `AI_LOG_TRAIL_JOB_WORKER=0` keeps the report on the caller's thread, for debugging it there;
 * `=1` runs it on the worker whatever the sessions, for measuring.
 */
function isolationWanted(): boolean | undefined {
  const env = process.env.AI_LOG_TRAIL_JOB_WORKER
  return env === '1' ? true : env === '0' ? false : undefined
}

/**
 * `AI_LOG_TRAIL_TRACE_MEMORY=<ms>` samples the worker's heap that often and prints the largest
 * figures to stderr when it ends: the worker's share of a peak (docs/performance.md). Measuring only.
 */
function traceHeap(worker: Worker): void {
  const ms = Number(process.env.AI_LOG_TRAIL_TRACE_MEMORY) || 0
  if (ms <= 0) return
  const largest = { used: 0, total: 0, external: 0 }
  const timer = setInterval(() => {
    worker.getHeapStatistics().then(
      (h) => {
        largest.used = Math.max(largest.used, Math.round(h.used_heap_size / 1048576))
        largest.total = Math.max(largest.total, Math.round(h.total_heap_size / 1048576))
        largest.external = Math.max(largest.external, Math.round(h.external_memory / 1048576))
      },
      () => undefined
    )
  }, ms)
  worker.once('exit', () => {
    clearInterval(timer)
    process.stderr.write(`report worker heap, largest sampled (MB): ${JSON.stringify(largest)}\n`)
  })
}
