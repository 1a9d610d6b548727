/*
 * The entry of the installed CLI's bundle (scripts/bundle-cli.js): one file in place of the
 * hundreds of modules Node would resolve and load one at a time on every run. Its worker threads
 * start from the same bundle (the small scripts beside it call `startWorker`), so the code they
 * run is the text the main thread runs: the caches' fingerprints hash functions' source, and a
 * worker bundled apart would key every entry differently from the thread that reads it next.
 */
export { main } from './main.js'

const WORKERS = {
  'ingest-worker': () => import('../ingest/ingest-worker.js'),
  'job-worker': () => import('../pipeline/job-worker.js'),
  'parse-worker': () => import('../ingest/parse-worker.js')
}

export type WorkerName = keyof typeof WORKERS
export const WORKER_NAMES = Object.keys(WORKERS) as WorkerName[]

/** Runs a worker thread's module, which serves the request its `workerData` holds. */
export async function startWorker(name: WorkerName): Promise<void> {
  await WORKERS[name]()
}
