import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { COMMENT_LIMIT, COMMENT_MARKER, renderComment, textLength } from '../../src/render/comment/index.js'
import { details, promptsList, sessionsTable, toMarkdown } from '../../src/render/markdown.js'
import { coverChangedFiles } from '../../src/render/comment/changed-files.js'
import { selectReport } from '../../src/select/select.js'
import type { Report, SessionReport } from '../../src/select/report.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

let r: Ingested
let base: Report
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'codex')])
  base = selectReport(r.db, { mode: 'actions', now: new Date('2026-04-01T00:00:00Z') })
})
afterAll(() => r.close())

/** The fixture sessions repeated until the report is far beyond any comment. */
function huge(copies: number): Report {
  const long = 'x'.repeat(5000)
  const sessions: SessionReport[] = []
  for (let i = 0; i < copies; i++)
    for (const s of base.sessions)
      sessions.push({ ...s, id: `${String(i).padStart(6, '0')}-${s.id}`, turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, text: `${t.prompt.text} ${long}` } : null })) })
  return { ...base, sessions, totals: { ...base.totals, sessions: sessions.length } }
}

describe('the PR comment', () => {
  it('starts with the marker and fits a small report whole, prompts included', () => {
    const body = renderComment(base)
    expect(body.startsWith(COMMENT_MARKER + '\n')).toBe(true)
    expect(body).toContain('<details><summary>Prompts')
    expect(body).toContain('Refactor the parser so it streams input')
  })

  it('drops detail, never the totals, to stay under GitHub’s 65,536 characters', () => {
    for (const copies of [20, 200, 2000]) {
      const body = renderComment(huge(copies))
      expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT - 1024)
      expect(body.startsWith(COMMENT_MARKER)).toBe(true)
      expect(body).toMatch(/\*\*\d[\d,]* sessions\*\*/)
    }
    // With 2,000 copies even the session table cannot fit whole.
    expect(renderComment(huge(2000))).toMatch(/more sessions in the full report|too long for a comment/)
  })

  it('skips a level only when it cannot fit: a tree’s text never outruns its Markdown', () => {
    const hostile = 'a*b_c [x](y) <b>|pipe|</b> `tick` \\ # h\n- item\n> quote ' + '&amp; '.repeat(20)
    const reports = [base, huge(3), { ...base, sessions: base.sessions.map((s) => ({ ...s, title: hostile, turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, text: hostile } : null })) })) }]
    for (const report of reports) {
      const prompts = promptsList(report, { withActions: true, previewChars: 160, maxFieldChars: 640, detailsOver: 160 })
      for (const nodes of [[sessionsTable(report)], prompts, details('Prompts', prompts)]) {
        const text = textLength(nodes)
        expect(text).toBeGreaterThan(0)
        expect(text).toBeLessThanOrEqual(toMarkdown(nodes).length)
      }
    }
  })

  it('says which changed files the sessions touched and which sessions touched none', () => {
    const c = coverChangedFiles(base, ['src/parser.ts', 'README.md', 'src/parser.test.ts'])
    expect(c.touched).toEqual(['src/parser.ts', 'src/parser.test.ts'])
    expect(c.untouched).toEqual(['README.md'])
    expect(c.sessionsTouchingNone).not.toContain('0199a1b2-0000-7000-8000-00000000c0de')
    const body = renderComment(base, { changedFiles: ['src/parser.ts', 'README.md', 'src/parser.test.ts'] })
    expect(body).toContain('Changed files touched by an agent: 2 of 3')
    expect(body).toMatch(/Not touched by any session: `README.md`/)
  })
})
