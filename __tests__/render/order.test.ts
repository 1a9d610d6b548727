import { beforeAll, expect, test } from '@jest/globals'
import type { List } from 'mdast'
import { renderComment } from '../../src/render/comment/index.js'
import { renderHtml } from '../../src/render/html.js'
import { renderJson } from '../../src/render/json.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { sessionLabels } from '../../src/render/text.js'
import type { Report } from '../../src/select/report.js'
import { fixtureReports, nodesOfType, parseMarkdown } from './support.js'

/**
 * One order and one numbering everywhere (issue #14 item 4): a reviewer who reads "prompt 2 of
 * `11111111`" in the comment finds the same prompt under that number in the Markdown, the HTML
 * and the JSON. Fixture: every fixture agent's logs, actions mode (what the comment carries).
 */

let report: Report
beforeAll(async () => {
  report = (await fixtureReports()).get('actions')!
})

/** The numbers an ordered list shows, one per item. */
const numbers = (l: List) => l.children.map((_, i) => (l.start ?? 1) + i)

test('sessions come in the same order in the comment, Markdown, HTML and JSON', () => {
  const ids = report.sessions.map((s) => s.id)
  const label = sessionLabels(report)
  expect((JSON.parse(renderJson(report)) as Report).sessions.map((s) => s.id)).toEqual(ids)
  const html = renderHtml(report)
  expect(
    [
      ...html.matchAll(
        /<li class="session" id="[^"]*" data-session><details><summary><span class="s-head"><span class="badge agent-name">[^<]*<\/span> <code class="sid">([^<]*)<\/code>/g
      )
    ].map((m) => m[1])
  ).toEqual(ids)
  const md = renderMarkdown(report)
  expect([...md.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]).slice(0, ids.length)).toEqual(ids.map(label))
  const comment = renderComment(report)
  const glance = comment.slice(0, comment.indexOf('<details>'))
  expect([...glance.matchAll(/^\*\*[^\n]*?\*\* · `([^`]+)`/gm)].map((m) => m[1])).toEqual(ids.map(label))
  const table = comment.slice(comment.indexOf('<details>'))
  expect([...table.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]).slice(0, ids.length)).toEqual(ids.map(label))
})

test('a prompt has the same number in the comment, Markdown, HTML and JSON', () => {
  const html = renderHtml(report)
  const htmlSessions = html.split('<li class="session" ').slice(1)
  const comment = parseMarkdown(renderComment(report))
  // The glance's lists are the top-level ordered lists before the first <details>.
  const top = comment.children
  const glanceEnd = top.findIndex((n) => n.type === 'html' && n.value.startsWith('<details>'))
  const glanceLists = top.slice(0, glanceEnd).filter((n): n is List => n.type === 'list' && n.ordered === true)
  const mdLists = parseMarkdown(renderMarkdown(report)).children.filter((n): n is List => n.type === 'list' && n.ordered === true)
  let checked = 0
  report.sessions.forEach((s, i) => {
    const ordinals = s.turns.map((t) => t.ordinal)
    if (!ordinals.length) return
    expect({ s: s.id, html: [...htmlSessions[i].matchAll(/<span class="turn-no">#(\d+)<\/span>/g)].map((m) => Number(m[1])) }).toEqual({
      s: s.id,
      html: ordinals
    })
    const prompted = s.turns.filter((t) => t.prompt).map((t) => t.ordinal)
    if (prompted.length) expect({ s: s.id, comment: numbers(glanceLists.shift()!) }).toEqual({ s: s.id, comment: prompted })
    expect({ s: s.id, md: numbers(mdLists.shift()!) }).toEqual({ s: s.id, md: ordinals })
    checked++
  })
  expect(checked).toBeGreaterThan(10)
  expect(nodesOfType(comment, 'list').length).toBeGreaterThan(0)
})
