// Child process of `npm run bench`: ingests the given paths into a database and prints one JSON
// line with the time the ingest took (wall and CPU, not counting Node's start-up), the process's peak RSS,
// and whether the ingest ran on its own worker thread.
// Usage: node scripts/bench/ingest-child.js <database> <path>...
import { readFileSync } from 'node:fs'
import { ingestPaths, openStore } from '../../lib/index.js'

const [database, ...paths] = process.argv.slice(2)
const started = process.hrtime.bigint()
const cpuBefore = process.cpuUsage()
const db = openStore(database)
// Changes only when another connection writes the file: the ingest's own worker thread.
const dataVersion = () => db.pragma('data_version', { simple: true })
const before = dataVersion()
const result = await ingestPaths(db, paths)
const isolated = dataVersion() !== before
db.close()
const seconds = Number(process.hrtime.bigint() - started) / 1e9
// CPU time (user + system, every thread) beside wall time: the machine may be shared.
const cpu = process.cpuUsage(cpuBefore)
const cpuSeconds = (cpu.user + cpu.system) / 1e6

/** Peak resident set size in MiB: VmHWM where /proc exists, else resourceUsage().maxRSS. */
function peakRssMb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1]) / 1024
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024
}

process.stdout.write(
  JSON.stringify({
    seconds,
    cpu_seconds: cpuSeconds,
    files: result.files,
    unchanged_files: result.unchanged_files,
    sessions: result.sessions,
    events: result.events,
    skipped_lines: result.skipped_lines,
    parsed_on: result.parsed_on,
    isolated,
    errors: result.errors.length,
    first_errors: result.errors.slice(0, 5),
    peak_rss_mb: peakRssMb()
  }) + '\n'
)
