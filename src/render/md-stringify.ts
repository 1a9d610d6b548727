import type { Root, RootContent } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import { unified } from 'unified'

// Tables keep remark's column padding (readable as plain text too); cells are cut short by
// md-nodes, so one long value cannot bloat a whole table.
const processor = unified()
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', fence: '`', listItemIndent: 'one', rule: '-' })

/** Stringifies mdast nodes with GFM. Every Markdown the renderers produce goes through here. */
export function toMarkdown(nodes: RootContent[] | Root): string {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes
  return processor.stringify(root)
}
