import { randomBytes } from 'node:crypto'
import type { Code, Nodes, Root } from 'mdast'

/**
 * Code blocks are most of a full report's Markdown (every long log field is one), and remark
 * handles each line of them several times over: position tracking, then once more per list the
 * block is nested in, to indent it. What remark writes for a fenced code block is fixed by its
 * value alone (mdast-util-to-markdown's `code` handler, with fences, no `lang`, no `meta`):
 *
 *     fence + '\n' + value + '\n' + fence, fence = '`' × max(3, longest backtick run + 1)
 *
 * and a list item indents every line of it but the first by its marker's width, leaving empty
 * lines empty (`indentLines`, lines split at `\r?\n|\r`). So remark is given the tree with each
 * such block's value replaced by a one-line token, and the value is put back in the token's place
 * with the token line's indentation. Everything else (text escaping, joins, list markers) is
 * still remark's. Blockquotes indent empty lines differently: blocks inside them are left alone.
 */

const FENCE = '```'
const EOL = /\r?\n|\r/g
const SPACES = /^ *$/
const LF_BEFORE_TEXT = /\n(?=[^\n])/g

export interface TokenizedTree {
  root: Root
  /** The values the tokens stand for, in document order. */
  values: string[]
  token: (i: number) => string
}

/** Only the containers whose indentation is known to be spaces (or nothing) are entered. */
const ENTERED = new Set(['root', 'list', 'listItem'])

function replaceable(node: Code): boolean {
  return node.value !== '' && !node.lang && !node.meta
}

/**
 * `root` with each fenced code block outside blockquotes replaced by a token; `root` itself is
 * not changed (only the path to a replaced block is copied). The token holds a random nonce, so
 * no log text can forge one.
 */
export function tokenizeCode(root: Root): TokenizedTree {
  const nonce = randomBytes(8).toString('hex')
  const token = (i: number) => `altcode${nonce}n${i}`
  const values: string[] = []
  const visit = (node: Nodes): Nodes => {
    if (node.type === 'code') {
      if (!replaceable(node)) return node
      values.push(node.value)
      return { type: 'code', lang: null, meta: null, value: token(values.length - 1) }
    }
    if (!ENTERED.has(node.type) || !('children' in node)) return node
    let children: Nodes[] | undefined
    const old = node.children as Nodes[]
    for (let i = 0; i < old.length; i++) {
      const next = visit(old[i])
      if (next !== old[i]) {
        children ??= old.slice()
        children[i] = next
      }
    }
    return children ? ({ ...node, children } as Nodes) : node
  }
  return { root: visit(root) as Root, values, token }
}

function longestBacktickRun(s: string): number {
  let longest = 0
  for (let i = s.indexOf('`'); i >= 0; i = s.indexOf('`', i)) {
    let j = i + 1
    while (s.charCodeAt(j) === 96) j++
    if (j - i > longest) longest = j - i
    i = j
  }
  return longest
}

/** remark's fence for a value: longer than any backtick run inside, so the value cannot close it. */
export function codeFence(value: string): string {
  return '`'.repeat(Math.max(3, longestBacktickRun(value) + 1))
}

/** Every line of `value` but the empty ones prefixed with `indent`, as remark's list items do. */
export function indentCode(value: string, indent: string): string {
  if (!indent || !value) return value
  // Log text reaches a code block with its line ends made LF (safe-text.ts): one native replace.
  if (!value.includes('\r')) return (value[0] === '\n' ? '' : indent) + value.replace(LF_BEFORE_TEXT, '\n' + indent)
  const parts: string[] = []
  let start = 0
  EOL.lastIndex = 0
  for (let m = EOL.exec(value); m; m = EOL.exec(value)) {
    if (m.index > start) parts.push(indent, value.slice(start, m.index))
    parts.push(m[0])
    start = m.index + m[0].length
  }
  if (start < value.length) parts.push(indent, value.slice(start))
  return parts.join('')
}

/**
 * The stringified token tree with each token's block written as remark writes the real one, or
 * `undefined` when a token is not where remark writes a code block's single line (the caller
 * then stringifies the real tree).
 */
export function spliceCode(text: string, t: TokenizedTree): string | undefined {
  const out: string[] = []
  let at = 0
  for (let i = 0; i < t.values.length; i++) {
    const token = t.token(i)
    const found = text.indexOf(token, at)
    if (found < 0) return undefined
    const lineStart = text.lastIndexOf('\n', found) + 1
    const indent = text.slice(lineStart, found)
    const close = '\n' + indent + FENCE
    const end = found + token.length
    const openEnd = lineStart - 1
    const opened = openEnd >= FENCE.length && text.startsWith(FENCE + '\n', openEnd - FENCE.length) && text[openEnd - FENCE.length - 1] !== '`'
    const closed = text.startsWith(close, end) && text[end + close.length] !== '`'
    if (!SPACES.test(indent) || !opened || !closed || openEnd - FENCE.length < at) return undefined
    const value = t.values[i]
    const fence = codeFence(value)
    out.push(text.slice(at, openEnd - FENCE.length), fence, '\n', indentCode(value, indent), '\n', indent, fence)
    at = end + close.length
  }
  out.push(text.slice(at))
  return out.join('')
}
