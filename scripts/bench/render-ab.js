// Two builds of the renderers, timed turn about in one process on the same full report, so that
// load from other work on the machine falls on both alike.
// Usage: node scripts/bench/render-ab.js <database> <lib dir A> <lib dir B> [--format md] [--runs 10]
// A lib dir is a compiled lib/ (e.g. of another commit: git archive + tsc). Prints, per format,
// the median wall and CPU milliseconds of each build.
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { REPORT_FORMATS } from '../../lib/index.js'
import { loadFullReport } from './full-report.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '10' }, format: { type: 'string', multiple: true } }
})
const [database, ...libs] = positionals
if (libs.length !== 2) throw new Error('usage: render-ab.js <database> <lib dir A> <lib dir B> [--format md] [--runs 10]')
const builds = await Promise.all(libs.map((dir) => import(pathToFileURL(join(resolve(dir), 'index.js')).href)))
const report = loadFullReport(database)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

for (const format of values.format ?? REPORT_FORMATS) {
  const wall = builds.map(() => [])
  const cpu = builds.map(() => [])
  for (let i = 0; i < Number(values.runs); i++) {
    // Alternate which build goes first: the second pays for collecting the first one's garbage.
    const order = i % 2 ? [1, 0] : [0, 1]
    for (const b of order) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      builds[b].renderReport(report, format)
      const c = process.cpuUsage(c0)
      wall[b].push(performance.now() - t0)
      cpu[b].push((c.user + c.system) / 1000)
    }
  }
  const line = libs.map((lib, b) => `${lib}: ${median(wall[b]).toFixed(0)} ms wall, ${median(cpu[b]).toFixed(0)} ms CPU`)
  process.stdout.write(`${format}  ${line.join('  |  ')}\n`)
}
