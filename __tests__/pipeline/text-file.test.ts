import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeCheckedText } from '../../src/pipeline/text-file.js'
import type { EngineOptions } from '../../src/redact/types.js'
import { csvChunks, renderCsv } from '../../src/render/csv.js'
import { htmlChunks, htmlRegions, htmlUnits, renderHtml } from '../../src/render/html.js'
import { markdownChunks, markdownUnits, renderMarkdown } from '../../src/render/markdown.js'
import type { Report } from '../../src/select/report.js'
import type { ListedReport } from '../../src/select/session-list.js'
import { fixtureReports, MODES } from '../render/support.js'
import { tmpDir } from '../helpers.js'
import { codewordOptions, wholeCheck } from './whole-check.js'

/*
 * The Markdown report checked and written a unit at a time must be the whole text's check byte
 * for byte, with the same counts. The reports are the committed fixtures' (real logs); the rule
 * stands for a value the structured pass let through (as in late-check.test.ts): the fixtures
 * hold the word in prompts, tool arguments and outputs, file paths; `AI assistance report` is
 * the renderer's own title, in the part between the slots.
 */
const opts = codewordOptions

let dir: string
let reports: Map<string, Report>
beforeAll(async () => {
  dir = tmpDir('alt-text-file-')
  reports = await fixtureReports()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const wholeText = (report: Report, o: EngineOptions) => wholeCheck('report.md', renderMarkdown(report), o)

describe.each(MODES)('the %s Markdown report written a unit at a time', (mode) => {
  test.each([1, 1000])('the same bytes and counts as checking the whole text (%i table rows a page)', (pageRows) => {
    const report = reports.get(mode) as Report
    for (const words of ['health', 'health|AI assistance report|claude', 'no such word anywhere']) {
      const path = join(dir, `${mode}-${pageRows}-${words.length}.md`)
      const r = writeCheckedText(markdownChunks(report, {}, pageRows), opts(words), { path, name: 'report.md', keepBytes: 1_000_000 })
      const want = wholeText(report, opts(words))
      expect(readFileSync(path, 'utf8')).toBe(want.text)
      expect(r.text).toBe(want.text)
      expect(r.check).toEqual(want.check)
    }
    // The rules did find something, or the comparison above proves little.
    expect(wholeText(report, opts('AI assistance report')).check.by_file['report.md'].codeword).toBe(1)
    expect(wholeText(report, opts('claude')).check.total).toBeGreaterThan(reports.get(mode)!.sessions.length)
  })
})

describe.each(['summary', 'full'])('the %s HTML page written a session at a time', (mode) => {
  test('the same bytes and counts as checking the whole page', () => {
    const report = reports.get(mode) as Report
    // `health` in the sessions' items and in the search data, `AI coding agent` in the page's own
    // parts, `claude` in both.
    for (const words of ['health', 'health|AI coding agent|claude', 'no such word anywhere']) {
      const path = join(dir, `${mode}-${words.length}.html`)
      const r = writeCheckedText(htmlUnits(report), opts(words), { path, name: 'report.html' })
      const { text, check } = wholeCheck('report.html', renderHtml(report), opts(words))
      expect(readFileSync(path, 'utf8')).toBe(text)
      expect(r.check).toEqual(check)
      if (words !== 'no such word anywhere') expect(check.total).toBeGreaterThan(0)
    }
    // The search data, which holds every prompt, is written a session's entry at a time (before, one part).
    expect([...htmlUnits(report)].filter((u) => typeof u !== 'string').length).toBe(report.sessions.length)
    expect([...htmlChunks(report)].join('')).toBe(renderHtml(report))
  })
})

describe.each(['summary', 'full'])('the %s CSV files written a part at a time', (mode) => {
  test('the same bytes and counts as checking each whole file', () => {
    const report = reports.get(mode) as Report
    const whole = renderCsv(report)
    for (const words of ['health|claude', 'no such word anywhere']) {
      let found = 0
      for (const [name, parts] of csvChunks(report)) {
        const path = join(dir, `${mode}-${words.length}-${name}`)
        const r = writeCheckedText(parts, opts(words), { path, name })
        const { text: want, check } = wholeCheck(name, whole.get(name) as string, opts(words))
        expect(readFileSync(path, 'utf8')).toBe(want)
        expect(r.check).toEqual(check)
        found += check.total
      }
      if (words !== 'no such word anywhere') expect(found).toBeGreaterThan(0)
    }
  })
})

describe('what is kept of the text', () => {
  const report = () => reports.get('full') as Report
  const whole = () => renderMarkdown(report())

  test('the whole checked text when it fits, nothing past the limit otherwise', () => {
    const checked = wholeText(report(), opts('health')).text
    const bytes = Buffer.byteLength(checked)
    expect(bytes).toBeGreaterThan(Buffer.byteLength(whole()))
    const fits = writeCheckedText(markdownChunks(report()), opts('health'), { path: null, name: 'summary.md', format: '.md', keepBytes: bytes })
    expect(fits.over).toBeNull()
    expect(fits.text).toBe(checked)
    const shorter = writeCheckedText(markdownChunks(report()), opts('health'), { path: null, name: 'summary.md', format: '.md', keepBytes: bytes - 1 })
    expect(shorter).toEqual({ check: expect.anything(), text: null, over: 'checked' })
    const over = writeCheckedText(markdownChunks(report()), opts('health'), {
      path: null,
      name: 'summary.md',
      format: '.md',
      keepBytes: Buffer.byteLength(whole()) - 1
    })
    expect(over).toEqual({ check: expect.anything(), text: null, over: 'rendered' })
  })

  test('without a file, the units past the limit are not read', () => {
    let read = 0
    const units = function* () {
      for (const u of markdownChunks(report(), {}, 1)) {
        read++
        yield u
      }
    }
    const all = [...markdownChunks(report(), {}, 1)].length
    writeCheckedText(units(), opts('health'), { path: null, name: 'summary.md', format: '.md', keepBytes: 100 })
    expect(read).toBeLessThan(all)
  })
})

describe('a file rendered again with the last check’s note', () => {
  // The second rendering of a job whose last check found something: the note is in the report's
  // frame, and nothing that reads the sessions tells it, so their parts are copied from the file
  // as first written, never read again.
  const late = { total: 3, by_file: { 'report.md': { codeword: 3 } } }
  const noted = <R extends ListedReport>(report: R): R => ({ ...report, redactions: { ...report.redactions, late } })
  /** The report's sessions, which throw once `lock` is set; `heads` is there as a spilled report’s is. */
  const lockable = (report: Report) => {
    const state = { locked: false }
    const sessions = {
      length: report.sessions.length,
      heads: report.sessions,
      [Symbol.iterator]() {
        if (state.locked) throw new Error('the sessions were read again')
        return report.sessions[Symbol.iterator]()
      }
    }
    return { report: { ...report, sessions } as ListedReport, lock: () => (state.locked = true) }
  }

  test('the Markdown report: the same bytes, counts and kept text as rendering it afresh, its sessions not read', () => {
    const { report, lock } = lockable(reports.get('full') as Report)
    const path = join(dir, 'again.md')
    const first = writeCheckedText(markdownUnits(report), opts('health'), { path, name: 'report.md', keepBytes: 10_000_000 })
    expect(first.check.total).toBeGreaterThan(0)
    lock()
    const again = writeCheckedText(markdownUnits(noted(report)), opts('health'), { path, name: 'report.md', keepBytes: 10_000_000, previous: first.written })
    const fresh = wholeText(noted(reports.get('full') as Report), opts('health'))
    expect(readFileSync(path, 'utf8')).toBe(fresh.text)
    expect(fresh.text).toContain('Late check')
    expect(again.text).toBe(fresh.text)
    expect(again.check).toEqual(fresh.check)
    // Past the limit, nothing is kept, and the copied parts are not read back to learn it.
    const over = writeCheckedText(markdownUnits(noted(report)), opts('health'), { path, name: 'report.md', keepBytes: 1000, previous: again.written })
    expect(over).toEqual({ check: fresh.check, text: null, over: 'rendered', written: expect.anything() })
    expect(readFileSync(path, 'utf8')).toBe(fresh.text)
  })

  test('the HTML page: the same bytes and counts as rendering it afresh, its sessions not read', () => {
    const { report, lock } = lockable(reports.get('full') as Report)
    const path = join(dir, 'again.html')
    const first = writeCheckedText(htmlRegions(report), opts('health'), { path, name: 'report.html' })
    lock()
    const again = writeCheckedText(htmlRegions(noted(report)), opts('health'), { path, name: 'report.html', previous: first.written })
    const fresh = wholeCheck('report.html', renderHtml(noted(reports.get('full') as Report)), opts('health'))
    expect(readFileSync(path, 'utf8')).toBe(fresh.text)
    expect(again.check).toEqual(fresh.check)
    expect(fresh.check.total).toBeGreaterThan(0)
    expect(readdirSync(dir).filter((n) => n.endsWith('.alt-next'))).toEqual([])
  })
})
