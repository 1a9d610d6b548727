// Where a pass of the redaction engine goes, step by step: one pass of redactLine over the same
// sample as redact-child.js records what each step is given (the texts the keyword scan reads, the
// views each detector unit runs on), then each step is timed alone over its own inputs, CPU time,
// median of --repeat. A sampling profile (--cpu-prof) spreads tight loops and regex calls across
// their callers; this does not, but leaves out what the steps cost together (caches, collections).
//
// Usage: node scripts/bench/redact-stages.js [--mb 200] [--seed 1] [--repeat 5] [--lib DIR] [--top 25]
// Prints one line per step, then one JSON line. Run `npx tsc -p tsconfig.build.json` first.
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { redactionSample } from './lines.js'

const root = resolve(import.meta.dirname, '..', '..')
const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '5' },
    lib: { type: 'string', default: join(root, 'lib') },
    top: { type: 'string', default: '25' }
  }
})
const libDir = resolve(args.lib)
const load = (path) => import(pathToFileURL(join(libDir, path)).href)
const lib = await load('index.js')
const { Prefilter } = await load('redact/prefilter.js')
const { buildViews } = await load('redact/engine/views.js')
const { base64Runs } = await load('redact/engine/encoded.js')
const log = (s) => process.stderr.write(s + '\n')

const mb = Number(args.mb)
const sample = redactionSample(root, mb, Number(args.seed), log)
const opts = { detectors: lib.builtinDetectors }
// One list for every line: the engine keeps its prefilter and scan memo per list.
const none = { detectors: [] }

// Record one pass.
const scanned = []
const keywordsIn = Prefilter.prototype.keywordsIn
Prefilter.prototype.keywordsIn = function (text) {
  scanned.push(text)
  return keywordsIn.call(this, text)
}
const units = lib.builtinDetectors.flatMap((d) => d.parts ?? [d])
const given = new Map(units.map((u) => [u, []]))
const finds = new Map(units.map((u) => [u, u.find]))
for (const u of units) {
  const find = finds.get(u)
  u.find = (text) => {
    given.get(u).push(text)
    return find.call(u, text)
  }
}
let findings = 0
for (const l of sample.lines) findings += lib.redactLine(l, opts).findings.length
Prefilter.prototype.keywordsIn = keywordsIn
for (const u of units) u.find = finds.get(u)

const repeat = Number(args.repeat)
/** Median CPU milliseconds of `fn` over --repeat calls. */
function cpuMs(fn) {
  const xs = []
  for (let r = 0; r < repeat; r++) {
    const t = process.cpuUsage()
    fn()
    const d = process.cpuUsage(t)
    xs.push((d.user + d.system) / 1000)
  }
  xs.sort((a, b) => a - b)
  return Math.round(xs[xs.length >> 1] * 10) / 10
}
const chars = (texts) => texts.reduce((n, t) => n + t.length, 0)

// Alone, over its own inputs: the engine's steps, then each detector unit.
const prefilter = new Prefilter(lib.builtinDetectors)
const rows = [
  {
    step: 'whole pass (redactLine, every detector)',
    calls: sample.lines.length,
    chars: sample.bytes,
    ms: cpuMs(() => sample.lines.forEach((l) => lib.redactLine(l, opts)))
  },
  {
    step: 'whole pass with no detector',
    calls: sample.lines.length,
    chars: sample.bytes,
    ms: cpuMs(() => sample.lines.forEach((l) => lib.redactLine(l, none)))
  },
  { step: 'JSON.parse of the lines', calls: sample.lines.length, chars: sample.bytes, ms: cpuMs(() => sample.lines.forEach((l) => JSON.parse(l))) },
  { step: 'keyword scan (keywordsIn)', calls: scanned.length, chars: chars(scanned), ms: cpuMs(() => scanned.forEach((t) => prefilter.keywordsIn(t))) },
  { step: 'views (buildViews)', calls: scanned.length, chars: chars(scanned), ms: cpuMs(() => scanned.forEach((t) => buildViews(t))) },
  { step: 'base64 runs (base64Runs)', calls: scanned.length, chars: chars(scanned), ms: cpuMs(() => scanned.forEach((t) => base64Runs(t))) }
]
const unitRows = units
  .filter((u) => given.get(u).length > 0)
  .map((u) => {
    const texts = given.get(u)
    const label = u.pattern ? String(u.pattern).slice(0, 48) : ''
    return { step: `detector ${u.id}${label ? ` ${label}` : ''}`, calls: texts.length, chars: chars(texts), ms: cpuMs(() => texts.forEach((t) => u.find(t))) }
  })
  .sort((a, b) => b.ms - a.ms)
const detectorsMs = Math.round(unitRows.reduce((n, r) => n + r.ms, 0) * 10) / 10
// The units without keywords run on every view one after another, and may share work on a view
// (the digit runs): timed alone, each pays for it again, so they are also timed together, in list
// order on each view as the engine runs them.
const idle = units.filter((u) => !u.keywords && given.get(u).length === given.get(units.find((x) => !x.keywords)).length)
const views = idle.length > 0 ? given.get(idle[0]) : []
rows.push({
  step: `the ${idle.length} units without keywords together, per view (${idle.map((u) => u.id).join(', ')})`,
  calls: views.length,
  chars: chars(views),
  ms: cpuMs(() => views.forEach((t) => idle.forEach((u) => u.find(t))))
})
for (const r of [...rows, { step: 'every detector unit, summed', calls: 0, chars: 0, ms: detectorsMs }, ...unitRows.slice(0, Number(args.top))]) {
  log(`${r.ms.toFixed(1).padStart(8)} ms  ${String(r.calls).padStart(6)} calls ${(r.chars / 1e6).toFixed(2).padStart(6)} M chars  ${r.step}`)
}
console.log(JSON.stringify({ sample_mb: sample.bytes / 1e6, findings, steps: rows, detectors_ms: detectorsMs, units: unitRows }))
