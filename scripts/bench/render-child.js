// Render timings without select + redact: times renderReport per format on the full report of a
// filled database (built once, see full-report.js).
// Usage: node scripts/bench/render-child.js <database> [--repeat 3] [--format md] [--out dir] [--lib dir]
// Prints one JSON line: per-format seconds (median of the repeats, and the first run alone), CPU
// seconds of the process over the same calls (less thrown off than wall time when other work
// shares the cores), and output bytes. With --out, writes each format's files there so two
// builds' outputs can be compared byte for byte; with --lib, renders with that compiled lib/
// (e.g. of another commit) instead of this checkout's, on the report this checkout selects.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { REPORT_FORMATS } from '../../lib/index.js'
import { loadFullReport } from './full-report.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: 'string', default: '3' }, format: { type: 'string', multiple: true }, out: { type: 'string' }, lib: { type: 'string' } }
})
const { renderReport } = await import(values.lib ? pathToFileURL(join(resolve(values.lib), 'index.js')).href : '../../lib/index.js')
const formats = values.format ?? REPORT_FORMATS
const report = loadFullReport(positionals[0])

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const per_format_s = {}
// The first call also pays for compiling and warming up, as a one-shot CLI run does.
const first_s = {}
const cpu_s = {}
const bytes = {}
for (const format of formats) {
  const times = []
  const cpu = []
  for (let i = 0; i < Number(values.repeat); i++) {
    const t0 = process.hrtime.bigint()
    const c0 = process.cpuUsage()
    const { files } = renderReport(report, format)
    const c = process.cpuUsage(c0)
    times.push(Number(process.hrtime.bigint() - t0) / 1e9)
    cpu.push((c.user + c.system) / 1e6)
    bytes[format] = files.reduce((n, f) => n + Buffer.byteLength(f.content), 0)
    if (values.out && i === 0) {
      mkdirSync(values.out, { recursive: true })
      for (const f of files) writeFileSync(join(values.out, f.name), f.content)
    }
  }
  first_s[format] = Number(times[0].toFixed(3))
  per_format_s[format] = Number(median(times).toFixed(3))
  cpu_s[format] = Number(median(cpu).toFixed(3))
}
const render_s = Number(
  Object.values(per_format_s)
    .reduce((a, b) => a + b, 0)
    .toFixed(3)
)
process.stdout.write(JSON.stringify({ sessions: report.sessions.length, per_format_s, render_s, first_s, cpu_s, bytes }) + '\n')
