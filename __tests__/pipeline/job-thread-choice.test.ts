import { afterAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob, type ReportRequest } from '../../src/pipeline/job.js'
import type { ReportMode } from '../../src/select/report.js'
import { defaultReportThread, reportThread } from '../../src/pipeline/job-thread.js'
import { openStore, type Db } from '../../src/store/db.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { COMMENT_CACHE_WINDOW } from '../../src/pipeline/comment-window.js'
import { SessionCache } from '../../src/redact/cached-sessions.js'
import { sessionCount } from '../../src/store/sessions.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * Whether the report runs on its worker thread turns on the sessions the comment's report would
 * redact afresh (`SessionCache.sessionsToRedact`): a warm run (every session in the session cache,
 * made under the same rules and code) stays on the caller's thread, where it is faster and smaller
 * (docs/performance.md). The committed fixtures.
 */

const dir = tmpDir('alt-job-thread-choice-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the sessions the comment’s report would redact afresh', () => {
  it('are every session after an ingest, none after a job has reported them, and a session that grew again', async () => {
    const database = join(dir, 'store.sqlite')
    const paths = [join(fixtures, 'codex'), join(fixtures, 'claude-code')]
    const config = parseConfig('', 'test.yml')
    const toRedact = (db: Db, c = config) => SessionCache.sessionsToRedact(db, c, COMMENT_CACHE_WINDOW)
    const run = () =>
      runJob({
        database,
        repoDir: dir,
        paths,
        config,
        mode: 'summary',
        formats: ['md'],
        outDir: join(dir, 'out'),
        now: new Date('2026-01-01T00:00:00Z'),
        version: '0.0.0'
      })
    const db0 = openStore(database)
    await ingestPaths(db0, paths)
    const sessions = sessionCount(db0)
    expect(sessions).toBeGreaterThan(2)
    expect(toRedact(db0)).toBe(sessions)
    db0.close()
    await run()
    const db = openStore(database)
    expect(toRedact(db)).toBe(0)
    // Entries made under other rules, another window or a config that keeps no cache are no entries:
    // the run after an upgrade or a changed rules file redacts every session again.
    expect(toRedact(db, parseConfig('rules:\n  - id: client\n    literals: [ACME]\n', 'x.yml'))).toBe(sessions)
    expect(SessionCache.sessionsToRedact(db, config, { ...COMMENT_CACHE_WINDOW, budget: COMMENT_CACHE_WINDOW.budget + 1 })).toBe(sessions)
    expect(toRedact(db, parseConfig('fields:\n  prompt: include\n', 'x.yml'))).toBe(sessions)
    expect(toRedact(db)).toBe(0)
    // A session whose records change in place loses its entry (the trigger), and counts again.
    db.prepare(`UPDATE events SET replayed = replayed WHERE id = (SELECT min(id) FROM events)`).run()
    expect(toRedact(db)).toBe(1)
    db.prepare('DELETE FROM session_cache').run()
    expect(toRedact(db)).toBe(sessions)
    db.close()
  })

  it('counts an entry made under another generation of rules as missing, as the cache reads it', async () => {
    const database = join(dir, 'store-gen.sqlite')
    const paths = [join(fixtures, 'codex')]
    const db0 = openStore(database)
    await ingestPaths(db0, paths)
    const sessions = sessionCount(db0)
    db0.close()
    await runJob({
      database,
      repoDir: dir,
      paths,
      config: parseConfig('', 'test.yml'),
      mode: 'summary',
      formats: ['md'],
      outDir: join(dir, 'out-gen'),
      now: new Date('2026-01-01T00:00:00Z'),
      version: '0.0.0'
    })
    const db = openStore(database)
    // What an older version left: the same entries under keys of another generation.
    db.prepare(`UPDATE session_cache SET key = 'AAAAAAAAAAAAAAAA.' || substr(key, 18)`).run()
    expect(SessionCache.sessionsToRedact(db, parseConfig('', 'test.yml'), COMMENT_CACHE_WINDOW)).toBe(sessions)
    db.close()
  })
})

describe('the thread a report runs on', () => {
  it('is the worker for a cold run, the caller for a small warm one, the worker again for a large warm one and for any number of sessions', () => {
    expect(reportThread(857, 857)).toBe('worker')
    expect(reportThread(857, 1)).toBe('worker')
    expect(reportThread(857, 0)).toBe('caller')
    expect(reportThread(2_000, 0)).toBe('caller')
    expect(reportThread(8_398, 0)).toBe('worker')
    expect(reportThread(20_000, 20_000)).toBe('worker')
    // A report of any number of sessions fits the worker's capped heap (docs/performance.md).
    expect(reportThread(20_001, 20_001)).toBe('worker')
    expect(reportThread(100_000, 100_000)).toBe('worker')
    expect(reportThread(100_000, 0)).toBe('worker')
  })
})

describe('a report whose files carry every turn', () => {
  it('runs on the worker, warm or not, where a summary-mode report of the same store warm stays on the caller’s thread', async () => {
    const database = join(dir, 'store-files.sqlite')
    const paths = [join(fixtures, 'codex')]
    const config = parseConfig('', 'test.yml')
    const job = (mode: ReportMode): ReportRequest => ({
      database,
      config,
      mode,
      formats: ['md'],
      outDir: join(dir, `out-files-${mode}`),
      now: new Date('2026-01-01T00:00:00Z'),
      version: '0.0.0',
      scope: { kind: 'all' }
    })
    for (const mode of ['summary', 'full'] as const) await runJob({ ...job(mode), repoDir: dir, paths })
    const db = openStore(database)
    expect(SessionCache.sessionsToRedact(db, config, COMMENT_CACHE_WINDOW)).toBe(0)
    expect(defaultReportThread(db, job('summary'))).toBe('caller')
    // Before, a warm full-mode run stayed on the caller's thread, uncapped (514-565 MB at 200 MB of logs).
    expect(defaultReportThread(db, job('full'))).toBe('worker')
    expect(defaultReportThread(db, job('actions'))).toBe('worker')
    db.close()
  })
})
