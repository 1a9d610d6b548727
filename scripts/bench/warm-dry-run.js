// The warm dry-run alone, for before/after comparisons without the whole bench: generates (or
// reuses) the bench's corpus, ingests it into a fresh database, runs the dry-run job once (the
// redaction cache empty) and then `--runs` times more (warm), and prints each run's wall time.
// `--root DIR` measures another checkout's lib/ (e.g. one built from the commit before a change),
// whose own scripts/bench/ children run it; the corpus is this checkout's .bench/ either way.
// Each run's CPU time (user + system, from /usr/bin/time when present) is given beside its wall
// time: on a shared machine the wall time follows the load, the CPU time much less.
// The dry-runs run what the installed CLI runs: the CLI's bundle, built first from the root's lib/
// when the root has scripts/bundle-cli.js (`--lib`: lib/ as compiled, as a checkout's bin/ runs it).
// Usage: node scripts/bench/warm-dry-run.js [--mb N] [--seed N] [--runs N] [--root DIR] [--lib] [--json]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
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
    lib: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false }
  }
})
const here = resolve(import.meta.dirname, '..', '..')
const root = resolve(args.root ?? here)
const mb = Number(args.mb)
const log = (s) => process.stderr.write(s + '\n')
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const m = sorted.length >> 1
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
}
const round = (x) => (x === null ? null : Number(x.toFixed(2)))

const corpusDir = join(here, '.bench', `corpus-${mb}mb`)
ensureCorpus(corpusDir, mb, Number(args.seed), log)
const work = mkdtempSync(join(here, '.bench', 'warm-'))
const database = join(work, 'db.sqlite')
const timed = existsSync('/usr/bin/time')
const bundled = !args.lib && existsSync(join(root, 'scripts', 'bundle-cli.js'))
if (bundled) spawnSync(process.execPath, [join(root, 'scripts', 'bundle-cli.js')], { cwd: root, stdio: 'inherit' })
const env = { ...process.env, AI_LOG_TRAIL_CLI_BUNDLE: bundled ? '1' : '0' }

/** One child process: its wall time, and its CPU time when /usr/bin/time can tell it. */
function child(args) {
  const t0 = process.hrtime.bigint()
  const opts = { cwd: work, env, encoding: 'utf8', maxBuffer: 256 << 20 }
  const r = timed ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], opts) : spawnSync(process.execPath, args, opts)
  const s = Number(process.hrtime.bigint() - t0) / 1e9
  if (r.status !== 0) throw new Error(`${args[0]} failed (${r.status ?? r.signal}): ${r.stderr}`)
  const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(r.stderr)
  return { s, cpu_s: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, stdout: r.stdout }
}

try {
  child([join(root, 'scripts', 'bench', 'ingest-child.js'), database, corpusDir])
  const run = () => {
    const r = child([
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
    ])
    return { ...r, peak_rss_mb: JSON.parse(r.stdout.trim().split('\n').pop()).peak_rss_mb }
  }
  const load = loadavg()[0]
  const first = run()
  const warm = Array.from({ length: Number(args.runs) }, run)
  const out = {
    mb,
    root,
    entry: bundled ? 'bundle' : 'lib',
    cpus: cpus().length,
    load_before: round(load),
    load_after: round(loadavg()[0]),
    first_s: round(first.s),
    first_cpu_s: round(first.cpu_s),
    warm_s: warm.map((w) => round(w.s)),
    warm_median_s: round(median(warm.map((w) => w.s))),
    warm_cpu_s: warm.map((w) => round(w.cpu_s)),
    warm_median_cpu_s: timed ? round(median(warm.map((w) => w.cpu_s))) : null,
    warm_peak_rss_mb: Math.round(Math.max(...warm.map((w) => w.peak_rss_mb)))
  }
  log(
    `${mb} MB, ${root} (${out.entry}): first ${out.first_s} s (CPU ${out.first_cpu_s} s); warm ${out.warm_s.join(', ')} s, median ${out.warm_median_s} s ` +
      `(CPU ${out.warm_cpu_s.join(', ')} s, median ${out.warm_median_cpu_s} s); peak RSS ${out.warm_peak_rss_mb} MB; load ${out.load_before} → ${out.load_after}`
  )
  if (args.json) process.stdout.write(JSON.stringify(out) + '\n')
} finally {
  rmSync(work, { recursive: true, force: true })
}
