// Two builds of lib/ compared on the redaction step, interleaved in one process, by CPU time:
// on a shared machine, wall time between two separate runs moves more with the neighbours
// than with the change measured. Same sample and loop as redact-child.js.
//
// Usage: node scripts/bench/redact-ab.js --base DIR [--lib DIR] [--mb 50] [--seed 1] [--rounds 10]
//   --base DIR  the build to compare against (e.g. a copy of lib/ built from the main branch,
//               kept inside the repository so that it resolves the same node_modules)
// Prints one JSON line: median MB per CPU second of each, their ratio, and the findings counts.
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureCorpus } from './corpus.js'
import { sampleLines } from './lines.js'

const root = resolve(import.meta.dirname, '..', '..')
const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    lib: { type: 'string', default: join(root, 'lib') },
    mb: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '10' }
  }
})
if (!args.base) throw new Error('--base DIR is required')
const load = (dir) => import(pathToFileURL(join(resolve(dir), 'index.js')).href)
const builds = { base: await load(args.base), new: await load(args.lib) }
const log = (s) => process.stderr.write(s + '\n')

const mb = Number(args.mb)
const corpusDir = join(root, '.bench', `corpus-${mb}mb`)
const corpus = ensureCorpus(corpusDir, mb, Number(args.seed), log)
const files = readdirSync(corpusDir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name))
  .sort()
const sample = sampleLines(files, Math.min(8e6, corpus.bytes))

function pass(lib) {
  const opts = { detectors: lib.builtinDetectors }
  let findings = 0
  const c0 = process.cpuUsage()
  for (const l of sample.lines) findings += lib.redactLine(l, opts).findings.length
  const c = process.cpuUsage(c0)
  return { mbPerCpuS: sample.bytes / (c.user + c.system), findings }
}

// One warm-up pass each, then alternate.
pass(builds.base)
pass(builds.new)
const runs = { base: [], new: [] }
let findings = {}
for (let i = 0; i < Number(args.rounds); i++) {
  for (const name of ['base', 'new']) {
    const r = pass(builds[name])
    runs[name].push(r.mbPerCpuS)
    findings[name] = r.findings
  }
  log(`round ${i + 1}: base ${runs.base[i].toFixed(2)}, new ${runs.new[i].toFixed(2)} MB per CPU second`)
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const round2 = (x) => Math.round(x * 100) / 100
console.log(
  JSON.stringify({
    base_cpu_mb_s: round2(median(runs.base)),
    new_cpu_mb_s: round2(median(runs.new)),
    ratio: Math.round((median(runs.new) / median(runs.base)) * 1000) / 1000,
    findings
  })
)
