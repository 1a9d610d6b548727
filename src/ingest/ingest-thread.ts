import { Worker } from 'node:worker_threads'
import { schemaVersion, type Db } from '../store/db.js'
import type { IngestOptions, IngestResult } from './ingest.js'
import { worthAWorker, type WorkerLimits } from './pending-bytes.js'
import { fromWire, workerScript, type WireError } from '../worker/wire.js'

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
}

export type FromIngestWorker = { type: 'progress'; file: string; bytes: number } | { type: 'done'; result: IngestResult } | { type: 'failed'; error: WireError }

/**
 * Heap limits of the ingest's worker, chosen from measurement (docs/performance.md, "The ingest on
 * its own worker thread"); the old generation is left to V8, so a document or a line as large as
 * the ingest's limits allow still fits.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 16 }

/**
 * Below both limits the ingest stays on the caller's thread: its peak is under the target there,
 * and starting the worker (loading the ingest's modules into a new isolate) would cost more than
 * the ingest (docs/performance.md, "Peak RSS"). Past the files' limit even a check of unchanged
 * files runs on the worker: it reads every file's row and hashes every file's head, and on the
 * caller's thread that grew its young generation and filled its connection's page cache, memory
 * the process kept beside the report's worker afterwards (docs/performance.md, "The ingest's check
 * on its worker").
 */
const WORKER_LIMITS: WorkerLimits = { bytes: 64 * 1024 * 1024, files: 2_000 }

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
  // None of the parent's Node flags: some do not apply to a worker script (`--input-type` of a
  // parent run with `-e` makes the worker fail to start), and the ingest needs none.
  const worker = new Worker(script, { workerData: request, execArgv: [], resourceLimits: RESOURCE_LIMITS })
  return new Promise<IngestResult>((resolve, reject) => {
    let outcome: { result: IngestResult } | { error: Error } | null = null
    worker.on('message', (m: FromIngestWorker) => {
      if (m.type === 'progress') {
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
    worker.on('error', (e) => {
      outcome ??= { error: new Error(`ingest worker failed: ${e.message}`, { cause: e }) }
    })
    // Settled when the thread is gone, so its heap is freed before the caller goes on.
    worker.on('exit', (code) => {
      if (outcome && 'result' in outcome) resolve(outcome.result)
      else reject(outcome?.error ?? new Error(`ingest worker exited (code ${code}) without a result`))
    })
  })
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
