import { afterAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { reportThread } from '../../src/pipeline/job-thread.js'
import { openStore } from '../../src/store/db.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { sessionsWithoutCacheEntry } from '../../src/store/session-cache.js'
import { sessionCount } from '../../src/store/sessions.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * Whether the report runs on its worker thread turns on sessionsWithoutCacheEntry: a warm run
 * (every session already in the session cache) stays on the caller's thread, where it is faster
 * and smaller (docs/performance.md). The committed fixtures.
 */

const dir = tmpDir('alt-job-thread-choice-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the sessions without a session-cache entry', () => {
  it('are every session after an ingest, none after a job has reported them, and a session that grew again', async () => {
    const database = join(dir, 'store.sqlite')
    const paths = [join(fixtures, 'codex'), join(fixtures, 'claude-code')]
    const run = () =>
      runJob({
        database,
        repoDir: dir,
        paths,
        config: parseConfig('', 'test.yml'),
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
    expect(sessionsWithoutCacheEntry(db0)).toBe(sessions)
    db0.close()
    await run()
    const db = openStore(database)
    expect(sessionsWithoutCacheEntry(db)).toBe(0)
    // A session whose records change in place loses its entry (the trigger), and counts again.
    db.prepare(`UPDATE events SET replayed = replayed WHERE id = (SELECT min(id) FROM events)`).run()
    expect(sessionsWithoutCacheEntry(db)).toBe(1)
    db.prepare('DELETE FROM session_cache').run()
    expect(sessionsWithoutCacheEntry(db)).toBe(sessions)
    db.close()
  })
})

describe('the thread a report runs on', () => {
  it('is the worker for a cold run, the caller for a small warm one, the worker again for a large warm one, the caller past 20,000 sessions', () => {
    expect(reportThread(857, 857)).toBe('worker')
    expect(reportThread(857, 1)).toBe('worker')
    expect(reportThread(857, 0)).toBe('caller')
    expect(reportThread(2_000, 0)).toBe('caller')
    expect(reportThread(8_398, 0)).toBe('worker')
    expect(reportThread(20_000, 20_000)).toBe('worker')
    expect(reportThread(20_001, 20_001)).toBe('caller')
    expect(reportThread(100_000, 0)).toBe('caller')
  })
})
