import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { COMMENT_MARKER, defuseMarkers, renderComment } from '../../src/render/comment/index.js'
import { isStickyComment } from '../../src/publish/comment.js'
import { RELEASE_SECTION_END, RELEASE_SECTION_START, withSection } from '../../src/publish/release.js'
import { ZWJ } from '../../src/render/safe-text.js'
import { selectReport } from '../../src/select/select.js'
import type { Report } from '../../src/select/report.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/** Log text quoting the hidden markers must never act as one (issue #13 item 9). Fixture: fixtures/codex (real-shaped Codex logs). */

const QUOTE = `stop at ${RELEASE_SECTION_END} restart at ${RELEASE_SECTION_START} and ${COMMENT_MARKER}`
const HUMAN = '## What changed\n\n- Streaming parser.\n'
const count = (text: string, part: string) => text.split(part).length - 1

let r: Ingested
let quoting: Report
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'codex')])
  const base = selectReport(r.db, { mode: 'actions', now: new Date('2026-04-01T00:00:00Z') })
  // The quote in a prompt (text and code block), a title (table cell) and a path (inline code).
  quoting = {
    ...base,
    sessions: base.sessions.map((s) => ({
      ...s,
      title: QUOTE,
      turns: s.turns.map((t) => ({ ...t, prompt: t.prompt ? { ...t.prompt, text: `${QUOTE}\n${'x'.repeat(400)}` } : null }))
    }))
  }
})
afterAll(() => r.close())

describe('hidden markers quoted in log text', () => {
  it('are defused wherever the comment and the release section render them, and still read the same', () => {
    const section = renderComment(quoting, { title: 'AI assistance in this release', marker: false, budget: 100_000 })
    const comment = renderComment(quoting)
    for (const body of [section, comment.slice(COMMENT_MARKER.length)]) {
      expect(body.replaceAll(ZWJ, '')).toContain(RELEASE_SECTION_END)
      for (const m of [RELEASE_SECTION_START, RELEASE_SECTION_END, COMMENT_MARKER]) expect({ m, n: count(body, m) }).toEqual({ m, n: 0 })
    }
    expect(comment.startsWith(COMMENT_MARKER + '\n')).toBe(true)
  })

  it('defusing is idempotent and leaves text without a marker alone', () => {
    const once = defuseMarkers(QUOTE)
    expect(defuseMarkers(once)).toBe(once)
    expect(once.replaceAll(ZWJ, '')).toBe(QUOTE)
    const plain = 'a <!-- note --> and ai-log-trail: the tool'
    expect(defuseMarkers(plain)).toBe(plain)
  })

  it('a release section that quotes its own end marker is replaced, never appended to', () => {
    const section = `### AI assistance in this release\n\n\`${QUOTE}\`\n`
    const first = withSection(HUMAN, section)
    const second = withSection(first, section)
    const third = withSection(second, section.replace('release', 'release (again)'))
    expect(second).toBe(first)
    expect(first.startsWith(HUMAN.trimEnd())).toBe(true)
    for (const body of [first, third]) {
      expect(count(body, RELEASE_SECTION_START)).toBe(1)
      expect(count(body, RELEASE_SECTION_END)).toBe(1)
      expect(body.trimEnd().endsWith(RELEASE_SECTION_END)).toBe(true)
    }
    expect(third).toContain('(again)')
  })

  it('finds the section end after its start: an end marker in the human text above is kept as it is', () => {
    const human = `Notes quoting ${RELEASE_SECTION_END} before the section.\n`
    const first = withSection(human, 'one')
    expect(withSection(first, 'two')).toBe(`${human.trimEnd()}\n\n${RELEASE_SECTION_START}\ntwo\n${RELEASE_SECTION_END}\n`)
  })
})

describe('the sticky comment', () => {
  const bot = 'github-actions[bot]'
  const c = (login: string, body: string) => ({ id: 1, html_url: 'u', user: { login }, body })

  it('is the token identity’s comment that opens with the marker', () => {
    expect(isStickyComment(c(bot, `${COMMENT_MARKER}\n### AI assistance`), bot)).toBe(true)
    expect(isStickyComment(c(bot, `\n  ${COMMENT_MARKER}\n### AI assistance`), bot)).toBe(true)
  })

  it('is not a comment that quotes the marker further down, nor someone else’s', () => {
    expect(isStickyComment(c(bot, `Deploy preview ready.\n\n${COMMENT_MARKER}`), bot)).toBe(false)
    expect(isStickyComment(c(bot, `> ${COMMENT_MARKER}`), bot)).toBe(false)
    expect(isStickyComment(c('mallory', `${COMMENT_MARKER}\n### AI assistance`), bot)).toBe(false)
    expect(isStickyComment({ id: 1, html_url: 'u', user: null, body: COMMENT_MARKER }, bot)).toBe(false)
  })
})
