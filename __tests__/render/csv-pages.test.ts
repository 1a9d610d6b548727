import { beforeAll, expect, test } from '@jest/globals'
import { csvChunks, renderCsv } from '../../src/render/csv.js'
import { markdownChunks, renderMarkdown } from '../../src/render/markdown.js'
import { flatUnits } from '../../src/render/region.js'
import type { Report, SessionReport } from '../../src/select/report.js'
import { fixtureReports, parseCsv } from './support.js'

/*
 * `sessions.csv` and the Markdown report's tables of sessions are written and last-checked a page of rows at a time, and the last check's memo
 * knows a page by its text: a page that holds the same rows as in the run before is not checked
 * again. So after one session's row changed, or a session came, every page but the one holding it
 * must be the same text as before, and the pages together the whole file.
 */
let base: SessionReport
beforeAll(async () => {
  const full = (await fixtureReports()).get('full') as Report
  base = full.sessions[0]
})

const many = (n: number): SessionReport[] =>
  Array.from({ length: n }, (_, i) => ({ ...base, id: `0199a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`, turns: [] }))

const reportOf = async (sessions: SessionReport[]): Promise<Report> => {
  const full = (await fixtureReports()).get('full') as Report
  return { ...full, sessions }
}

const pages = (r: Report): string[] => {
  const sessions = csvChunks(r).find(([name]) => name === 'sessions.csv')![1]
  return [...flatUnits(sessions)] as string[]
}

test('sessions.csv’s pages other than a changed session’s are the same texts as before', async () => {
  const sessions = many(400)
  const before = await reportOf(sessions)
  const grown = await reportOf(sessions.map((s, i) => (i === 200 ? { ...s, title: 'one more prompt', prompts: s.prompts + 1 } : s)))
  const was = pages(before)
  const now = pages(grown)
  expect(now.join('')).toBe(renderCsv(grown).get('sessions.csv'))
  const known = new Set(was)
  const fresh = now.filter((p) => !known.has(p))
  expect(fresh).toHaveLength(1)
  expect(fresh[0]).toContain('one more prompt')
  // What the check reads again is a page, not the file: on the code before it was all 400 rows.
  expect(fresh[0].length * 4).toBeLessThan(now.join('').length)
})

test('a new session in the middle of sessions.csv changes only the page it lands in', async () => {
  const sessions = many(400)
  const added = { ...sessions[0], id: '0199a1b2-0000-7000-8000-0000000fffff', title: 'a new session' }
  const before = await reportOf(sessions)
  const after = await reportOf([...sessions.slice(0, 150), added, ...sessions.slice(150)])
  const now = pages(after)
  expect(now.join('')).toBe(renderCsv(after).get('sessions.csv'))
  const known = new Set(pages(before))
  const fresh = now.filter((p) => !known.has(p))
  // Pages cut by count would all move after the new row.
  expect(fresh).toHaveLength(1)
  expect(fresh[0]).toContain('a new session')
  expect(fresh[0].length * 4).toBeLessThan(now.join('').length)
})

test('sessions.csv’s pages hold every row once, in order', async () => {
  const sessions = many(1500)
  const r = await reportOf(sessions)
  const all = pages(r)
  expect(all.length).toBeGreaterThan(10)
  const rows = parseCsv(all.join(''))
  expect(rows[0][0]).toBe('session_id')
  expect(rows.slice(1).map((row) => row[0])).toEqual(sessions.map((s) => s.id))
  // Each page is whole records: the check reads a page's cells as it reads the file's.
  for (const p of all.slice(1)) expect(parseCsv(p).every((row) => row.length === rows[0].length)).toBe(true)
})

const mdUnits = (r: Report): string[] => [...markdownChunks(r)]

test('the Markdown sessions table’s pages other than a changed session’s are the same texts as before', async () => {
  const sessions = many(400)
  const before = await reportOf(sessions)
  // A row as wide as before: a wider cell pads its column on every page (remark's padding).
  const grown = await reportOf(sessions.map((s, i) => (i === 200 ? { ...s, id: s.id.replace(/0200$/, 'fe00') } : s)))
  const now = mdUnits(grown)
  expect(now.join('')).toBe(renderMarkdown(grown))
  const known = new Set(mdUnits(before))
  const fresh = now.filter((u) => !known.has(u))
  expect(fresh.some((u) => u.includes('fe00'))).toBe(true)
  // The report's head (its counts) and the changed row's page; on the code before, the whole table.
  const freshChars = fresh.reduce((n, u) => n + u.length, 0)
  expect(freshChars * 4).toBeLessThan(now.join('').length)
})
