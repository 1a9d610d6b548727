// Child process of `npm run bench`: builds the report (select + redact) from a filled database
// and renders every format, in full mode and in summary mode. Prints one JSON line of timings.
// Usage: node scripts/bench/report-child.js <database>
import { readFileSync } from 'node:fs'
import { buildReport, ConfigSchema, openStore, REPORT_FORMATS, renderReport } from '../../lib/index.js'

const database = process.argv[2]
const config = ConfigSchema.parse({})
const now = new Date('2026-01-01T00:00:00Z')
const secondsSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e9

function measure(mode) {
  const db = openStore(database)
  let t0 = process.hrtime.bigint()
  const { report } = buildReport(db, { config, mode, now, version: 'bench' })
  const build_s = secondsSince(t0)
  db.close()
  const per_format_s = {}
  let bytes = 0
  t0 = process.hrtime.bigint()
  for (const format of REPORT_FORMATS) {
    const f0 = process.hrtime.bigint()
    for (const f of renderReport(report, format).files) bytes += Buffer.byteLength(f.content)
    per_format_s[format] = secondsSince(f0)
  }
  return { build_s, render_s: secondsSince(t0), per_format_s, bytes, sessions: report.sessions.length }
}

const full = measure('full')
const summary = measure('summary')
let peak = process.resourceUsage().maxRSS / 1024
try {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
  if (m) peak = Number(m[1]) / 1024
} catch {
  // not Linux
}
process.stdout.write(JSON.stringify({ full, summary, peak_rss_mb: peak }) + '\n')
