// First: in the Action's bundle the worker is a bundle entry of its own, with its own globals.
import '../esm-dirname-shim.js'
import { parentPort, workerData } from 'node:worker_threads'
import { toWire } from '../worker/wire.js'
import { openStore } from '../store/db.js'
import { reportHere, type ReportRequest } from './job.js'
import { JOB_WORKER_ROLE, type FromJobWorker, type JobMessage, type JobWorkerRequest } from './job-thread.js'

/**
 * The job's report worker (see job-thread.ts): opens the store by its path, selects, redacts,
 * renders, checks and writes, posts the result or the error, and ends. A worker started during
 * the ingest has no job yet: it loads its modules meanwhile and waits for the job as a message.
 */

/** The report's connection's SQLite page cache, in KiB (the pragma's negative form). */
const REPORT_CACHE_KIB = 4096

const request = workerData as JobWorkerRequest | null
const port = parentPort
if (port && request?.role === JOB_WORKER_ROLE) {
  const job = request.job
  if (job) serve(port, { ...request, job })
  else port.once('message', (m: JobMessage) => serve(port, { ...request, ...m }))
}

function serve(port: NonNullable<typeof parentPort>, r: JobWorkerRequest & { job: ReportRequest }): void {
  const post = (m: FromJobWorker) => port.postMessage(m)
  try {
    // A page cache smaller than the store's default: the report reads a session's rows close
    // together, so it runs about as fast, and a store larger than the default cache filled all of
    // it, adding to the peak (docs/performance.md, "The report worker's heap capped").
    const db = openStore(r.database, { migrateTo: r.schemaVersion, cacheKib: REPORT_CACHE_KIB })
    try {
      const onFileWhole = r.announce ? (name: string, path: string, now: string) => post({ type: 'file', name, path, now }) : undefined
      post({ type: 'done', result: reportHere(db, { ...r.job, onFileWhole }) })
    } finally {
      if (db.open) db.close()
    }
  } catch (e) {
    post({ type: 'failed', error: toWire(e) })
  }
}
