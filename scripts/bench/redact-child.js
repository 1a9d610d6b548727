// The redaction figure of `npm run bench` on its own, for quick iteration on src/redact.
// Same sample as bench.js (every k-th whole file of the corpus, about 8 MB of lines), same loop.
//
// Usage: node scripts/bench/redact-child.js [--mb 50] [--seed 1] [--repeat 3] [--lib DIR] [--digest]
//   --lib DIR   measure another build of lib/ (e.g. a copy of the baseline) instead of ../../lib
//   --digest    also print a SHA-256 of every output line and finding, to compare two builds
// Prints one line per run and one JSON line (median MB/s) last. Run `npm run build` first.
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { redactionSample } from './lines.js'

const root = resolve(import.meta.dirname, '..', '..')
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '3' },
    lib: { type: 'string', default: join(root, 'lib') },
    digest: { type: 'boolean', default: false }
  }
})
const mb = Number(args.mb)
const lib = await import(pathToFileURL(join(resolve(args.lib), 'index.js')).href)
const log = (s) => process.stderr.write(s + '\n')

// The same sample as bench.js.
const sample = redactionSample(root, mb, Number(args.seed), log)
const opts = { detectors: lib.builtinDetectors }
const runs = []
// CPU time too: on a shared machine it moves less with the other processes than wall time.
const cpuRuns = []
for (let i = 0; i < Number(args.repeat); i++) {
  let findings = 0
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  for (const l of sample.lines) findings += lib.redactLine(l, opts).findings.length
  const s = Number(process.hrtime.bigint() - t0) / 1e9
  const c = process.cpuUsage(c0)
  runs.push(sample.bytes / 1e6 / s)
  cpuRuns.push(sample.bytes / (c.user + c.system))
  log(
    `run ${i + 1}: ${sample.lines.length} lines, ${(sample.bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s: ${runs[i].toFixed(2)} MB/s, ${cpuRuns[i].toFixed(2)} MB per CPU second (${findings} findings)`
  )
}

let digest = null
if (args.digest) {
  const h = createHash('sha256')
  for (const l of sample.lines) {
    const r = lib.redactLine(l, opts)
    h.update(r.line).update('\n').update(JSON.stringify(r.findings)).update('\n')
  }
  digest = h.digest('hex')
}
const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[xs.length >> 1] * 100) / 100
console.log(
  JSON.stringify({
    redact_mb_s: median(runs),
    best_mb_s: Math.round(Math.max(...runs) * 100) / 100,
    cpu_mb_s: median(cpuRuns),
    runs: runs.map((x) => Math.round(x * 100) / 100),
    sample_mb: sample.bytes / 1e6,
    digest
  })
)
