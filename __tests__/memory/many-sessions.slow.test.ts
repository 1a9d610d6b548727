import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error: a plain ES module of the bench scripts, without types
import { writeManySessions } from '../../scripts/bench/memory-corpora.js'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * Memory after the ingest does not grow with the number of sessions (reliability issue #13, case
 * 6). The dry-run of a database of many one-prompt Aider sessions (self-written logs, the most
 * compact format a session can be written in) runs in a child whose heap is capped far below what
 * the code before it needed. It ran out of heap: the JSON report was built as one string and
 * parsed whole again by the last check, and the job summary rendered the Markdown report twice
 * more; and its native memory grew with the sessions (an ICU formatter per zone-less time), which
 * the peak resident size catches. Figures: docs/performance.md, "Memory after the ingest".
 * Runs lib/: `npm test` builds it first.
 */

const SESSIONS = 10_000
const HEAP_MB = 64
/** Far above this run's peak, far below what the native growth took it to before. */
const PEAK_RSS_MB = 600

const dir = tmpDir('alt-memory-sessions-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('dry-run memory', () => {
  it(`reports ${SESSIONS.toLocaleString('en-US')} sessions within a ${HEAP_MB} MB heap`, () => {
    const logs = writeManySessions(join(dir, 'logs'), SESSIONS) as string
    const db = join(dir, 'work.sqlite')
    const run = (args: string[]) =>
      spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' }, timeout: 900_000 })
    // The database is filled first, uncapped: what is measured is everything after the ingest.
    const ingest = run([join(repoRoot, 'bin', 'ai-log-trail.js'), 'ingest', logs, '--db', db])
    if (ingest.status !== 0) throw new Error(`ingest exited with ${ingest.status ?? ingest.signal}:\n${ingest.stderr.slice(-4000)}`)
    const out = join(dir, 'out')
    const r = run([
      `--max-old-space-size=${HEAP_MB}`,
      join(repoRoot, 'scripts', 'bench', 'dry-run-child.js'),
      'dry-run',
      logs,
      '--db',
      db,
      '--out',
      out,
      '--quiet'
    ])
    if (r.status !== 0) throw new Error(`dry-run exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}`)
    const measured = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { code: number; peak_rss_mb: number }
    expect(measured.code).toBe(0)
    expect(measured.peak_rss_mb).toBeLessThan(PEAK_RSS_MB)
    // Every session is in the files, not only in what fitted.
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { totals: { sessions: number }; sessions: unknown[] }
    expect(report.totals.sessions).toBe(SESSIONS)
    expect(report.sessions).toHaveLength(SESSIONS)
    expect(readFileSync(join(out, 'report.md'), 'utf8').match(/^\| `aider-/gm)).toHaveLength(SESSIONS)
    expect(existsSync(join(out, 'summary.md'))).toBe(true)
  }, 900_000)
})
