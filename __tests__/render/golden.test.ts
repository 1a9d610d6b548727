import { beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Report, ReportMode } from '../../src/select/report.js'
import { renderReport, type ReportFormat } from '../../src/render/index.js'
import { repoRoot } from '../helpers.js'
import { markdownTree, OWN_HTML, renderMarkdown } from '../../src/render/markdown.js'
import { fixtureReports, MODES, nodesOfType, parseMarkdown, shape } from './support.js'

const GOLDEN = join(repoRoot, '__tests__', 'golden')
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const EXT: Record<ReportFormat, string> = { md: 'md', json: 'json', csv: 'csv', html: 'html' }

/** `summary.md`, `summary.json`, `summary/sessions.csv`. */
function goldenPath(mode: ReportMode, format: ReportFormat, name: string): string {
  return format === 'csv' ? join(GOLDEN, mode, name) : join(GOLDEN, `${mode}.${EXT[format]}`)
}

let reports: Map<ReportMode, Report>
beforeAll(async () => {
  reports = await fixtureReports()
})

describe.each(MODES)('golden %s', (mode) => {
  test.each(['md', 'json', 'csv', 'html'] as ReportFormat[])('%s matches the committed file byte for byte', (format) => {
    const { files } = renderReport(reports.get(mode)!, format)
    for (const f of files) {
      const path = goldenPath(mode, format, f.name)
      if (UPDATE) {
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, f.content)
        continue
      }
      if (!existsSync(path)) throw new Error(`missing golden file ${path}; run UPDATE_GOLDEN=1 npm test -- __tests__/render/golden`)
      const want = readFileSync(path, 'utf8')
      // Printed so a failure says how to accept an intended change.
      if (f.content !== want) console.error(`${path} differs; if the change is intended: UPDATE_GOLDEN=1 npm test -- __tests__/render/golden`)
      expect(f.content).toBe(want)
    }
  })
})

test.each(MODES)('%s Markdown re-parses to the structure it was built from', (mode) => {
  const r = reports.get(mode)!
  const back = parseMarkdown(renderMarkdown(r))
  expect(shape(back)).toEqual(shape(markdownTree(r)))
  expect(nodesOfType(back, 'link')).toEqual([])
  expect(nodesOfType(back, 'image')).toEqual([])
  for (const h of nodesOfType(back, 'html')) expect(h.value).toMatch(OWN_HTML)
})

test('renderReport names the files per format', () => {
  const r = reports.get('full')!
  expect(renderReport(r, 'md').files.map((f) => f.name)).toEqual(['report.md'])
  expect(renderReport(r, 'json').files.map((f) => f.name)).toEqual(['report.json'])
  expect(renderReport(r, 'csv').files.map((f) => f.name)).toEqual(['sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv'])
  expect(() => renderReport(r, 'pdf' as ReportFormat)).toThrow(/unknown report format: pdf/)
})
