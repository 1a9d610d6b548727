// Runs one job (`runJob`, as `dry-run` calls it) in this process and prints one JSON line: the
// CPU (every thread, user + system) and wall time of the whole job, up to the ingest's end and
// after it, and the peak RSS. For measuring what the report after an ingest takes, cold or warm.
// Usage: node scripts/bench/job-phases.js <root> <logs> <database> <out-dir> <mode>
// (<root>: a checkout whose lib/ is built, so two builds can be run in turn by one script.)
import { readFileSync } from 'node:fs'
import * as nodeModule from 'node:module'
import { performance } from 'node:perf_hooks'

nodeModule.enableCompileCache?.()
const [root, logs, database, outDir, mode] = process.argv.slice(2)
const t0 = performance.now()
const c0 = process.cpuUsage()
const { runJob } = await import(`${root}/lib/pipeline/job.js`)
const { loadConfig } = await import(`${root}/lib/config/load.js`)
const { version } = await import(`${root}/lib/cli/version.js`)
const { config } = loadConfig(undefined)
const cpu = () => {
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1e6
}
const at = () => ({ wall: (performance.now() - t0) / 1000, cpu: cpu() })
let ingested = null
await runJob({
  database,
  repoDir: '.',
  paths: [logs],
  config,
  mode,
  formats: ['md', 'json'],
  filters: {},
  outDir,
  now: new Date('2026-01-01T00:00:00Z'),
  version: version(),
  changedFiles: null,
  // Told when the ingest is done, before the report starts.
  progress: { update() {}, finish: () => (ingested = at()) }
})
const end = at()
const round = (x) => Math.round(x * 100) / 100
const peak = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
process.stdout.write(
  JSON.stringify({
    wall: round(end.wall),
    cpu: round(end.cpu),
    ingest_wall: round(ingested.wall),
    ingest_cpu: round(ingested.cpu),
    after_wall: round(end.wall - ingested.wall),
    after_cpu: round(end.cpu - ingested.cpu),
    peak_mb: Math.round(peak)
  }) + '\n'
)
