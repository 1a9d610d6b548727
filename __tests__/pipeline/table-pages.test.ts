import { describe, expect, it } from '@jest/globals'
import { appendFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { partCounts } from '../../src/pipeline/render-parts.js'
import { fullRunFixture, CHANGED, LATER, line } from './full-run.js'

/*
 * The tables of sessions (`sessions.csv`, the Markdown sessions and usage tables) are paged by
 * their sessions' ids (`idPageCut`), and the last check's memo knows their pages from earlier runs.
 * A job's files after one session grew and after a new session came must be the bytes the same
 * store gives with the caches off (render parts, full sessions, job memo), spilled and held.
 * A guard: it passes on the code before too (the pages' texts are checked in csv-pages.test.ts).
 */

const { logs, aside, kept, run } = fullRunFixture('alt-table-pages-', partCounts)
const OFF = { AI_LOG_TRAIL_RENDER_PARTS: '0', AI_LOG_TRAIL_FULL_SESSIONS: '0', AI_LOG_TRAIL_JOB_MEMO: '0' }

describe('a full-mode job’s tables of sessions paged by their ids', () => {
  it('writes after a grown session and a new one the bytes the caches off write', async () => {
    await run(kept)
    await run(kept)
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:00.000Z', 'Also run the linter before the commit'))
    const grown = await run(kept)
    expect(grown.files).toEqual((await run(kept, {}, OFF)).files)
    expect((await run(kept, {}, {}, false)).files).toEqual(grown.files)
    renameSync(join(aside, LATER), join(logs, 'codex', LATER))
    const added = await run(kept)
    expect(added.files['sessions.csv']).toContain('01a0c0de-2026-7000-8000-0000000000e2')
    expect(added.files).toEqual((await run(kept, {}, OFF)).files)
    expect((await run(kept, {}, {}, false)).files).toEqual(added.files)
  }, 240_000)
})
