import { expect, test } from '@jest/globals'
import type { AlignType, PhrasingContent, Table, Text } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { markdownChunks, renderMarkdown } from '../../src/render/markdown.js'
import { table, type Column } from '../../src/render/md-nodes.js'
import { pagedTableText, remarkPagedTableText, type TableOf } from '../../src/render/md-paged-table.js'
import { MARKDOWN_STYLE, toMarkdown } from '../../src/render/md-stringify.js'
import type { SessionReport } from '../../src/select/report.js'
import type { ListedReport, SessionList } from '../../src/select/session-list.js'
import { prng } from '../helpers.js'
import { syntheticReport } from './support.js'

/** remark with the report's style and nothing of ours: the oracle. */
const reference = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE)

// Pipes (escaped or not), backslashes, backticks, non-ASCII, wide (CJK) and astral characters,
// emoji with joiners, line breaks (written as character references), and the empty string.
const PIECES = [
  '|',
  '\\|',
  '\\\\|',
  '\\',
  '`',
  '``',
  'a|b',
  'é',
  'ß',
  '中文',
  '表格',
  '😀',
  '👩‍💻',
  '\u00a0',
  '\n',
  '*',
  '_',
  '<b>',
  '&amp;',
  '#',
  '- ',
  '1.',
  ' ',
  'word',
  'two words',
  '42',
  '$0.01',
  ''
]
const ALIGNS: (AlignType | undefined)[] = [null, 'left', 'right', 'center', undefined]

interface RandomTable {
  tableOf: TableOf
  pages: PhrasingContent[][][][]
}

function randomTable(seed: number): RandomTable {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const value = () => Array.from({ length: Math.floor(rnd() * 4) }, () => pick(PIECES)).join('')
  const cell = (): PhrasingContent[] => {
    const r = rnd()
    if (r < 0.15) return []
    if (r < 0.35) return [{ type: 'inlineCode', value: value() }]
    if (r < 0.45)
      return [
        { type: 'text', value: value() },
        { type: 'emphasis', children: [{ type: 'text', value: value() }] }
      ]
    if (r < 0.5)
      return [
        { type: 'strong', children: [{ type: 'text', value: value() }] },
        { type: 'text', value: value() }
      ]
    return [{ type: 'text', value: value() }]
  }
  const columnCount = 1 + Math.floor(rnd() * 5)
  const columns: Column[] = Array.from({ length: columnCount }, (_, i) => ({ title: rnd() < 0.2 ? '' : `${pick(PIECES)}col${i}`, align: pick(ALIGNS) }))
  const pageCount = 1 + Math.floor(rnd() * 3)
  const pages = Array.from({ length: pageCount }, () =>
    Array.from({ length: Math.floor(rnd() * (rnd() < 0.2 ? 2 : 25)) }, () => Array.from({ length: columnCount }, cell))
  )
  return { tableOf: (rows) => table(columns, rows), pages }
}

test('seeded random tables of one to three pages are written a page at a time exactly as toMarkdown and remark write the whole table', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const { tableOf, pages } = randomTable(seed)
    const whole = tableOf(pages.flat())
    const expected = toMarkdown([whole]).slice(0, -1)
    expect(expected).toBe(reference.stringify({ type: 'root', children: [whole] }).slice(0, -1))
    const chunks = [...pagedTableText(tableOf, () => pages)]
    expect(chunks.join('')).toBe(expected)
    // The same chunks as before, so the last check's memo knows the same pages.
    expect(chunks).toEqual([...remarkPagedTableText(tableOf, () => pages)])
    // Past the cells kept, a page is escaped again: the same text.
    expect([...pagedTableText(tableOf, () => pages, seed % 3 === 0 ? 0 : 200)]).toEqual(chunks)
  }
})

test('a table of no rows, of one empty page, and of no page at all', () => {
  const columns: Column[] = [{ title: 'a' }, { title: 'b', align: 'right' }, { title: 'c', align: 'center' }]
  const tableOf: TableOf = (rows) => table(columns, rows)
  for (const pages of [[[]], [[], []], [[], [[[{ type: 'text', value: 'x' } as Text], [], []]], []]]) {
    const chunks = [...pagedTableText(tableOf, () => pages as PhrasingContent[][][][])]
    expect(chunks).toEqual([...remarkPagedTableText(tableOf, () => pages as PhrasingContent[][][][])])
    if (pages.length) expect(chunks.join('')).toBe(toMarkdown([tableOf((pages as PhrasingContent[][][][]).flat())]).slice(0, -1))
  }
  expect([...pagedTableText(tableOf, () => [])]).toEqual([])
})

test('a table with a node the fast writer does not write is written by remark, a page at a time', () => {
  const tableOf: TableOf = (rows): Table => table([{ title: 'link' }, { title: 'n', align: 'right' }], rows)
  const pages: PhrasingContent[][][][] = [
    [[[{ type: 'link', url: 'https://x.example', children: [{ type: 'text', value: 'x|y' }] }], [{ type: 'text', value: '1' }]]],
    [[[{ type: 'text', value: 'a much wider cell' }], [{ type: 'text', value: '12345' }]]]
  ]
  const chunks = [...pagedTableText(tableOf, () => pages)]
  expect(chunks).toHaveLength(2)
  expect(chunks.join('')).toBe(reference.stringify({ type: 'root', children: [tableOf(pages.flat())] }).slice(0, -1))
})

/** A row whose text nodes count how often their value is read: once per stringification of the row. */
function countedRow(i: number, reads: { n: number }): PhrasingContent[][] {
  const counted = (value: string): Text => {
    const node = { type: 'text' } as Text
    Object.defineProperty(node, 'value', {
      enumerable: true,
      get() {
        reads.n++
        return value
      }
    })
    return node
  }
  return [[counted(`session ${i} | ü`)], [counted(String(i * 7))], [{ type: 'inlineCode', value: `tool_${i}` }]]
}

test('each row’s cells are stringified once for a table of several pages, where they were twice', () => {
  const columns: Column[] = [{ title: 'session' }, { title: 'n', align: 'right' }, { title: 'tool' }]
  const tableOf: TableOf = (rows) => table(columns, rows)
  const once = { n: 0 }
  toMarkdown([tableOf(Array.from({ length: 90 }, (_, i) => countedRow(i, once)))])
  const paged = { n: 0 }
  const rows = Array.from({ length: 90 }, (_, i) => countedRow(i, paged))
  const pages = [rows.slice(0, 30), rows.slice(30, 60), rows.slice(60)]
  const text = [...pagedTableText(tableOf, () => pages)].join('')
  expect(once.n).toBeGreaterThan(0)
  // On the code before: twice the reads of one stringification of the whole table.
  expect(paged.n).toBe(once.n)
  expect(text).toBe(toMarkdown([tableOf(rows)]).slice(0, -1))
})

/** A list of the report's sessions that is not an array (as a spilled report's), counting how often it is read. */
function countedList(sessions: readonly SessionReport[]): { list: SessionList; reads: { n: number } } {
  const reads = { n: 0 }
  const list: SessionList = {
    length: sessions.length,
    *[Symbol.iterator]() {
      reads.n++
      yield* sessions
    }
  }
  return { list, reads }
}

test('the summary candidate’s sessions table is report.md’s, written from the same list: the list is read for it no more', () => {
  const report = syntheticReport(60, 7)
  const full: ListedReport = { ...report, mode: 'full' }
  const summaryOf = (list: SessionList): ListedReport => ({ ...report, mode: 'summary', sessions: list })
  const alone = countedList(report.sessions)
  const summaryAlone = [...markdownChunks(summaryOf(alone.list), {}, 7)]
  const shared = countedList(report.sessions)
  const fullText = [...markdownChunks({ ...full, sessions: shared.list }, {}, 7)].join('')
  const before = shared.reads.n
  const summaryShared = [...markdownChunks(summaryOf(shared.list), {}, 7)]
  expect(summaryShared).toEqual(summaryAlone)
  expect(summaryAlone.join('')).toBe(renderMarkdown(summaryOf(report.sessions)))
  expect(fullText).toBe(renderMarkdown(full))
  // On the code before: the summary after report.md read its list as often as alone (twice for its table).
  expect(shared.reads.n - before).toBe(alone.reads.n - 1)
  // An array may change between renderings: its table is written again.
  const array = [...report.sessions]
  expect([...markdownChunks({ ...full, sessions: array }, {}, 7)].join('')).toBe(fullText)
  array.reverse()
  expect([...markdownChunks(summaryOf(array), {}, 7)].join('')).toBe(renderMarkdown(summaryOf(array)))
})
