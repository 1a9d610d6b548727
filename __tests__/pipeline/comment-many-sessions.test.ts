import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { buildListedCommentReport, buildReport, selectReportFrame } from '../../src/pipeline/report.js'
import { fitComment } from '../../src/render/comment/index.js'
import { MAX_BLOCKS } from '../../src/render/comment/window.js'
import { SpillFile } from '../../src/select/spill.js'
// @ts-expect-error: a plain ES module of the bench scripts, without types
import { writeManySessions } from '../../scripts/bench/memory-corpora.js'
import { ingestFresh, tmpDir, type Ingested } from '../helpers.js'

/**
 * The comment's report of many sessions, spilled (issue #13, case 6): its window holds the turns
 * and glances of the sessions a comment can show, no more, and a spilled session's turns are read
 * back from the window by place. The comment is the one the whole report (every turn held) renders.
 * Fixture: 1,200 self-written one-prompt Aider sessions (scripts/bench/memory-corpora.js).
 */
const now = new Date('2026-01-01T00:00:00Z')
const config = parseConfig('', 'test')
const dir = tmpDir('alt-comment-many-')
let r: Ingested
beforeAll(async () => {
  r = await ingestFresh([writeManySessions(join(dir, 'logs'), 1_200) as string])
}, 120_000)
afterAll(() => {
  r.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the comment’s report of many sessions', () => {
  it('holds the glances of the sessions it can show, and renders the comment the whole report does (every turn held), spilled or held', () => {
    const budget = 15_000
    const whole = buildReport(r.db, { config, mode: 'actions', now, version: '0.0.0', maxFieldChars: 8192 })
    expect(whole.report.sessions).toHaveLength(1_200)
    const expected = fitComment(whole.report, { budget }).body
    expect(expected).toContain('… and')
    for (const spillAt of [100, 10_000]) {
      const spill = new SpillFile(spillAt, dir)
      try {
        const frame = selectReportFrame(r.db, { config, mode: 'actions', now, version: '0.0.0' })
        const built = buildListedCommentReport(r.db, { config, now, version: '0.0.0', maxFieldChars: 8192, frame, spill, budget })
        expect(built.window.kept).toBe('head')
        expect(built.window.glances.size).toBe(MAX_BLOCKS)
        const sessions = [...built.report.sessions]
        expect(sessions.slice(0, MAX_BLOCKS).every((s) => s.turns.length === 1)).toBe(true)
        expect(sessions.slice(MAX_BLOCKS).every((s) => s.turns.length === 0)).toBe(true)
        expect(fitComment(built.report, { budget, window: built.window }).body).toBe(expected)
        expect(built.report.redactions).toEqual(whole.report.redactions)
      } finally {
        spill.close()
      }
    }
  })
})
