// Experiment for docs/performance.md ("Peak RSS"): the ingest on a worker thread with chosen heap
// limits, as `ingestPaths` runs it by default from 64 MiB to read (src/ingest/ingest-thread.ts), to
// choose those limits and to see what the peak is made of: the worker's heap, in use and sized,
// sampled as it runs, against the process's peak RSS.
// Usage: node scripts/bench/isolated-ingest-child.js <database> <young-gen MB, 0 = V8's default> <old-gen MB, 0 = V8's default> <parse worker 0|1> <path>...
// Prints one JSON line. Runs lib/ (npm run build).
import { readFileSync } from 'node:fs'
import { getHeapStatistics } from 'node:v8'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

const statusMb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024
const mb = (bytes) => Math.round(bytes / 2 ** 20)

if (isMainThread) {
  const [database, young, old, parseWorker, ...paths] = process.argv.slice(2)
  const started = Date.now()
  const limits = { ...(Number(young) ? { maxYoungGenerationSizeMb: Number(young) } : {}), ...(Number(old) ? { maxOldGenerationSizeMb: Number(old) } : {}) }
  const worker = new Worker(new URL(import.meta.url), { workerData: { database, paths, parseWorker }, execArgv: [], resourceLimits: limits })
  worker.on('message', (m) =>
    process.stdout.write(
      JSON.stringify({
        young_gen_mb: Number(young) || null,
        old_gen_mb: Number(old) || null,
        seconds: (Date.now() - started) / 1000,
        peak_rss_mb: Math.round(statusMb('VmHWM')),
        ...m
      }) + '\n'
    )
  )
  worker.on('error', (e) => {
    process.stdout.write(JSON.stringify({ young_gen_mb: Number(young) || null, old_gen_mb: Number(old) || null, error: String(e), code: e.code }) + '\n')
    process.exitCode = 1
  })
} else {
  const { ingestOnThisThread } = await import('../../lib/ingest/ingest.js')
  const { openStore } = await import('../../lib/store/db.js')
  const peak = { total: 0, used: 0, external: 0 }
  const sample = setInterval(() => {
    const h = getHeapStatistics()
    peak.total = Math.max(peak.total, h.total_heap_size)
    peak.used = Math.max(peak.used, h.used_heap_size)
    peak.external = Math.max(peak.external, h.external_memory)
  }, 100)
  const db = openStore(workerData.database)
  const r = await ingestOnThisThread(db, workerData.paths, { worker: workerData.parseWorker === '1' })
  db.close()
  clearInterval(sample)
  const end = getHeapStatistics()
  parentPort.postMessage({
    events: r.events,
    parsed_on: r.parsed_on,
    worker_heap_sized_peak_mb: mb(peak.total),
    worker_heap_used_peak_mb: mb(peak.used),
    worker_external_peak_mb: mb(peak.external),
    worker_heap_used_end_mb: mb(end.used_heap_size)
  })
}
