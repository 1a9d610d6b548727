import { beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report, ReportMode, SessionReport } from '../../src/select/report.js'
import { markdownChunks, renderMarkdown } from '../../src/render/markdown.js'
import { repoRoot } from '../helpers.js'
import { fixtureReports, MODES } from './support.js'

/*
 * The Markdown report written a unit at a time (`markdownChunks`) is the whole rendering byte for
 * byte: the golden files (rendered from the fixture logs), and reports of many sessions whose
 * table pages are padded to widths only a later page shows.
 */

let reports: Map<ReportMode, Report>
beforeAll(async () => {
  reports = await fixtureReports()
})

describe.each(MODES)('%s report in chunks', (mode) => {
  test('is the golden file byte for byte, whole and with a table page per row', () => {
    const want = readFileSync(join(repoRoot, '__tests__', 'golden', `${mode}.md`), 'utf8')
    expect([...markdownChunks(reports.get(mode)!)].join('')).toBe(want)
    expect([...markdownChunks(reports.get(mode)!, {}, 1)].join('')).toBe(want)
  })
})

/** The fixture report's sessions again and again under new ids, with titles and agents of every width. */
function manySessions(report: Report, n: number): Report {
  const sessions: SessionReport[] = []
  for (let i = 0; i < n; i++) {
    const s = report.sessions[i % report.sessions.length]
    // The widest title comes last, so only the last page knows the columns' widths.
    const title = i === n - 1 ? 'the longest title of all, in the last page only' : i % 3 ? `t${'w'.repeat(i % 17)}` : null
    sessions.push({ ...s, id: `${s.id.slice(0, 4)}-${String(i).padStart(5, '0')}-${s.id}`, parent_id: null, title, prompts: i * 7919 })
  }
  return { ...report, sessions, totals: { ...report.totals, sessions: n } }
}

describe.each(MODES)('%s report of many sessions in chunks', (mode) => {
  test.each([1, 3, 7, 1000])('is the whole rendering with %i rows per table page', (pageRows) => {
    const r = manySessions(reports.get(mode)!, 23)
    const whole = renderMarkdown(r)
    const chunks = [...markdownChunks(r, {}, pageRows)]
    expect(chunks.join('')).toBe(whole)
    if (pageRows === 1) expect(chunks.length).toBeGreaterThan(23)
  })
})
