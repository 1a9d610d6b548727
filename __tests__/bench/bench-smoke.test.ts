import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../helpers.js'

/** Every figure `npm run bench -- --json` promises, each a number. */
const FIELDS = [
  'corpus_mb',
  'parse_only_mb_s',
  'ingest_s',
  'ingest_cpu_s',
  'ingest_mb_s',
  'ingest_ratio',
  'ingest_worker_s',
  'ingest_thread_s',
  'reconcile_cpu_us_per_row',
  'reconcile_first_ingest_cpu_us_per_row',
  'store_floor_mb_s',
  'rerun_s',
  'dry_run_warm_s',
  'dry_run_warm_rebuilt_s',
  'dry_run_peak_rss_mb',
  'dry_run_full_first_s',
  'dry_run_full_first_peak_rss_mb',
  'dry_run_full_warm_s',
  'dry_run_full_warm_peak_rss_mb',
  'redact_mb_s',
  'report_s',
  'report_repeat_s',
  'report_repeat_build_s',
  'peak_rss_mb',
  'dist_cold_start_ms',
  'collect_unchanged_s',
  'sessions',
  'events'
]

describe('npm run bench', () => {
  it('measures a 3 MB corpus and prints the figures as JSON on its last line', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'bench.js'), '--mb', '3', '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 180_000,
      maxBuffer: 64 << 20
    })
    expect(r.error).toBeUndefined()
    if (r.status !== 0) throw new Error(`bench exited with ${r.status}:\n${r.stderr.slice(-4000)}`)
    const last = r.stdout.trim().split('\n').pop() ?? ''
    const figures = JSON.parse(last) as Record<string, unknown>
    // Figures depend on the machine: they are printed, never asserted.
    console.log(`bench --mb 3:\n${r.stderr.split('\n\n').pop()}\n${last}`)
    for (const f of FIELDS) {
      expect([f, typeof figures[f]]).toEqual([f, 'number'])
      expect(Number.isFinite(figures[f] as number)).toBe(true)
    }
    // One row per target, each saying whether it is met.
    const targets = figures.targets as { target: unknown; measured: unknown; met: unknown }[]
    expect(targets.length).toBeGreaterThanOrEqual(7)
    for (const t of targets) expect([typeof t.target, typeof t.measured, typeof t.met]).toEqual(['string', 'string', 'boolean'])
    // The warm dry-run is the installed CLI's: its bundle, not lib/ as a checkout's bin/ runs it.
    expect(figures.dry_run_entry).toBe('bundle')
    // 3 MB is under the worker's threshold: the default ingest parses on the main thread.
    expect(figures.ingest_parsed_on).toBe('thread')
    const machine = figures.machine as Record<string, unknown>
    expect(typeof machine.cpus).toBe('number')
    expect(typeof machine.model).toBe('string')
    expect(typeof machine.memory_gb).toBe('number')
    expect(typeof machine.node).toBe('string')
  }, 190_000)
})
