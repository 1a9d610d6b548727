// Measures the `redact` command's sanitizing path on other secret scanners' own test cases
// (fixtures/redaction/catalogue/*.jsonl, see its SOURCES.md) planted into Claude Code and Codex
// log lines. Prints, per scanner × family and per carrier, positives redacted and negatives
// touched, and the missed rules (never a value). Run `npm run build` first.
//
// Usage: node scripts/redaction-catalogue.js [--json] [--check] [--rules FILE] [--catalogue DIR]
//   --json       print the whole result as JSON instead of tables
//   --check      exit 1 unless every carrier redacts ≥ 99 % of the real-looking positives, at most
//                5 % of the negatives are touched, and every output line is still JSON
//   --rules FILE the redaction rules to measure (default: as `redact` finds them)
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..')
const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    rules: { type: 'string' },
    catalogue: { type: 'string', default: join(root, 'fixtures', 'redaction', 'catalogue') }
  }
})
const lib = (path) => import(pathToFileURL(join(root, 'lib', path)).href)
const catalogue = await lib('redact/catalogue/index.js')
const { loadConfig } = await lib('config/load.js')
const { redactCommandOptions, sanitizeLogLine } = await lib('redact/files.js')

const opts = redactCommandOptions(loadConfig(args.rules).config)
const cases = catalogue.loadCatalogue(resolve(args.catalogue))
const started = performance.now()
const result = catalogue.measureCatalogue(cases, (line) => sanitizeLogLine(line, opts))
const seconds = (performance.now() - started) / 1000

if (args.json) process.stdout.write(JSON.stringify({ ...result, seconds }, null, 2) + '\n')
else process.stdout.write(catalogue.formatCatalogue(result) + `\n\nmeasured in ${seconds.toFixed(1)} s\n`)

if (args.check && !catalogue.catalogueThresholdsMet(result)) {
  process.stderr.write('redaction catalogue: below the thresholds (recall ≥ 99 % in every carrier, negatives touched ≤ 5 %, JSON intact)\n')
  process.exitCode = 1
}
