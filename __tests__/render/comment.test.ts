import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { COMMENT_LIMIT, COMMENT_MARKER, fitComment, markdownLength, renderComment, textLength } from '../../src/render/comment/index.js'
import { coverChangedFiles } from '../../src/render/comment/changed-files.js'
import { editedFiles, sessionBlock } from '../../src/render/comment/session-block.js'
import { sessionLabels } from '../../src/render/text.js'
import { details, PRIVATE_PROMPT, promptsList, sessionsTable, toMarkdown } from '../../src/render/markdown.js'
import { selectReport } from '../../src/select/select.js'
import type { Report, SessionReport } from '../../src/select/report.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/** Fixture: fixtures/codex (real-shaped Codex logs); the big reports repeat its sessions. */

let r: Ingested
let base: Report
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'codex')])
  base = selectReport(r.db, { mode: 'actions', now: new Date('2026-04-01T00:00:00Z') })
})
afterAll(() => r.close())

/** The fixture sessions repeated `copies` times, each prompt padded so detail costs room. */
function huge(copies: number, pad = 5000): Report {
  const long = 'x'.repeat(pad)
  const sessions: SessionReport[] = []
  for (let i = 0; i < copies; i++)
    for (const s of base.sessions)
      sessions.push({
        ...s,
        id: `${String(i).padStart(6, '0')}-${s.id}`,
        turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, text: `${t.prompt.text} ${long}` } : null }))
      })
  return { ...base, sessions, totals: { ...base.totals, sessions: sessions.length } }
}

describe('the PR comment', () => {
  it('starts with the marker, leads with one sentence and fits a small report whole, tool calls included', () => {
    const body = renderComment(base)
    expect(body.startsWith(COMMENT_MARKER + '\n### AI assistance in this pull request\n\n**')).toBe(true)
    const lead = body.split('\n')[3]
    expect(lead).toMatch(/^\*\*\d+ sessions\*\* \(every session found\) · Codex · \*\*\d+ prompts\*\* · [\d.]+ k tokens \(\d+ % cached.*\) · ≈ \$/)
    expect(body).toContain('1. Refactor the parser so it streams input')
    expect(body).toContain('<details><summary>Every session, prompt and tool call</summary>')
    expect(body).not.toContain('Shortened to fit')
    expect(fitComment(base).level).toBe(0)
  })

  it('drops detail, never the lead sentence, to stay under GitHub’s 65,536 characters, and says what it dropped', () => {
    for (const copies of [20, 200, 2000]) {
      const body = renderComment(huge(copies))
      expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT - 1024)
      expect(body.startsWith(COMMENT_MARKER)).toBe(true)
      expect(body).toMatch(/\*\*\d[\d,]* sessions\*\*/)
      expect(body).toMatch(/Shortened to fit a comment: .+\. The full report has everything\./)
    }
    expect(renderComment(huge(2000))).toMatch(/too many for a comment|more sessions, in the table below/)
  })

  it('never shows more detail when sessions are added past the limit', () => {
    let previous = { level: 0, sessions: 0, body: '' }
    const seen = new Set<number>()
    for (const copies of [1, 2, 4, 8, 12, 16, 24, 32, 64, 128, 512]) {
      const report = huge(copies, 1500)
      const { level, body } = fitComment(report)
      expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT - 1024)
      expect({ copies, level: Math.max(level, previous.level) }).toEqual({ copies, level })
      previous = { level, sessions: report.sessions.length, body }
      seen.add(level)
    }
    // The sweep reached the levels that cut prompts and sessions, so the order above was tested.
    expect(previous.level).toBeGreaterThanOrEqual(5)
    expect(seen.size).toBeGreaterThanOrEqual(3)
  })

  it('skips a level only when it cannot fit: a tree’s text never outruns its Markdown', () => {
    const hostile = 'a*b_c [x](y) <b>|pipe|</b> `tick` \\ # h\n- item\n> quote ' + '&amp; '.repeat(20)
    const reports = [
      base,
      huge(3),
      {
        ...base,
        sessions: base.sessions.map((s) => ({
          ...s,
          title: hostile,
          turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, text: hostile } : null }))
        }))
      }
    ]
    for (const report of reports) {
      const prompts = promptsList(report, { withActions: true, previewChars: 160, maxFieldChars: 640, detailsOver: 160 })
      const idLabel = sessionLabels(report)
      const blocks = report.sessions.flatMap((s) =>
        sessionBlock(s, report, idLabel, ['src/parser.ts'], { maxPrompts: Infinity, previewChars: 120, maxFiles: 4 })
      )
      for (const nodes of [[sessionsTable(report)], prompts, details('Prompts', prompts), blocks]) {
        const text = textLength(nodes)
        expect(text).toBeGreaterThan(0)
        const rendered = toMarkdown(nodes).length
        expect(text).toBeLessThanOrEqual(rendered)
        // The least Markdown length counts syntax too, and is still never over the rendering.
        const least = markdownLength(nodes)
        expect(least).toBeGreaterThan(text)
        expect(least).toBeLessThanOrEqual(rendered)
      }
    }
  })

  it('says how much of the change agents edited and which changed files nobody edited', () => {
    const changed = ['src/parser.ts', 'README.md', 'src/parser.test.ts']
    const c = coverChangedFiles(base, changed)
    expect(c.touched).toEqual(['src/parser.ts', 'src/parser.test.ts'])
    expect(c.untouched).toEqual(['README.md'])
    expect(c.sessionsTouchingNone).not.toContain('0199a1b2-0000-7000-8000-00000000c0de')
    const body = renderComment(base, { changedFiles: changed })
    expect(body).toContain('agents edited **2 of the 3 changed files**')
    expect(body).toContain('Not edited by any session: `README.md`.')
    expect(renderComment(base)).not.toMatch(/agents edited|Not edited by any session/)
  })

  it('lists a session’s edited files with the pull request’s changed files first', () => {
    const s = { ...base.sessions[0], cwd: '/w/repo', files_touched: ['/w/repo/notes.txt', '/w/repo/src/b.ts', '/tmp/x', '/w/repo/src/a.ts'] }
    expect(editedFiles(s, ['src/a.ts', 'src/b.ts'])).toEqual(['src/a.ts', 'src/b.ts', 'notes.txt', '/tmp/x'])
    expect(editedFiles(s, null)).toEqual(['notes.txt', 'src/b.ts', '/tmp/x', 'src/a.ts'])
  })

  it('holds back private prompts and says why each session is here', () => {
    const s = base.sessions.find((x) => x.turns.some((t) => t.prompt))!
    const secret = s.turns.find((t) => t.prompt)!.prompt!.text
    const report: Report = {
      ...base,
      scope: { kind: 'pr', label: 'pull request #12 (branch feat/x)' },
      sessions: [
        {
          ...s,
          scope_reasons: [
            { kind: 'branch', branch: 'feat/x' },
            { kind: 'log-in-change', path: '.codex/s.jsonl' }
          ],
          turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, private: true } : null }))
        }
      ]
    }
    const body = renderComment(report)
    expect(body).toContain('in pull request #‍12 (branch feat/x)')
    expect(body).toContain('branch feat/x, log added in this pull request')
    expect(body).toContain(`1. _${PRIVATE_PROMPT}_`)
    expect(body).not.toContain(secret.split('\n')[0])
  })

  it('reads — for tokens and cost a session’s log never recorded, never 0 or $0.00', () => {
    const unknown: Report = {
      ...base,
      sessions: base.sessions.map((s) => ({
        ...s,
        tokens: null,
        cost_usd: null,
        cost_source: null
      })),
      totals: { ...base.totals, sessions_without_usage: base.sessions.length }
    }
    const body = renderComment(unknown)
    expect(body).toContain('tokens — · cost —')
    expect(body).not.toMatch(/\$0\.00|\b0 tokens/)
    const table = toMarkdown([sessionsTable(unknown)])
    expect(table).not.toContain('$0.00')
    expect(table).toMatch(/\| +— +\| +— +\|\n/)
  })
})
