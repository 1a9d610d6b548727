// The warm dry-run alone, for before/after comparisons without the whole bench: generates (or
// reuses) the bench's corpus, ingests it into a fresh database, runs the dry-run job once (the
// redaction cache empty) and then `--runs` times more (warm), and prints each run's wall time.
// `--root DIR` measures another checkout's lib/ (e.g. one built from the commit before a change),
// whose own scripts/bench/ children run it; the corpus is this checkout's .bench/ either way.
// Usage: node scripts/bench/warm-dry-run.js [--mb N] [--seed N] [--runs N] [--root DIR] [--json]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ensureCorpus } from './corpus.js'

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    root: { type: 'string' },
    json: { type: 'boolean', default: false }
  }
})
const here = resolve(import.meta.dirname, '..', '..')
const root = resolve(args.root ?? here)
const mb = Number(args.mb)
const log = (s) => process.stderr.write(s + '\n')

const corpusDir = join(here, '.bench', `corpus-${mb}mb`)
ensureCorpus(corpusDir, mb, Number(args.seed), log)
const work = mkdtempSync(join(here, '.bench', 'warm-'))
const database = join(work, 'db.sqlite')
try {
  const ingest = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'ingest-child.js'), database, corpusDir], {
    encoding: 'utf8',
    maxBuffer: 64 << 20
  })
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`)
  const run = () => {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'scripts', 'bench', 'dry-run-child.js'),
        'dry-run',
        corpusDir,
        '--db',
        database,
        '--out',
        join(work, 'out'),
        '--quiet',
        '--now',
        '2026-01-01T00:00:00Z'
      ],
      { cwd: work, encoding: 'utf8', maxBuffer: 256 << 20 }
    )
    const s = Number(process.hrtime.bigint() - t0) / 1e9
    if (r.status !== 0) throw new Error(`dry-run failed: ${r.stderr}`)
    return { s, peak_rss_mb: JSON.parse(r.stdout.trim().split('\n').pop()).peak_rss_mb }
  }
  const load = loadavg()[0]
  const first = run()
  const warm = Array.from({ length: Number(args.runs) }, run)
  const sorted = warm.map((w) => w.s).sort((a, b) => a - b)
  const median = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2
  const out = {
    mb,
    root,
    cpus: cpus().length,
    load_before: Number(load.toFixed(2)),
    load_after: Number(loadavg()[0].toFixed(2)),
    first_s: Number(first.s.toFixed(2)),
    warm_s: warm.map((w) => Number(w.s.toFixed(2))),
    warm_median_s: Number(median.toFixed(2)),
    warm_peak_rss_mb: Math.round(Math.max(...warm.map((w) => w.peak_rss_mb)))
  }
  log(
    `${mb} MB, ${root}: first ${out.first_s} s, warm ${out.warm_s.join(', ')} s (median ${out.warm_median_s} s), peak RSS ${out.warm_peak_rss_mb} MB, load ${out.load_before} → ${out.load_after}`
  )
  if (args.json) process.stdout.write(JSON.stringify(out) + '\n')
} finally {
  rmSync(work, { recursive: true, force: true })
}
