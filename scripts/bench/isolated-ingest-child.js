// Experiment for docs/performance.md: the whole ingest on a worker thread whose young generation
// is capped, to see how much of the ingest's peak RSS is V8's heap sizing rather than live data.
// Usage: node scripts/bench/isolated-ingest-child.js <database> <young-gen MB, 0 = V8's default> <parse worker 0|1> <path>...
// Prints one JSON line: seconds, events, where parsing ran, and the process's peak RSS.
import { readFileSync } from 'node:fs'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

if (isMainThread) {
  const [database, young, parseWorker, ...paths] = process.argv.slice(2)
  const started = Date.now()
  const limits = Number(young) ? { maxYoungGenerationSizeMb: Number(young) } : undefined
  const worker = new Worker(new URL(import.meta.url), { workerData: { database, paths, parseWorker }, execArgv: [], resourceLimits: limits })
  worker.on('message', (m) => {
    const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024
    process.stdout.write(
      JSON.stringify({
        young_gen_mb: Number(young) || null,
        seconds: (Date.now() - started) / 1000,
        events: m.events,
        parsed_on: m.parsed_on,
        peak_rss_mb: Math.round(hwm)
      }) + '\n'
    )
  })
} else {
  const { ingestPaths, openStore } = await import('../../lib/index.js')
  const db = openStore(workerData.database)
  const r = await ingestPaths(db, workerData.paths, { worker: workerData.parseWorker === '1' })
  db.close()
  parentPort.postMessage({ events: r.events, parsed_on: r.parsed_on })
}
