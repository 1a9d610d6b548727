import { expect, test } from '@jest/globals'
import type { AlignType, BlockContent, List, ListItem, PhrasingContent, Root, RootContent, TableRow } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { markdownTree } from '../../src/render/markdown.js'
import { Patterns, writeMarkdown } from '../../src/render/md-fast.js'
import type { UnsafePattern } from '../../src/render/md-fast-safe.js'
import { FAST_STYLE, MARKDOWN_STYLE, toMarkdown } from '../../src/render/md-stringify.js'
import { prng } from '../helpers.js'
import { MARKDOWN_PIECES, syntheticReport } from './support.js'

/** remark with the report's style and nothing of ours: the oracle. */
const reference = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE)
const compactReference = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, MARKDOWN_STYLE)

/** remark's unsafe patterns with remark-gfm, read off its state as md-stringify reads them. */
function patterns(): Patterns {
  let found: readonly UnsafePattern[] = []
  unified()
    .use(remarkGfm)
    .use(remarkStringify, {
      ...MARKDOWN_STYLE,
      handlers: {
        text: (_n, _p, state) => {
          found = state.unsafe
          return ''
        }
      }
    })
    .stringify({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: '' }] }] })
  return new Patterns(found)
}
const PATTERNS = patterns()

// Every ASCII character, every line ending, tabs, runs of spaces, list and heading starts,
// backtick runs, entities, bidi and control characters, astral characters, and the empty string.
const ADVERSARIAL = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  ...['\t', '\n', '\r', '\r\n', '    ', '  ', '1.', '12)', '3. ', '#', '# ', '###', '> ', '- ', '+ ', '* ', '-', '+', '=', '~~~'],
  ...['`', '``', '```', '````', '|', '\\|', '<', '<b>', '</details>', '<!--', '&', '&amp;', '&#x41;', '&copy;', '\\', '\\\\'],
  ...['_', '__', '___', '*', '**', 'a_b', 'snake_case_name', '\u202e', '\u0000', '\u001b', '\u00a0', '\u0085', 'é', '😀', ''],
  ...['word', 'two words', 'x', '42', 'http://x.example', 'www.x.example', 'dev@x.example', 'trailing  ', ' leading']
]

/** A random tree of the node types and shapes the renderers build, over `pieces`. */
function handledDocument(seed: number, blocks: number, pieces: readonly string[]): Root {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const values = Array.from({ length: 40 }, () => Array.from({ length: Math.floor(rnd() * 4) }, () => pick(pieces)).join(''))
  const phrasing = (depth: number): PhrasingContent[] =>
    Array.from({ length: Math.floor(rnd() * 6) }, (): PhrasingContent => {
      const r = rnd()
      if (depth < 2 && r < 0.12) return { type: 'emphasis', children: phrasing(depth + 1) }
      if (depth < 2 && r < 0.24) return { type: 'strong', children: phrasing(depth + 1) }
      if (r < 0.4) return { type: 'inlineCode', value: pick(values) }
      return { type: 'text', value: pick(values) }
    })
  const row = (cells: number): TableRow => ({ type: 'tableRow', children: Array.from({ length: cells }, () => ({ type: 'tableCell', children: phrasing(0) })) })
  const aligns: AlignType[] = [null, 'left', 'right', 'center']
  const list = (depth: number): List => {
    const items: ListItem[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({
      type: 'listItem',
      spread: rnd() < 0.3,
      children: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => block(depth + 1))
    }))
    const ordered = rnd() < 0.4
    const start = ordered ? pick([undefined, 0, 1, 3, 10]) : undefined
    return { type: 'list', ordered, start, spread: rnd() < 0.2 ? undefined : items.some((i) => i.spread), children: items }
  }
  const block = (depth: number): BlockContent => {
    const r = rnd()
    if (r < 0.3) return { type: 'paragraph', children: phrasing(0) }
    if (r < 0.4) {
      const depth = pick([3, 4, 5, 6] as const)
      return { type: 'heading', depth, children: phrasing(0) }
    }
    if (r < 0.5) {
      const columns = 1 + Math.floor(rnd() * 3)
      const align = Array.from({ length: columns }, () => pick(aligns))
      return { type: 'table', align, children: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => row(1 + Math.floor(rnd() * columns))) }
    }
    if (r < 0.55) return { type: 'html', value: pick(['<details><summary>x &amp; y</summary>', '</details>']) }
    if (r < 0.6) return { type: 'thematicBreak' }
    if (depth < 3 && r < 0.85) return list(depth)
    return { type: 'code', lang: null, meta: null, value: pick([...values, 'a\n\n  b\r\nc\rd', '```\nx\n````', '\n\nlead', 'trail\n\n']) }
  }
  return { type: 'root', children: Array.from({ length: blocks }, () => block(0)) }
}

test('trees of the handled types with adversarial text are written by the fast writer exactly as remark writes them', () => {
  for (let seed = 1; seed <= 150; seed++) {
    const doc = handledDocument(seed, 40, seed % 2 ? ADVERSARIAL : MARKDOWN_PIECES)
    const fast = writeMarkdown(doc, PATTERNS)
    expect(fast).toBeDefined()
    expect(fast).toBe(reference.stringify(doc))
  }
})

test('compact tables are written exactly as remark with `tablePipeAlign: false` writes them', () => {
  for (let seed = 500; seed <= 560; seed++) {
    const doc = handledDocument(seed, 30, ADVERSARIAL)
    const fast = writeMarkdown(doc, PATTERNS, { compactTables: true })
    expect(fast).toBeDefined()
    expect(fast).toBe(compactReference.stringify(doc))
  }
})

test('one text value next to every kind of neighbour, at every place, is escaped as remark escapes it', () => {
  const places = (value: string): RootContent[] => {
    const t = (v: string): PhrasingContent => ({ type: 'text', value: v })
    const around: PhrasingContent[][] = [
      [t(value)],
      [{ type: 'inlineCode', value: 'c' }, t(value), { type: 'inlineCode', value: 'c' }],
      [{ type: 'emphasis', children: [t(value)] }, t(value), { type: 'strong', children: [t(value)] }],
      [{ type: 'strong', children: [t('a'), { type: 'emphasis', children: [t(value)] }] }, t(value)],
      [t(value), t(value), t('x' + value + 'x')]
    ]
    return around.flatMap((children): RootContent[] => [
      { type: 'paragraph', children },
      { type: 'heading', depth: 4, children },
      {
        type: 'table',
        align: [null, 'center'],
        children: [
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children },
              { type: 'tableCell', children: [t(value)] }
            ]
          }
        ]
      },
      { type: 'list', ordered: false, spread: false, children: [{ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] }] }
    ])
  }
  for (const a of ADVERSARIAL)
    for (const b of ['', ' ', 'x', '*', '_', '\n', '`', '1.']) {
      const doc: Root = { type: 'root', children: places(a + b) }
      expect(writeMarkdown(doc, PATTERNS)).toBe(reference.stringify(doc))
    }
})

test('lists: markers after a list, a rule as first child, ordered starts, loose and tight items, html and tables inside', () => {
  const p = (v: string): BlockContent => ({ type: 'paragraph', children: [{ type: 'text', value: v }] })
  const item = (spread: boolean | undefined, ...children: BlockContent[]): ListItem => ({ type: 'listItem', spread, children })
  const table: BlockContent = {
    type: 'table',
    align: [null],
    children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [{ type: 'text', value: 'a' }] }] }]
  }
  const docs: Root[] = [
    {
      type: 'root',
      children: [
        { type: 'list', spread: false, children: [item(false, p('a'))] },
        { type: 'list', spread: false, children: [item(false, p('b'))] }
      ]
    },
    {
      type: 'root',
      children: [
        { type: 'list', ordered: true, start: 7, spread: false, children: [item(false, p('a')), item(false, p('b'))] },
        { type: 'list', ordered: true, children: [item(false, p('c'))] }
      ]
    },
    { type: 'root', children: [{ type: 'list', spread: false, children: [item(false, { type: 'thematicBreak' }), item(false, p('b'))] }] },
    { type: 'root', children: [p('x'), { type: 'list', ordered: true, start: 2, spread: false, children: [item(false, p('a'))] }] },
    {
      type: 'root',
      children: [
        {
          type: 'list',
          spread: false,
          children: [item(false, { type: 'html', value: '<details><summary>s</summary>' }, p('x'), { type: 'html', value: '</details>' })]
        }
      ]
    },
    { type: 'root', children: [{ type: 'list', spread: false, children: [item(false, table, p('after')), item(true, table, table)] }] },
    {
      type: 'root',
      children: [
        {
          type: 'list',
          spread: false,
          children: [item(false, p('a'), { type: 'list', spread: false, children: [item(false, p('b'), { type: 'code', value: 'x\n\ny' })] }, p('c'))]
        }
      ]
    },
    { type: 'root', children: [{ type: 'list', children: [item(undefined, p('a'), p('b'))] }, p('x'), { type: 'list', children: [item(undefined, p('c'))] }] },
    {
      type: 'root',
      children: [
        p('a'),
        { type: 'thematicBreak' },
        { type: 'heading', depth: 1, children: [{ type: 'text', value: ' x' }] },
        { type: 'heading', depth: 2, children: [] }
      ]
    }
  ]
  for (const doc of docs) {
    const fast = writeMarkdown(doc, PATTERNS)
    expect(fast).toBeDefined()
    expect(fast).toBe(reference.stringify(doc))
  }
})

test('a tree with a node the fast writer does not know is left to remark, and still written as remark writes it', () => {
  const unknown: Root[] = [
    { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: 'https://x.example', children: [{ type: 'text', value: 'x' }] }] }] },
    { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'a' }, { type: 'break' }, { type: 'text', value: 'b' }] }] },
    { type: 'root', children: [{ type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'q' }] }] }] },
    { type: 'root', children: [{ type: 'code', lang: 'js', meta: null, value: 'x' }] },
    { type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'two\nlines' }] }] },
    {
      type: 'root',
      children: [
        {
          type: 'list',
          spread: false,
          children: [{ type: 'listItem', checked: true, spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: 't' }] }] }]
        }
      ]
    },
    { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'html', value: '<b>' }] }] },
    { type: 'root', children: [{ type: 'text', value: 'phrasing at the root' }] },
    { type: 'root', children: [{ type: 'list', spread: false, children: [{ type: 'listItem', spread: false, children: [] }] }] }
  ]
  for (const doc of unknown) {
    expect(writeMarkdown(doc, PATTERNS)).toBeUndefined()
    expect(toMarkdown(doc)).toBe(reference.stringify(doc))
  }
})

test('a full report’s tree is written by the fast writer, not handed to remark', () => {
  const tree = markdownTree(syntheticReport(60))
  const fast = writeMarkdown(tree, PATTERNS)
  expect(fast).toBeDefined()
  expect(fast).toBe(reference.stringify(tree))
})

test('patterns naming a neighbouring node or a letter turn the fast writer off', () => {
  const doc: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'a' }] }] }
  expect(writeMarkdown(doc, new Patterns([{ character: 'x', afterNode: 'strong' }]))).toBeUndefined()
  expect(writeMarkdown(doc, new Patterns([{ character: 'a' }]))).toBeUndefined()
  expect(writeMarkdown(doc, new Patterns([{ character: '!' }]))).toBe('a\n')
})

test('the fast writer writes in the report’s style, so the report goes through it', () => {
  expect(FAST_STYLE).toBe(true)
})
