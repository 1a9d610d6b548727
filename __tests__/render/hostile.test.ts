import { describe, expect, test } from '@jest/globals'
import type { Root } from 'mdast'
import { renderCsv } from '../../src/render/csv.js'
import { renderJson } from '../../src/render/json.js'
import { markdownTree, OWN_HTML, renderMarkdown } from '../../src/render/markdown.js'
import { ReportSchema } from '../../src/select/report.js'
import { csvRecords, HOSTILE, HOSTILE_CELLS, hostileReport, MODES, nodesOfType, parseCsv, parseMarkdown, shape, walk } from './support.js'

const MENTION = /(^|[^\w`])@[A-Za-z0-9-]+/m
const FORMULA = /^[=+\-@\t\r]/
const NUMBER = /^-?\d+(\.\d+)?$/

/** The source with every code span and code block blanked out, by the parser's own positions. */
function outsideCode(md: string, root: Root): string {
  const ranges: [number, number][] = []
  walk(root, (n) => {
    if ((n.type === 'code' || n.type === 'inlineCode') && n.position?.start.offset !== undefined && n.position.end.offset !== undefined)
      ranges.push([n.position.start.offset, n.position.end.offset])
  })
  let out = md
  for (const [a, b] of ranges) out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b)
  return out
}

test('the hostile report is valid against the schema', () => {
  expect(() => ReportSchema.parse(hostileReport())).not.toThrow()
})

describe.each(MODES)('Markdown, %s mode', (mode) => {
  const report = hostileReport(mode)
  const tree = markdownTree(report, { maxFieldChars: 3000, detailsOver: 200 })
  const md = renderMarkdown(report, { maxFieldChars: 3000, detailsOver: 200 })
  const back = parseMarkdown(md)

  test('no link, image or foreign html node comes back from the output', () => {
    expect(nodesOfType(back, 'link')).toEqual([])
    expect(nodesOfType(back, 'image')).toEqual([])
    expect(nodesOfType(back, 'linkReference')).toEqual([])
    expect(nodesOfType(back, 'imageReference')).toEqual([])
    expect(nodesOfType(back, 'footnoteReference')).toEqual([])
    for (const h of nodesOfType(back, 'html')) expect(h.value).toMatch(OWN_HTML)
  })

  test('tables, rows, cells and details blocks keep their shape', () => {
    const built = shape(tree)
    expect(shape(back)).toEqual(built)
    expect(built.tables.length).toBeGreaterThan(0)
    expect(built.detailsOpen).toBe(built.detailsClose)
    if (mode === 'full' || mode === 'actions') expect(built.detailsOpen).toBeGreaterThan(0)
  })

  test('code blocks and code spans come back with the same content (no fence was broken)', () => {
    const values = (root: Root, type: 'code' | 'inlineCode') => nodesOfType(root, type).map((n) => n.value)
    expect(values(back, 'code')).toEqual(values(tree, 'code'))
    expect(values(back, 'inlineCode')).toEqual(values(tree, 'inlineCode'))
  })

  test('nothing mentions anyone outside code', () => {
    expect(outsideCode(md, back)).not.toMatch(MENTION)
    for (const t of nodesOfType(back, 'text')) expect(t.value).not.toMatch(MENTION)
    for (const t of nodesOfType(back, 'text')) expect(t.value).not.toMatch(/#\d/)
    // GitHub links `GH-123` (any case) to an issue as it does `#123`.
    for (const t of nodesOfType(back, 'text')) expect(t.value).not.toMatch(/gh-\d/i)
    expect(outsideCode(md, back)).not.toMatch(/gh-\d/i)
  })

  test('no control characters or bidi overrides reach the output', () => {
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/)
  })

  test('hostile text is still shown, as text', () => {
    const texts = nodesOfType(back, 'text')
      .map((t) => t.value)
      .join('\n')
    expect(texts).toContain('<img src=x onerror=alert(1)>')
    expect(texts).toContain('</details>')
    expect(texts).toContain('a | b || c')
    expect(texts).toContain('![x](https:')
    expect(texts).toContain('[click](https:')
  })
})

describe('Markdown details', () => {
  const report = hostileReport('full')
  const md = renderMarkdown(report, { maxFieldChars: 3000, detailsOver: 200 })

  test('long fields are truncated with a visible note', () => {
    expect(md).toMatch(/… \(truncated, [\d,]+ more characters\)/)
    expect(md).not.toContain('A'.repeat(3001))
  })

  test('a private prompt is shown as such and counted', () => {
    expect(md).toContain('(private prompt, not shown)')
    expect(md).toMatch(/### Prompts and what the agent did \(\d+, 2 private\)/)
  })

  test('every fence is longer than any backtick run inside', () => {
    const back = parseMarkdown(md)
    for (const c of nodesOfType(back, 'code')) {
      const start = c.position!.start.offset!
      const fence = /^`+/.exec(md.slice(start))![0]
      const longest = Math.max(0, ...(c.value.match(/`+/g) ?? []).map((r) => r.length))
      expect(fence.length).toBeGreaterThan(longest)
      expect(fence.length).toBeGreaterThanOrEqual(3)
    }
  })

  test('the only html is the renderer’s own <details> wrapping', () => {
    const htmlNodes = nodesOfType(markdownTree(report), 'html')
    expect(htmlNodes.length).toBeGreaterThan(0)
    for (const h of htmlNodes) expect(h.value).toMatch(OWN_HTML)
    expect(HOSTILE).toContain('</details>')
  })
})

describe('CSV', () => {
  const report = hostileReport('full')
  const files = renderCsv(report)

  test.each([...files.keys()])('%s parses back with intact rows and columns', (name) => {
    const text = files.get(name)!
    const rows = parseCsv(text)
    const width = rows[0].length
    for (const r of rows) expect(r.length).toBe(width)
    const expected: Record<string, number> = { 'sessions.csv': 2, 'prompts.csv': 2 * (2 + HOSTILE_CELLS.length), 'tool_calls.csv': 4, 'tokens.csv': 4 }
    expect(rows.length - 1).toBe(expected[name])
  })

  test.each([...files.keys()])('%s: no cell starts a formula unless it is a number the renderer wrote', (name) => {
    for (const row of parseCsv(files.get(name)!).slice(1)) for (const cell of row) if (FORMULA.test(cell)) expect(cell).toMatch(NUMBER)
  })

  test('hostile cells are prefixed with a quote and otherwise unchanged', () => {
    const prompts = csvRecords(files.get('prompts.csv')!)
    const texts = prompts.map((p) => p.text)
    for (const h of HOSTILE_CELLS) expect(texts).toContain(`'${h}`)
    const tools = csvRecords(files.get('tool_calls.csv')!)
    expect(tools.map((t) => t.name)).toContain("'@SUM(1)")
    expect(tools.map((t) => t.exit_code)).toContain('-2')
    const sessions = csvRecords(files.get('sessions.csv')!)
    expect(sessions[0].branch).toBe("'-2+3")
    expect(sessions[0].commit).toBe("'@SUM(1)")
    expect(sessions[0].cwd).toContain('\nsecond line\r\nthird')
    // Defused per cell, as spreadsheets read it: a formula on a later line of a cell is inert.
    expect(sessions[0].models).toMatch(/^gpt\|5 .*\n=HYPERLINK/s)
    expect(sessions[0].files_touched).toMatch(/^src\//)
    expect(sessions[1].cost_usd).toBe('')
    const tokens = csvRecords(files.get('tokens.csv')!)
    expect(tokens.map((t) => t.key)).toEqual(expect.arrayContaining(["'=1+1", "'-2+3"]))
  })

  test('NUL never reaches a CSV file', () => {
    for (const text of files.values()) expect(text).not.toContain('\u0000')
  })

  test('no bidi control reaches a CSV file', () => {
    for (const text of files.values()) expect(text).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/)
    expect([...files.values()].join('')).toContain('lrm:\ufffd rlm:\ufffd alm:\ufffd lri:\ufffd pdi:\ufffd')
  })
})

describe('JSON', () => {
  test.each(MODES)('%s round-trips exactly', (mode) => {
    const report = hostileReport(mode)
    const json = renderJson(report)
    expect(JSON.parse(json)).toEqual(report)
    expect(renderJson(JSON.parse(json))).toBe(json)
    expect(json).not.toContain('\u0000')
    expect(json).toContain('\\u0000')
  })
})
