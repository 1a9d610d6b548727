// Child process of `npm run bench`: builds the report (select + redact) from a filled database
// and renders every format, in full mode and in summary mode, then the full report once more:
// the first full report redacts every full text afresh (a summary-mode job caches only the
// comment's windows), the repeat replays the findings the first cached. Prints one JSON line of timings:
// wall seconds, and the process's CPU seconds over the same calls (less thrown off than wall time
// when other work shares the cores).
// Usage: node scripts/bench/report-child.js <database>
import { readFileSync } from 'node:fs'
import { buildReport, ConfigSchema, openStore, REPORT_FORMATS, renderReport } from '../../lib/index.js'

const database = process.argv[2]
const config = ConfigSchema.parse({})
const now = new Date('2026-01-01T00:00:00Z')
const secondsSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e9
const cpuSince = (c0) => {
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1e6
}

function measure(mode) {
  const db = openStore(database)
  let t0 = process.hrtime.bigint()
  let c0 = process.cpuUsage()
  const { report } = buildReport(db, { config, mode, now, version: 'bench' })
  const build_s = secondsSince(t0)
  const build_cpu_s = cpuSince(c0)
  db.close()
  const per_format_s = {}
  const per_format_cpu_s = {}
  let bytes = 0
  t0 = process.hrtime.bigint()
  c0 = process.cpuUsage()
  for (const format of REPORT_FORMATS) {
    const f0 = process.hrtime.bigint()
    const fc0 = process.cpuUsage()
    for (const f of renderReport(report, format).files) bytes += Buffer.byteLength(f.content)
    per_format_s[format] = secondsSince(f0)
    per_format_cpu_s[format] = cpuSince(fc0)
  }
  const render_s = secondsSince(t0)
  const render_cpu_s = cpuSince(c0)
  return { build_s, render_s, build_cpu_s, render_cpu_s, per_format_s, per_format_cpu_s, bytes, sessions: report.sessions.length }
}

const full = measure('full')
const summary = measure('summary')
const fullRepeat = measure('full')
let peak = process.resourceUsage().maxRSS / 1024
try {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
  if (m) peak = Number(m[1]) / 1024
} catch {
  // not Linux
}
process.stdout.write(JSON.stringify({ full, summary, full_repeat: fullRepeat, peak_rss_mb: peak }) + '\n')
