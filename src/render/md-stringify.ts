import type { Root, RootContent, Text } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify, { type Options } from 'remark-stringify'
import { unified } from 'unified'
import { spliceCode, tokenizeCode } from './md-code-splice.js'
import { Patterns, TableCellWriter, writeMarkdown, WRITTEN_STYLE } from './md-fast.js'
import type { UnsafePattern } from './md-fast-safe.js'

type Handle = NonNullable<NonNullable<Options['handlers']>['text']>
type State = Parameters<Handle>[2]

// Escaping one text node (`state.safe`) runs some forty unsafe-character patterns over it, and a
// full report has hundreds of thousands of text nodes, mostly the same labels (`Output:`, ` · `)
// in the same places. `safe` reads nothing but the value, the construct stack, the characters
// either side and the neighbours' node types (which unsafe patterns may name), so its result is
// cached on exactly those, per stringify call (one `state` each). The cache is looked up by the
// value first, a string the tree already holds, so no key is built per node.
interface Escaped {
  stack: string[]
  beforeType: string | undefined
  afterType: string | undefined
  before: string
  after: string
  out: string
}
const escapedByState = new WeakMap<State, Map<string, Escaped[]>>()

function sameStack(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function text(node: Text, parent: Parameters<Handle>[1], state: State, info: Parameters<Handle>[3]): string {
  const siblings = parent ? parent.children : []
  const index = state.indexStack[state.indexStack.length - 1]
  const beforeNode = siblings[index - 1]
  const afterNode = siblings[index + 1]
  let escaped = escapedByState.get(state)
  if (!escaped) {
    escaped = new Map()
    escapedByState.set(state, escaped)
  }
  let seen = escaped.get(node.value)
  if (!seen) {
    seen = []
    escaped.set(node.value, seen)
  }
  const beforeType = beforeNode?.type
  const afterType = afterNode?.type
  for (const e of seen)
    if (e.before === info.before && e.after === info.after && e.beforeType === beforeType && e.afterType === afterType && sameStack(e.stack, state.stack))
      return e.out
  const config = { ...info, beforeNode, afterNode }
  const out = state.safe.call(withUnsafeFor(state, info.before + node.value + info.after), node.value, config)
  seen.push({ stack: [...state.stack], beforeType, afterType, before: info.before, after: info.after, out })
  return out
}

type Unsafe = State['unsafe'][number]

// `safe` runs every unsafe pattern's expression over the text with its neighbours' characters.
// Each expression matches its pattern's one `character` and nothing else can add an escape, so
// a pattern whose character is nowhere in that string changes nothing; `safe` is handed the state
// with those left out.
interface UnsafeByCharacter {
  /** Patterns kept whatever the text: a character outside ASCII or longer than one. */
  always: Unsafe[]
  /** By ASCII code, the patterns of that character. */
  ascii: Unsafe[][]
  /** Which ASCII codes the text at hand holds: equal to `epoch` when seen. */
  seen: Uint32Array
  epoch: number
}
const unsafeByState = new WeakMap<State, UnsafeByCharacter>()

function unsafeByCharacter(state: State): UnsafeByCharacter {
  let grouped = unsafeByState.get(state)
  if (!grouped) {
    grouped = { always: [], ascii: Array.from({ length: 128 }, () => []), seen: new Uint32Array(128), epoch: 0 }
    for (const pattern of state.unsafe) {
      const code = pattern.character.charCodeAt(0)
      if (pattern.character.length === 1 && code < 128) grouped.ascii[code].push(pattern)
      else grouped.always.push(pattern)
    }
    unsafeByState.set(state, grouped)
  }
  return grouped
}

function withUnsafeFor(state: State, whole: string): State {
  const g = unsafeByCharacter(state)
  const epoch = ++g.epoch
  const unsafe = [...g.always]
  for (let i = 0; i < whole.length; i++) {
    const code = whole.charCodeAt(i)
    if (code < 128 && g.seen[code] !== epoch) {
      g.seen[code] = epoch
      for (const pattern of g.ascii[code]) unsafe.push(pattern)
    }
  }
  return Object.create(state, { unsafe: { value: unsafe } }) as State
}

type InlineCodeHandle = NonNullable<NonNullable<Options['handlers']>['inlineCode']>

interface ToMarkdownExtension {
  handlers?: Options['handlers']
  extensions?: ToMarkdownExtension[]
}

/** The `inlineCode` handler the extensions configure, the last one winning as remark configures them. */
function configuredInlineCode(extensions: readonly ToMarkdownExtension[]): InlineCodeHandle | undefined {
  let found: InlineCodeHandle | undefined
  for (const e of extensions) {
    found = configuredInlineCode(e.extensions ?? []) ?? found
    found = e.handlers?.inlineCode ?? found
  }
  return found
}

/**
 * Inline code (tool names, commands, paths, ids) is written once per value and place. The
 * handler remark-gfm configures reads the value, the state's unsafe patterns (the same all
 * through one stringify call) and whether a table cell is on the construct stack, nothing else;
 * its result is cached on those. Without such a handler (remark-gfm changed) nothing is cached.
 */
function cachedInlineCode(this: ReturnType<typeof unified>): void {
  const data = this.data()
  const extensions = (data.toMarkdownExtensions ?? []) as ToMarkdownExtension[]
  const handle = configuredInlineCode(extensions)
  if (!handle) return
  const byState = new WeakMap<State, Map<string, string>[]>()
  const inlineCode: InlineCodeHandle = (node, parent, state, info) => {
    let cache = byState.get(state)
    if (!cache) {
      cache = [new Map(), new Map()]
      byState.set(state, cache)
    }
    const byValue = cache[state.stack.includes('tableCell') ? 1 : 0]
    let out = byValue.get(node.value)
    if (out === undefined) {
      out = handle(node, parent, state, info)
      byValue.set(node.value, out)
    }
    return out
  }
  // remark asks `peek` for the first character of what follows a node, instead of writing it.
  const peek = (handle as { peek?: unknown }).peek
  if (peek) Object.assign(inlineCode, { peek })
  extensions.push({ handlers: { inlineCode } })
  this.data('toMarkdownExtensions', extensions)
}

/** How the report's Markdown is written. Tests stringify with these alone, remark's own handlers, to compare. */
export const MARKDOWN_STYLE: Options = { bullet: '-', emphasis: '_', strong: '*', fence: '`', listItemIndent: 'one', rule: '-' }

// Tables keep remark's column padding (readable as plain text too); cells are cut short by
// md-nodes, so one long value cannot bloat a whole table.
const processor = unified()
  .use(remarkGfm)
  .use(cachedInlineCode)
  .use(remarkStringify, { ...MARKDOWN_STYLE, handlers: { text } })

// Generated reference tables in the docs have long prose cells: padding every row to the longest
// would make the file's source unreadable for nothing.
const compactProcessor = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(cachedInlineCode)
  .use(remarkStringify, { ...MARKDOWN_STYLE, handlers: { text } })

let fastPatterns: Patterns | undefined

/**
 * The unsafe patterns remark escapes text against with the report's extensions, read off its
 * own state once, for the fast writer (md-fast.ts) to escape exactly the same characters.
 */
function unsafePatterns(): Patterns {
  if (!fastPatterns) {
    let found: readonly UnsafePattern[] = []
    const capture: Handle = (_node, _parent, state) => {
      found = state.unsafe
      return ''
    }
    unified()
      .use(remarkGfm)
      .use(remarkStringify, { ...MARKDOWN_STYLE, handlers: { text: capture } })
      .stringify({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: '' }] }] })
    fastPatterns = new Patterns(found)
  }
  return fastPatterns
}

/** The tree as remark writes it, through remark: the fast writer's fallback, and the tests' reference for it. */
export function toMarkdownWithRemark(root: Root, o: { compactTables?: boolean } = {}): string {
  const p = o.compactTables ? compactProcessor : processor
  // Code blocks are written outside remark (md-code-splice.ts), byte for byte as remark would.
  const tokenized = tokenizeCode(root)
  if (!tokenized.values.length) return p.stringify(root)
  return spliceCode(p.stringify(tokenized.root), tokenized) ?? p.stringify(root)
}

/**
 * Stringifies mdast nodes with GFM. Every Markdown the renderers produce goes through here. The
 * fast writer writes the node types the renderers build; a tree with anything else goes through
 * remark.
 */
export function toMarkdown(nodes: RootContent[] | Root, o: { compactTables?: boolean } = {}): string {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes
  return (FAST_STYLE ? writeMarkdown(root, unsafePatterns(), o) : undefined) ?? toMarkdownWithRemark(root, o)
}

/**
 * A writer of tables' cells as `toMarkdown` escapes them (md-paged-table.ts pads them itself), or
 * `undefined` when `toMarkdown` would not use the fast writer.
 */
export function tableCellWriter(): TableCellWriter | undefined {
  return FAST_STYLE ? new TableCellWriter(unsafePatterns()) : undefined
}

/** Whether the fast writer writes in the report's style (a test holds the two equal). */
export const FAST_STYLE = sameStyle(MARKDOWN_STYLE, WRITTEN_STYLE)

function sameStyle(a: Options, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k as keyof Options] === b[k])
}
