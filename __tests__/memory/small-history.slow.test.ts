import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error: a plain ES module of the bench scripts, without types
import { ensureCorpus } from '../../scripts/bench/corpus.js'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * A first dry-run of a small history (the bench's generator, 50 MB): the ingest stayed on the
 * caller's thread under the ingest worker's old limit on bytes, and the heap it grew there stayed
 * with the process beside the report's worker, so the run peaked over the 250 MB target (277-294 MB),
 * higher than one of 200 MB. The ingest now runs on its worker from 8 MiB to read. Runs lib/:
 * `npm test` builds it first. Figures: docs/performance.md, "a small history's dry-run peak".
 */

const dir = tmpDir('alt-memory-small-history-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function dryRun(logs: string, db: string, out: string): number {
  const args = [join(repoRoot, 'scripts', 'bench', 'dry-run-child.js'), 'dry-run', logs, '--db', db, '--out', out, '--quiet', '--now', '2026-01-01T00:00:00Z']
  const r = spawnSync(process.execPath, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', AI_LOG_TRAIL_INGEST_WORKER: '', AI_LOG_TRAIL_JOB_WORKER: '', AI_LOG_TRAIL_PARSE_WORKER: '' },
    timeout: 600_000
  })
  if (r.status !== 0) throw new Error(`dry-run exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}`)
  const measured = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { code: number; peak_rss_mb: number }
  expect(measured.code).toBe(0)
  return measured.peak_rss_mb
}

describe('a small history’s dry-run', () => {
  it('stays within 250 MB resident on its first run and on the next', () => {
    const logs = join(dir, 'corpus-50mb')
    ensureCorpus(logs, 50, 1)
    const db = join(dir, 'corpus.sqlite')
    for (const pass of ['cold', 'warm']) expect(dryRun(logs, db, join(dir, `out-${pass}`))).toBeLessThan(250)
  }, 900_000)
})
