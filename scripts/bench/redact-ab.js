// Two builds of lib/ compared on the redaction step, interleaved in one process, by CPU time:
// on a shared machine, wall time between two separate runs moves more with the neighbours
// than with the change measured. Same sample and loop as redact-child.js.
//
// Usage: node scripts/bench/redact-ab.js --base DIR [--lib DIR] [--mb 50] [--seed 1] [--rounds 10] [--slices N]
//   --base DIR  the build to compare against (e.g. a copy of lib/ built from the main branch,
//               kept inside the repository so that it resolves the same node_modules)
//   --slices N  time each round in N slices of the sample, each redacted by both builds back to
//               back (which one first alternates), and also report the median and quartiles of
//               the pairs' ratios: when neighbours load the machine unevenly, a load that comes
//               and goes hits both halves of a pair alike, where it skews whole passes
// Prints one JSON line: median MB per CPU second of each, their ratio, and the findings counts
// (with --slices, the pairs' ratios too).
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { redactionSample } from './lines.js'

const root = resolve(import.meta.dirname, '..', '..')
const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    lib: { type: 'string', default: join(root, 'lib') },
    mb: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '10' },
    slices: { type: 'string', default: '1' }
  }
})
if (!args.base) throw new Error('--base DIR is required')
const load = (dir) => import(pathToFileURL(join(resolve(dir), 'index.js')).href)
const builds = { base: await load(args.base), new: await load(args.lib) }
const log = (s) => process.stderr.write(s + '\n')

const mb = Number(args.mb)
const sample = redactionSample(root, mb, Number(args.seed), log)

const slices = Math.max(1, Number(args.slices))
const parts = Array.from({ length: slices }, (_, k) => sample.lines.filter((_, i) => i % slices === k))
const optsOf = { base: { detectors: builds.base.builtinDetectors }, new: { detectors: builds.new.builtinDetectors } }

/** CPU microseconds and findings of one build over some lines. */
function timed(name, lines) {
  const lib = builds[name]
  const opts = optsOf[name]
  let findings = 0
  const c0 = process.cpuUsage()
  for (const l of lines) findings += lib.redactLine(l, opts).findings.length
  const c = process.cpuUsage(c0)
  return { us: c.user + c.system, findings }
}

function pass(name) {
  const r = timed(name, sample.lines)
  return { mbPerCpuS: sample.bytes / r.us, findings: r.findings }
}

// One warm-up pass each, then alternate.
pass('base')
pass('new')
const runs = { base: [], new: [] }
const ratios = []
let findings = {}
for (let i = 0; i < Number(args.rounds); i++) {
  if (slices === 1) {
    for (const name of ['base', 'new']) {
      const r = pass(name)
      runs[name].push(r.mbPerCpuS)
      findings[name] = r.findings
    }
  } else {
    const us = { base: 0, new: 0 }
    const found = { base: 0, new: 0 }
    for (let k = 0; k < slices; k++) {
      const order = (i + k) % 2 === 0 ? ['base', 'new'] : ['new', 'base']
      const pair = {}
      for (const name of order) {
        const r = timed(name, parts[k])
        pair[name] = r.us
        us[name] += r.us
        found[name] += r.findings
      }
      ratios.push(pair.base / pair.new)
    }
    for (const name of ['base', 'new']) runs[name].push(sample.bytes / us[name])
    findings = found
  }
  log(`round ${i + 1}: base ${runs.base[i].toFixed(2)}, new ${runs.new[i].toFixed(2)} MB per CPU second`)
}
const sorted = (xs) => [...xs].sort((a, b) => a - b)
const median = (xs) => sorted(xs)[xs.length >> 1]
const quantile = (xs, q) => sorted(xs)[Math.floor(xs.length * q)]
const round2 = (x) => Math.round(x * 100) / 100
const round3 = (x) => Math.round(x * 1000) / 1000
console.log(
  JSON.stringify({
    base_cpu_mb_s: round2(median(runs.base)),
    new_cpu_mb_s: round2(median(runs.new)),
    ratio: round3(median(runs.new) / median(runs.base)),
    ...(ratios.length > 0
      ? {
          pairs: ratios.length,
          pair_ratio: round3(median(ratios)),
          pair_ratio_q25: round3(quantile(ratios, 0.25)),
          pair_ratio_q75: round3(quantile(ratios, 0.75))
        }
      : {}),
    findings
  })
)
