import { expect, test } from '@jest/globals'
import type { BlockContent, ListItem, PhrasingContent, Root, TableRow } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { markdownTree, renderMarkdown } from '../../src/render/markdown.js'
import { MARKDOWN_STYLE, toMarkdown } from '../../src/render/md-stringify.js'
import { prng } from '../helpers.js'
import { MARKDOWN_PIECES, syntheticReport } from './support.js'

/** remark with the report's style and nothing of ours: what every output must equal. */
const reference = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE)

test('a large report renders exactly as remark alone writes the same tree', () => {
  const report = syntheticReport(300)
  expect(renderMarkdown(report)).toBe(reference.stringify(markdownTree(report)))
  expect(renderMarkdown(report, { maxFieldChars: 50, detailsOver: 10, previewChars: 5 })).toBe(
    reference.stringify(markdownTree(report, { maxFieldChars: 50, detailsOver: 10, previewChars: 5 }))
  )
})

/**
 * Random documents over a few values, so that each value turns up next to every kind of
 * neighbour, at line starts and ends, and inside every construct (links and headings
 * included, though reports have no links).
 */
function randomDocument(seed: number, blocks: number, pieces: readonly string[] = MARKDOWN_PIECES): Root {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const values = Array.from({ length: 30 }, () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(pieces)).join(''))
  const phrasing = (depth: number, inLink: boolean): PhrasingContent[] =>
    Array.from({ length: 1 + Math.floor(rnd() * 5) }, (): PhrasingContent => {
      const r = rnd()
      if (depth < 2 && r < 0.1) return { type: 'emphasis', children: phrasing(depth + 1, inLink) }
      if (depth < 2 && r < 0.2) return { type: 'strong', children: phrasing(depth + 1, inLink) }
      if (depth < 2 && r < 0.25) return { type: 'delete', children: phrasing(depth + 1, inLink) }
      if (depth < 2 && r < 0.3 && !inLink) return { type: 'link', url: 'https://x.example', children: phrasing(depth + 1, true) }
      if (r < 0.4) return { type: 'inlineCode', value: pick(values) }
      if (r < 0.43) return { type: 'break' }
      return { type: 'text', value: pick(values) }
    })
  const row = (cells: number): TableRow => ({
    type: 'tableRow',
    children: Array.from({ length: cells }, () => ({ type: 'tableCell', children: phrasing(1, false) }))
  })
  const block = (depth: number): BlockContent => {
    const r = rnd()
    if (r < 0.35) return { type: 'paragraph', children: phrasing(0, false) }
    if (r < 0.5) return { type: 'heading', depth: pick([1, 2, 3, 4, 5, 6] as const), children: phrasing(0, false) }
    if (r < 0.6) return { type: 'table', align: [null, 'right'], children: [row(2), row(2), row(2)] }
    if (r < 0.65) return { type: 'html', value: '<details><summary>x</summary>' }
    if (depth < 3 && r < 0.85) {
      const items: ListItem[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({
        type: 'listItem',
        spread: rnd() < 0.3,
        children: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => block(depth + 1))
      }))
      const ordered = rnd() < 0.5
      return { type: 'list', ordered, start: ordered ? 1 : undefined, spread: items.some((i) => i.spread), children: items }
    }
    if (depth < 3 && r < 0.92) return { type: 'blockquote', children: [block(depth + 1)] }
    return { type: 'code', lang: null, meta: null, value: pick(values) }
  }
  return { type: 'root', children: Array.from({ length: blocks }, () => block(0)) }
}

test('text in every context comes out as remark’s own text handler writes it', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const doc = randomDocument(seed, 150)
    expect(toMarkdown(doc)).toBe(reference.stringify(doc))
  }
})

// Every ASCII character (each unsafe pattern's character among them), line endings, tabs, leading
// spaces, digits before dots and parens, bidi and control characters, and long runs.
const CHARACTERS = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...[
    '\t',
    '\n',
    '\r',
    '\r\n',
    '    ',
    '1.',
    '12)',
    '\u202e',
    '\u2066',
    '\u0000',
    '\u001b',
    '\u0085',
    '\u00a0',
    'é',
    '😀',
    '_'.repeat(3),
    '`'.repeat(4),
    'a'.repeat(300)
  ]
]

test('text of any characters comes out as remark alone escapes it, next to every neighbour', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const doc = randomDocument(1000 + seed, 100, CHARACTERS)
    expect(toMarkdown(doc)).toBe(reference.stringify(doc))
  }
})
