import type { Root, RootContent, Text } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify, { type Options } from 'remark-stringify'
import { unified } from 'unified'

type Handle = NonNullable<NonNullable<Options['handlers']>['text']>
type State = Parameters<Handle>[2]

// Escaping one text node (`state.safe`) runs some forty unsafe-character patterns over it, and a
// full report has hundreds of thousands of text nodes, mostly the same labels (`Output:`, ` · `)
// in the same places. `safe` reads nothing but the value, the construct stack, the characters
// either side and the neighbours' node types (which unsafe patterns may name), so its result is
// cached on exactly those, per stringify call (one `state` each).
const escapedByState = new WeakMap<State, Map<string, Map<string, string>>>()

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
  // `before`'s length keeps the key unambiguous whatever characters surround the node.
  const context = [state.stack.join(' '), beforeNode?.type ?? '', afterNode?.type ?? '', info.before.length, info.before + info.after].join('\0')
  let byValue = escaped.get(context)
  if (!byValue) {
    byValue = new Map()
    escaped.set(context, byValue)
  }
  let out = byValue.get(node.value)
  if (out === undefined) {
    out = state.safe(node.value, { ...info, beforeNode, afterNode })
    byValue.set(node.value, out)
  }
  return out
}

/** How the report's Markdown is written. Tests stringify with these alone, remark's own handlers, to compare. */
export const MARKDOWN_STYLE: Options = { bullet: '-', emphasis: '_', strong: '*', fence: '`', listItemIndent: 'one', rule: '-' }

// Tables keep remark's column padding (readable as plain text too); cells are cut short by
// md-nodes, so one long value cannot bloat a whole table.
const processor = unified()
  .use(remarkGfm)
  .use(remarkStringify, { ...MARKDOWN_STYLE, handlers: { text } })

// Generated reference tables in the docs have long prose cells: padding every row to the longest
// would make the file's source unreadable for nothing.
const compactProcessor = unified()
  .use(remarkGfm, { tablePipeAlign: false })
  .use(remarkStringify, { ...MARKDOWN_STYLE, handlers: { text } })

/** Stringifies mdast nodes with GFM. Every Markdown the renderers produce goes through here. */
export function toMarkdown(nodes: RootContent[] | Root, o: { compactTables?: boolean } = {}): string {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes
  return (o.compactTables ? compactProcessor : processor).stringify(root)
}
