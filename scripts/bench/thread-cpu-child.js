// Ingests the given paths on this thread into a fresh database and prints one JSON line with the
// CPU of this (the writing) thread beside the process's: work moved to libuv's pool or to
// another thread shows as the difference. Run with AI_LOG_TRAIL_INGEST_WORKER=0 (and, to keep the
// parse stage on this thread too, AI_LOG_TRAIL_PARSE_WORKER=0).
// Usage: node scripts/bench/thread-cpu-child.js <lib root> <database> <path>...
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'

const [root, database, ...paths] = process.argv.slice(2)
const { ingestPaths, openStore } = await import(pathToFileURL(join(root, 'lib', 'index.js')).href)
const started = performance.now()
const cpuBefore = process.cpuUsage()
const threadBefore = process.threadCpuUsage()
const db = openStore(database)
const result = await ingestPaths(db, paths)
db.close()
const cpu = process.cpuUsage(cpuBefore)
const thread = process.threadCpuUsage(threadBefore)
const seconds = (us) => Number((us / 1e6).toFixed(2))
process.stdout.write(
  JSON.stringify({
    wall: Number(((performance.now() - started) / 1e3).toFixed(2)),
    cpu: seconds(cpu.user + cpu.system),
    thread: seconds(thread.user + thread.system),
    events: result.events
  }) + '\n'
)
