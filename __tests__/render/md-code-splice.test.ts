import { expect, test } from '@jest/globals'
import type { BlockContent, Code, ListItem, PhrasingContent, Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'
import { codeFence, indentCode, spliceCode, tokenizeCode } from '../../src/render/md-code-splice.js'
import { MARKDOWN_STYLE, toMarkdown } from '../../src/render/md-stringify.js'
import { prng } from '../helpers.js'
import { MARKDOWN_PIECES } from './support.js'

/** remark with the report's style and nothing of ours: what every output must equal. */
const reference = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE)
const compactReference = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify, MARKDOWN_STYLE)

// What a code block's value can hold that matters to its fence, its indentation or its lines:
// backtick runs longer than any default fence, leading spaces and tabs, empty lines, every line
// ending (CRLF and a lone CR included), HTML and entity characters, bidi and control characters,
// text that looks like the token itself, and very long lines.
const CODE_PIECES = [
  ...['`', '``', '```', '````', '`````````', '~~~', '```js', ' ', '    ', '\t', '\t\t', '\n', '\n\n', '\r\n', '\r', '\r\r\n', '\n \n'],
  ...['<', '>', '&', '&amp;', '<details>', '\u202e', '\u2066', '\u200f', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\ufeff'],
  ...['altcode', 'altcode0123456789abcdefn0', '- ', '1. ', '> ', '# ', '|', '\\', '*', '_', 'x', 'word', '😀', 'é', 'y'.repeat(5000)]
]

function codeValue(rnd: () => number, pieces: number): string {
  return Array.from({ length: 1 + Math.floor(rnd() * pieces) }, () => CODE_PIECES[Math.floor(rnd() * CODE_PIECES.length)]).join('')
}

/** Documents whose code blocks sit at the top, in lists nested up to three deep (first in an item or not), in blockquotes, with and without a language. */
function randomDocument(seed: number, blocks: number): Root {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const phrasing = (): PhrasingContent[] => [{ type: 'text', value: pick(MARKDOWN_PIECES) + pick(CODE_PIECES) }]
  const code = (): Code => {
    const r = rnd()
    return { type: 'code', lang: r < 0.1 ? 'sh' : null, meta: null, value: r < 0.15 ? '' : codeValue(rnd, 8) }
  }
  const block = (depth: number): BlockContent => {
    const r = rnd()
    if (r < 0.25) return { type: 'paragraph', children: phrasing() }
    if (r < 0.3) return { type: 'html', value: pick(['<details><summary>x</summary>', '</details>']) }
    if (depth < 3 && r < 0.55) {
      const items: ListItem[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({
        type: 'listItem',
        spread: rnd() < 0.3,
        children: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => block(depth + 1))
      }))
      const ordered = rnd() < 0.5
      return { type: 'list', ordered, start: ordered ? 1 + Math.floor(rnd() * 12) : undefined, spread: items.some((i) => i.spread), children: items }
    }
    if (depth < 3 && r < 0.6) return { type: 'blockquote', children: [block(depth + 1), code()] }
    return code()
  }
  return { type: 'root', children: Array.from({ length: blocks }, () => block(0)) }
}

test('code blocks in every container come out byte for byte as remark alone writes them', () => {
  let blocks = 0
  for (let seed = 1; seed <= 300; seed++) {
    const doc = randomDocument(seed, 12)
    blocks += tokenizeCode(doc).values.length
    expect(toMarkdown(doc)).toBe(reference.stringify(doc))
    expect(toMarkdown(doc, { compactTables: true })).toBe(compactReference.stringify(doc))
  }
  // The documents must hold blocks the splice replaces, or the comparison proves nothing.
  expect(blocks).toBeGreaterThan(1000)
})

test('the fence is longer than any backtick run in the value, and three at least', () => {
  expect(codeFence('')).toBe('```')
  expect(codeFence('a ` b `` c')).toBe('```')
  expect(codeFence('```')).toBe('````')
  expect(codeFence('x``````y``')).toBe('```````')
  expect(codeFence('`'.repeat(20) + 'x')).toBe('`'.repeat(21))
})

test('indentation skips empty lines and splits lines where remark does', () => {
  expect(indentCode('a\n\nb', '  ')).toBe('  a\n\n  b')
  expect(indentCode('a\r\nb\rc\n', '  ')).toBe('  a\r\n  b\r  c\n')
  expect(indentCode('\n\n', '   ')).toBe('\n\n')
  expect(indentCode(' a\n\tb', '')).toBe(' a\n\tb')
  expect(indentCode('', '  ')).toBe('')
  expect(indentCode('\na\n\n b\n', '  ')).toBe('\n  a\n\n   b\n')
})

test('the tree handed in is left as it was', () => {
  const doc: Root = {
    type: 'root',
    children: [
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: [{ type: 'listItem', spread: false, children: [{ type: 'code', lang: null, meta: null, value: 'x\n```\ny' }] }]
      }
    ]
  }
  const before = JSON.stringify(doc)
  const t = tokenizeCode(doc)
  expect(t.values).toEqual(['x\n```\ny'])
  expect(JSON.stringify(doc)).toBe(before)
  expect(t.root).not.toBe(doc)
})

test('a token that is not where remark writes a code block gives no splice, and toMarkdown falls back to remark', () => {
  const doc: Root = { type: 'root', children: [{ type: 'code', lang: null, meta: null, value: 'v' }] }
  const t = tokenizeCode(doc)
  const token = t.token(0)
  expect(spliceCode('```\n' + token + '\n```\n', t)).toBe('```\nv\n```\n')
  // Not its own line between fences, or missing altogether.
  expect(spliceCode('text ' + token + '\n', t)).toBeUndefined()
  expect(spliceCode('```\n> ' + token + '\n> ```\n', t)).toBeUndefined()
  expect(spliceCode('nothing\n', t)).toBeUndefined()
  // Two values for one token each: a second search starts after the first block.
  const two = tokenizeCode({ type: 'root', children: [doc.children[0], { type: 'code', lang: null, meta: null, value: '`w`' }] })
  expect(spliceCode(`\`\`\`\n${two.token(0)}\n\`\`\`\n\n\`\`\`\n${two.token(1)}\n\`\`\`\n`, two)).toBe('```\nv\n```\n\n```\n`w`\n```\n')
})
