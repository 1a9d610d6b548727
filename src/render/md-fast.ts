import type { AlignType, Heading, List, ListItem, Nodes, Parents, PhrasingContent, Root, RootContent, Table } from 'mdast'
import { codeFence, indentCode } from './md-code-splice.js'
import { serialize, type AttentionItem, type PhrasingItem } from './md-fast-attention.js'
import {
  compilePattern,
  encodeCharacterReference,
  firstCharacter,
  lastCharacter,
  patternInScope,
  PatternScope,
  safe,
  type CompiledPattern,
  type UnsafePattern
} from './md-fast-safe.js'

/**
 * A Markdown writer for the mdast this project builds, writing exactly what remark-stringify
 * with remark-gfm and MARKDOWN_STYLE writes (md-stringify.ts), without remark's per-node
 * machinery (position tracking, a handler lookup and an info object per node, every line of a
 * nested block split and joined again per list around it). Each construct below follows its
 * handler in mdast-util-to-markdown 2.2 (`lib/handle/*.js`, `lib/join.js`, `container-flow.js`,
 * `container-phrasing.js`), mdast-util-gfm-table 2 and markdown-table 3 (all MIT, © Titus
 * Wormer), for these options only: bullet `-`, emphasis `_`, strong `*`, fence `` ` ``,
 * `listItemIndent: 'one'`, rule `-`, no setext headings, no `closeAtx`, no rule spaces, list
 * markers incremented, tables with padding and (unless compact) aligned delimiters.
 *
 * Whatever it does not know (another node type, a code block with a language, html inside a
 * paragraph, a task list item, a heading written setext), it gives up on: `writeMarkdown` returns
 * `undefined` and the caller stringifies with remark. remark stays the reference: the tests
 * compare both on random trees.
 */

/** Thrown where the writer meets what it does not write; `writeMarkdown` then returns `undefined`. */
class Unsupported extends Error {}

/** The remark-stringify options this writer writes as; with any other, md-stringify uses remark. */
export const WRITTEN_STYLE: Readonly<Record<string, string>> = { bullet: '-', emphasis: '_', strong: '*', fence: '`', listItemIndent: 'one', rule: '-' }

const BULLET = '-'
const BULLET_OTHER = '*'
const BULLET_ORDERED = '.'
const BULLET_ORDERED_OTHER = ')'
const RULE = '---'
const EMPHASIS_SEQUENCES = ['_', '*']
const STRONG_SEQUENCES = ['**', '__']
const EOL_BEFORE_LINE = /(\r?\n|\r)(?=[^\r\n])/g
const LINE_BREAK = /[\r\n]/

// HTML block names that end only at a blank line (micromark-util-html-tag-name), for the kinds
// `htmlKind` tells apart; the report's html nodes are `<details>` lines only, so any other start
// gives up rather than carry the whole list.
const KNOWN_HTML_KIND: Record<string, number> = { details: 6, summary: 6 }

/** mdast-util-to-markdown's `htmlKind` for the html this writer accepts; `null` for any other. */
function htmlKind(value: string): number | undefined | null {
  if (value.charCodeAt(0) !== 60) return undefined
  const next = value.charCodeAt(1)
  if (next === 33 || next === 63) return null
  const closing = next === 47
  const start = closing ? 2 : 1
  let end = start
  let code = value.charCodeAt(end)
  const alpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  if (!alpha(code)) return undefined
  while (code === 45 || alpha(code) || (code >= 48 && code <= 57)) code = value.charCodeAt(++end)
  const name = value.slice(start, end).toLowerCase()
  return KNOWN_HTML_KIND[name] ?? null
}

function hasLineBreak(nodes: readonly PhrasingContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'break') return true
    if ('value' in node && LINE_BREAK.test(node.value)) return true
    if ('children' in node && hasLineBreak(node.children)) return true
  }
  return false
}

function hasText(nodes: readonly PhrasingContent[]): boolean {
  for (const node of nodes) {
    if ('value' in node && node.value) return true
    if ('children' in node && hasText(node.children)) return true
  }
  return false
}

/** The unsafe patterns, compiled, and for each construct stack those in its scope. */
export class Patterns {
  readonly all: CompiledPattern[]
  readonly atBreak: CompiledPattern[]
  private readonly byStack = new Map<string, PatternScope>()

  constructor(unsafe: readonly UnsafePattern[]) {
    this.all = unsafe.map((pattern) => ({ pattern, expression: compilePattern(pattern) }))
    this.atBreak = this.all.filter((p) => p.pattern.atBreak)
    this.supported = this.all.every((p) => !p.pattern.beforeNode && !p.pattern.afterNode && !/^[A-Za-z0-9]$/.test(p.pattern.character))
  }

  /**
   * Whether `safe` here can stand for remark's: no pattern names a neighbouring node, and none
   * is of an ASCII letter or digit (`peek` reads those as written unchanged).
   */
  readonly supported: boolean

  inScope(stack: readonly string[], key: string): PatternScope {
    let found = this.byStack.get(key)
    if (!found) {
      found = new PatternScope(this.all.filter((p) => patternInScope(stack, p.pattern)))
      this.byStack.set(key, found)
    }
    return found
  }
}

/** Longest text whose escaping is cached. */
const CACHED_TEXT = 80

interface Context {
  parent: Context | undefined
  children: Map<string, Context>
  scope: PatternScope | undefined
  /** Escaped text by value, then the characters either side. */
  escaped: Map<string, Escaped[]>
}

interface Escaped {
  before: string
  after: string
  out: string
}

class Writer {
  private readonly stack: string[] = []
  /** The construct stack as a node of a tree of the stacks met, each with its own caches. */
  private context: Context = { parent: undefined, children: new Map(), scope: undefined, escaped: new Map() }
  private readonly indexStack: number[] = []
  private bulletCurrent: string | undefined
  private bulletLastUsed: string | undefined
  private readonly inlineCodes: [Map<string, string>, Map<string, string>] = [new Map(), new Map()]
  /**
   * What is written so far. List items do not indent their content after writing it (remark
   * splits and joins every line of it once per list item around it, code blocks included):
   * each line is written once with the markers or indentation of the list items open around it.
   */
  private readonly out: string[] = []
  /** The list items open around what is written, outermost first. */
  private readonly items: { bullet: string; spaces: string }[] = []
  /** How many of them (the outermost) have had their first line written. */
  private started = 0
  /** The indentation of a line that is none of those items' first. */
  private indent = ''

  constructor(
    private readonly patterns: Patterns,
    private readonly compactTables: boolean
  ) {}

  root(node: Root): string {
    for (const child of node.children) if (isPhrasing(child)) throw new Unsupported()
    this.flow(node, node.children)
    const result = this.out.join('')
    const last = result.charCodeAt(result.length - 1)
    return result && last !== 10 && last !== 13 ? result + '\n' : result
  }

  /**
   * One line, without its line ending, as the list items around it write it: the first line of
   * an item with its marker (and the markers of items opened with it), any other line indented
   * by their widths, an empty line left empty.
   */
  private line(text: string): void {
    const items = this.items
    if (this.started === items.length) {
      this.out.push(text ? this.indent + text : '')
      return
    }
    let markers = items[this.started].bullet
    for (let i = this.started + 1; i < items.length; i++) markers += ' ' + items[i].bullet
    this.out.push(this.indent + markers + (text ? ' ' + text : ''))
    this.started = items.length
    this.indent = items.map((i) => i.spaces).join('')
  }

  /** A block's text, which starts a line. */
  private write(text: string): void {
    const firstEnd = text.search(LINE_BREAK)
    if (firstEnd < 0) return this.line(text)
    // A CR at the end makes one line ending with the LF of the join after it, as in remark: the
    // empty rest after it is not indented, and the next block's first line is.
    this.line(text.slice(0, firstEnd))
    const rest = text.slice(firstEnd)
    this.out.push(this.indent ? rest.replace(EOL_BEFORE_LINE, '$1' + this.indent) : rest)
  }

  private enter(name: string): void {
    this.stack.push(name)
    let next = this.context.children.get(name)
    if (!next) {
      next = { parent: this.context, children: new Map(), scope: undefined, escaped: new Map() }
      this.context.children.set(name, next)
    }
    this.context = next
  }

  private exit(): void {
    this.stack.pop()
    this.context = this.context.parent!
  }

  private flow(parent: Parents, children: readonly RootContent[]): void {
    this.indexStack.push(-1)
    for (let index = 0; index < children.length; index++) {
      const child = children[index]
      this.indexStack[this.indexStack.length - 1] = index
      this.block(child, parent)
      if (child.type !== 'list') this.bulletLastUsed = undefined
      // Every item around has had its first line: a blank line of the join is left empty.
      if (index < children.length - 1) this.out.push(this.between(child, children[index + 1], parent))
    }
    this.indexStack.pop()
  }

  /** remark-gfm's table join, then mdast-util-to-markdown's `joinDefaults`. */
  private between(left: RootContent, right: RootContent, parent: Parents): string {
    const spread = 'spread' in parent ? parent.spread : undefined
    if (
      left.type === 'table' &&
      parent.type === 'listItem' &&
      spread === false &&
      (right.type === 'definition' || right.type === 'paragraph' || right.type === 'table' || (right.type === 'heading' && this.setext(right)))
    )
      return '\n\n'
    if (typeof spread !== 'boolean') return '\n\n'
    if (spread) return '\n\n'
    if (left.type === 'html') {
      const kind = htmlKind(left.value)
      if (kind === null) throw new Unsupported()
      if (kind === undefined || kind === 6 || kind === 7) return '\n\n'
    }
    if (left.type === 'blockquote' && right.type === 'blockquote') return '\n\n'
    if (
      (left.type === 'definition' || left.type === 'paragraph') &&
      right.type === 'list' &&
      ((right.ordered && typeof right.start === 'number' && right.start !== 1) || (right.children.length > 0 && right.children[0].children.length === 0))
    )
      return '\n\n'
    if (left.type === 'paragraph' && right.type === 'thematicBreak') return '\n\n'
    let tail: Nodes = left
    while ((tail.type === 'blockquote' || tail.type === 'list' || tail.type === 'listItem') && tail.children.length > 0)
      tail = tail.children[tail.children.length - 1]
    if (tail.type !== 'definition' && tail.type !== 'paragraph') return '\n'
    if (right.type === 'html') {
      const kind = htmlKind(right.value)
      if (kind === null) throw new Unsupported()
      if (kind === undefined || kind === 7) return '\n\n'
    }
    if (
      (left.type === 'paragraph' || left !== tail) &&
      (right.type === 'definition' || (right.type === 'heading' && this.setext(right)) || right.type === 'paragraph')
    )
      return '\n\n'
    return '\n'
  }

  private setext(node: Heading): boolean {
    return (!node.depth || node.depth < 3) && hasText(node.children) && hasLineBreak(node.children)
  }

  private block(node: RootContent, parent: Parents): void {
    switch (node.type) {
      case 'paragraph': {
        this.enter('paragraph')
        this.enter('phrasing')
        const value = this.phrasing(node.children, '\n', '\n')
        this.exit()
        this.exit()
        return this.write(value)
      }
      case 'heading':
        return this.write(this.heading(node))
      case 'code': {
        if (node.lang || node.meta) throw new Unsupported()
        const raw = node.value || ''
        const sequence = codeFence(raw)
        this.line(sequence)
        // Every line of the value follows the fence's: none is an item's first.
        if (raw) this.out.push('\n', indentCode(raw, this.indent))
        this.out.push('\n')
        return this.line(sequence)
      }
      case 'html':
        return this.write(node.value || '')
      case 'thematicBreak':
        return this.line(RULE)
      case 'list':
        return this.list(node, parent)
      case 'table':
        return this.write(this.table(node))
      default:
        throw new Unsupported()
    }
  }

  private heading(node: Heading): string {
    if (this.setext(node)) throw new Unsupported()
    const rank = Math.max(Math.min(6, node.depth || 1), 1)
    const sequence = '#'.repeat(rank)
    this.enter('headingAtx')
    this.enter('phrasing')
    let value = this.phrasing(node.children, '# ', '\n')
    const head = value.charCodeAt(0)
    if (head === 9 || head === 32) value = encodeCharacterReference(head) + value.slice(1)
    this.exit()
    this.exit()
    return value ? sequence + ' ' + value : sequence
  }

  private list(node: List, parent: Parents): void {
    this.enter('list')
    const bulletCurrent = this.bulletCurrent
    let bullet = node.ordered ? BULLET_ORDERED : BULLET
    const bulletOther = node.ordered ? BULLET_ORDERED_OTHER : BULLET_OTHER
    let useDifferentMarker = parent && this.bulletLastUsed ? bullet === this.bulletLastUsed : false
    if (!node.ordered) {
      const first = node.children[0]
      // remark's rule for an empty first item of a list nested first in a list: not written here.
      if (first && (!first.children || !first.children[0])) throw new Unsupported()
      if (first && node.children.some((item) => item.children[0]?.type === 'thematicBreak')) useDifferentMarker = true
    }
    if (useDifferentMarker) bullet = bulletOther
    this.bulletCurrent = bullet
    this.indexStack.push(-1)
    for (let index = 0; index < node.children.length; index++) {
      const item = node.children[index]
      this.indexStack[this.indexStack.length - 1] = index
      this.listItem(item, node, index)
      this.bulletLastUsed = undefined
      if (index < node.children.length - 1) this.out.push(this.between(item, node.children[index + 1], node))
    }
    // A list of no items is an empty line.
    if (node.children.length === 0) this.line('')
    this.indexStack.pop()
    this.bulletLastUsed = bullet
    this.bulletCurrent = bulletCurrent
    this.exit()
  }

  private listItem(node: ListItem, parent: List, index: number): void {
    if (node.type !== 'listItem' || typeof node.checked === 'boolean') throw new Unsupported()
    let bullet = this.bulletCurrent ?? BULLET
    if (parent.ordered) bullet = (typeof parent.start === 'number' && parent.start > -1 ? parent.start : 1) + index + bullet
    this.items.push({ bullet, spaces: ' '.repeat(bullet.length + 1) })
    this.enter('listItem')
    this.flow(node, node.children)
    // An item of no content is its marker alone.
    if (this.started < this.items.length) this.line('')
    this.exit()
    this.items.pop()
    this.started = this.items.length
    this.indent = this.items.map((i) => i.spaces).join('')
  }

  private table(node: Table): string {
    const matrix = this.tableCells(node)
    const head = matrix[0]
    if (head) {
      let columns = node.align ? node.align.length : 0
      if (!columns) for (const row of matrix) columns = Math.max(columns, row.length)
      while (head.length < columns) head.push('')
    }
    return markdownTable(matrix, node.align ?? [], !this.compactTables)
  }

  /** Each row's cells as `table` writes them (escaped, unpadded), the header row first and not filled out to the columns. */
  tableCells(node: Table): string[][] {
    this.enter('table')
    const matrix: string[][] = []
    for (const row of node.children) {
      if (row.type !== 'tableRow') throw new Unsupported()
      this.enter('tableRow')
      const cells: string[] = []
      for (const cell of row.children) {
        if (cell.type !== 'tableCell') throw new Unsupported()
        this.enter('tableCell')
        this.enter('phrasing')
        cells.push(this.phrasing(cell.children, '|', '|'))
        this.exit()
        this.exit()
      }
      this.exit()
      matrix.push(cells)
    }
    this.exit()
    return matrix
  }

  /** `containerPhrasing`: the children's pieces, then joined with their attention marked. */
  private phrasing(children: readonly PhrasingContent[], before: string, after: string): string {
    return serialize(this.phrasingItems(children, before, after), before, after)
  }

  private phrasingItems(children: readonly PhrasingContent[], before: string, after: string): PhrasingItem[] {
    const results: PhrasingItem[] = []
    for (let index = 0; index < children.length; index++) {
      const child = children[index]
      const next = index + 1 < children.length ? this.peek(children[index + 1]) : after
      if (child.type === 'emphasis' || child.type === 'strong') {
        const sequences = child.type === 'emphasis' ? EMPHASIS_SEQUENCES : STRONG_SEQUENCES
        const item = this.attention(child.children, child.type, sequences)
        if (!item) continue
        results.push(item)
        before = lastCharacter(sequences[0])
        continue
      }
      let value: string
      if (child.type === 'text') value = this.text(child.value, before, next)
      else if (child.type === 'inlineCode') value = this.inlineCode(child.value)
      else throw new Unsupported()
      if (!value) continue
      results.push(value)
      before = lastCharacter(value)
    }
    return results
  }

  private attention(children: readonly PhrasingContent[], construct: string, sequences: string[]): AttentionItem | undefined {
    this.enter(construct)
    const items = this.phrasingItems(children, sequences[0], sequences[0])
    this.exit()
    return items.length === 0 ? undefined : { sequences, children: items }
  }

  /** The first character a node will be written with, as remark's handlers' `peek` tells it. */
  private peek(node: PhrasingContent): string {
    switch (node.type) {
      case 'inlineCode':
        return '`'
      case 'emphasis':
        return '_'
      case 'strong':
        return '*'
      case 'text': {
        // Only a pattern with no condition before it can escape the first character here.
        const c = node.value.charCodeAt(0)
        if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return node.value[0]
        return firstCharacter(this.text(node.value, '', ''))
      }
      default:
        throw new Unsupported()
    }
  }

  private text(value: string, before: string, after: string): string {
    const context = this.context
    context.scope ??= this.patterns.inScope(this.stack, this.stack.join(','))
    // Labels and short values recur in the same places; a long value is mostly written once.
    if (value.length > CACHED_TEXT) return safe(context.scope, value, before, after)
    let seen = context.escaped.get(value)
    if (!seen) {
      seen = []
      context.escaped.set(value, seen)
    }
    for (const e of seen) if (e.before === before && e.after === after) return e.out
    const out = safe(context.scope, value, before, after)
    seen.push({ before, after, out })
    return out
  }

  /** mdast-util-to-markdown's `inlineCode`, with remark-gfm's pipes escaped in table cells. */
  private inlineCode(raw: string): string {
    const inTable = this.stack.includes('tableCell')
    const cache = this.inlineCodes[inTable ? 1 : 0]
    let out = cache.get(raw)
    if (out === undefined) {
      out = inlineCode(raw, this.patterns.atBreak)
      if (inTable) out = escapePipes(out)
      cache.set(raw, out)
    }
    return out
  }
}

function isPhrasing(node: RootContent): boolean {
  switch (node.type) {
    case 'break':
    case 'delete':
    case 'emphasis':
    case 'footnoteReference':
    case 'image':
    case 'imageReference':
    case 'inlineCode':
    case 'link':
    case 'linkReference':
    case 'strong':
    case 'text':
      return true
    default:
      return false
  }
}

function inlineCode(raw: string, atBreak: readonly CompiledPattern[]): string {
  let value = raw || ''
  let sequence = '`'
  while (new RegExp('(^|[^`])' + sequence + '([^`]|$)').test(value)) sequence += '`'
  if (/[^\n\r ]/.test(value) && ((/^[\n\r ]/.test(value) && /[\n\r ]$/.test(value)) || /^`|`$/.test(value))) value = ' ' + value + ' '
  // A pattern at a line start matters only after a line break, which single-line values lack.
  if (LINE_BREAK.test(value)) {
    for (const { expression } of atBreak) {
      expression.lastIndex = 0
      let match
      while ((match = expression.exec(value))) {
        let position = match.index
        if (value.charCodeAt(position) === 10 && value.charCodeAt(position - 1) === 13) position--
        value = value.slice(0, position) + ' ' + value.slice(match.index + 1)
      }
    }
  }
  return sequence + value + sequence
}

function escapePipes(value: string): string {
  const result: string[] = []
  let start = 0
  let index = value.indexOf('|')
  while (index !== -1) {
    let before = index
    while (before > start && value.charCodeAt(before - 1) === 92) before--
    result.push(value.slice(start, index))
    if ((index - before) % 2 === 0) result.push('\\')
    start = index
    index = value.indexOf('|', index + 1)
  }
  result.push(value.slice(start))
  return result.join('')
}

function alignmentCode(value: AlignType | undefined): 'c' | 'l' | 'r' | '' {
  return value === 'center' ? 'c' : value === 'left' ? 'l' : value === 'right' ? 'r' : ''
}

/** markdown-table 3 with `fillRows: false`, padding, delimiters at both ends, string length in UTF-16 units. */
function markdownTable(table: string[][], align: readonly (AlignType | undefined)[], alignDelimiters: boolean): string {
  const longest: number[] = []
  let mostCellsPerRow = 0
  for (const row of table) mostCellsPerRow = Math.max(mostCellsPerRow, alignDelimiters ? measureCells(row, longest) : row.length)
  const { delimiter, alignments } = delimiterRow(align, mostCellsPerRow, longest, alignDelimiters)
  const cellMatrix = [...table]
  cellMatrix.splice(1, 0, delimiter)
  const lines: string[] = []
  for (let r = 0; r < cellMatrix.length; r++)
    lines.push(tableLine(cellMatrix[r], Math.max(1, cellMatrix[r === 1 ? 0 : r].length), longest, alignments, alignDelimiters))
  return lines.join('\n')
}

/**
 * Widens `longest` (each column's widest cell, in UTF-16 units as markdown-table measures) to
 * the cells of `row`; returns its count of cells.
 */
export function measureCells(row: readonly string[], longest: number[]): number {
  for (let c = 0; c < row.length; c++) {
    const size = row[c].length
    if (longest[c] === undefined || size > longest[c]) longest[c] = size
  }
  return row.length
}

/**
 * markdown-table's delimiter row for `mostCellsPerRow` columns, widening `longest` to it (never
 * narrower than its alignment colons), and each column's alignment code.
 */
export function delimiterRow(
  align: readonly (AlignType | undefined)[],
  mostCellsPerRow: number,
  longest: number[],
  alignDelimiters: boolean
): { delimiter: string[]; alignments: string[] } {
  const alignments: string[] = []
  const delimiter: string[] = []
  for (let c = 0; c < mostCellsPerRow; c++) {
    const code = alignmentCode(align[c])
    alignments[c] = code
    const before = code === 'c' || code === 'l' ? ':' : ''
    const after = code === 'c' || code === 'r' ? ':' : ''
    let size = alignDelimiters ? Math.max(1, longest[c] - before.length - after.length) : 1
    delimiter[c] = before + '-'.repeat(size) + after
    if (alignDelimiters) {
      size = before.length + size + after.length
      if (size > longest[c]) longest[c] = size
    }
  }
  return { delimiter, alignments }
}

/** One line of a markdown-table table: `cellsInRow` cells of `row`, each padded to its column's width by its alignment. */
export function tableLine(
  row: readonly string[],
  cellsInRow: number,
  longest: readonly number[],
  alignments: readonly string[],
  alignDelimiters: boolean
): string {
  let line = ''
  for (let c = 0; c < cellsInRow; c++) {
    const cell = row[c] || ''
    let before = ''
    let after = ''
    if (alignDelimiters) {
      const size = longest[c] - cell.length
      const code = alignments[c]
      if (code === 'r') before = ' '.repeat(size)
      else if (code === 'c') {
        const half = size / 2
        if (size % 2) {
          before = ' '.repeat(half + 0.5)
          after = ' '.repeat(half - 0.5)
        } else {
          before = ' '.repeat(half)
          after = before
        }
      } else after = ' '.repeat(size)
    }
    if (!c) line += '|'
    if (!(!alignDelimiters && cell === '')) line += ' '
    line += before + cell + after + ' |'
  }
  return line
}

/**
 * Tables' cells as the writer escapes them (`Writer.tableCells`), one writer for many tables so
 * its caches of escaped texts serve them all; `undefined` for a table holding what it does not write.
 */
export class TableCellWriter {
  private readonly writer: Writer

  constructor(private readonly patterns: Patterns) {
    this.writer = new Writer(patterns, false)
  }

  cells(node: Table): string[][] | undefined {
    if (!this.patterns.supported) return undefined
    try {
      return this.writer.tableCells(node)
    } catch (e) {
      if (e instanceof Unsupported) return undefined
      throw e
    }
  }
}

/**
 * `root` written as remark-stringify writes it with the project's options, or `undefined` when
 * it holds anything this writer does not know.
 */
export function writeMarkdown(root: Root, patterns: Patterns, o: { compactTables?: boolean } = {}): string | undefined {
  if (!patterns.supported) return undefined
  try {
    return new Writer(patterns, o.compactTables ?? false).root(root)
  } catch (e) {
    if (e instanceof Unsupported) return undefined
    throw e
  }
}
