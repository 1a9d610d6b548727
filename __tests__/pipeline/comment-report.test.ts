import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { buildCommentReport, buildReport } from '../../src/pipeline/report.js'
import { fitComment } from '../../src/render/comment/index.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/**
 * Fixtures: every committed agent fixture (real-shaped logs, planted secrets and e-mail
 * addresses). The comment's report is read a turn at a time; it must be the whole report's
 * comment byte for byte, with the same redaction counts and identifier tags.
 */
const AGENTS = ['codex', 'claude-code', 'gemini-cli', 'copilot-chat', 'aider', 'recorder']
const now = new Date('2026-01-01T00:00:00Z')
// The defaults tag e-mail addresses and home user names with numbers in the order they are met,
// so a report redacted in another order would show other numbers.
const config = parseConfig('', 'test')

let r: Ingested
beforeAll(async () => {
  r = await ingestFresh(AGENTS.map((a) => join(fixtures, a)))
})
afterAll(() => r.close())

describe('the comment’s report, read a turn at a time', () => {
  it('renders the comment the whole actions-mode report renders, at the budgets it was built for', () => {
    const whole = buildReport(r.db, { config, mode: 'actions', now, version: '0.0.0', maxFieldChars: 8192 })
    const kept = new Set<string>()
    for (const windowBudget of [100_000, 6_000, 300]) {
      const built = buildCommentReport(r.db, { config, now, version: '0.0.0', maxFieldChars: 8192, budget: windowBudget })
      kept.add(built.window.kept)
      expect(built.report.redactions).toEqual(whole.report.redactions)
      expect(built.included).toEqual(whole.included)
      for (const budget of [64_512, 6_000, 300]) {
        if (budget > windowBudget) continue
        const expected = fitComment(whole.report, { budget })
        const got = fitComment(built.report, { budget, window: built.window })
        expect({ windowBudget, budget, level: got.level }).toEqual({ windowBudget, budget, level: expected.level })
        expect(got.body).toBe(expected.body)
      }
    }
    // The small windows let go of turns, so the sameness held where it is at stake.
    expect([...kept].some((k) => k !== 'actions')).toBe(true)
    expect(fitComment(buildReport(r.db, { config, mode: 'actions', now, maxFieldChars: 8192 }).report, { budget: 64_512 }).body).toContain('[REDACTED:')
  })

  it('records the same provenance rows as the whole report', () => {
    const rows = () => r.db.prepare('SELECT session_id, event_id, field, detector, count FROM redactions ORDER BY 1, 2, 3, 4').all()
    r.db.prepare('DELETE FROM redactions').run()
    buildReport(r.db, { config, mode: 'actions', now, version: '0.0.0', maxFieldChars: 8192 })
    const whole = rows()
    expect(whole.length).toBeGreaterThan(0)
    r.db.prepare('DELETE FROM redactions').run()
    buildCommentReport(r.db, { config, now, version: '0.0.0', maxFieldChars: 8192, budget: 100_000 })
    expect(rows()).toEqual(whole)
  })
})
