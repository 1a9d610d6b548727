import type { Nodes as Node, Table } from 'mdast'

/**
 * The characters of text a tree holds: Markdown keeps every one of them and adds syntax and
 * escapes, so a level whose text alone is over the budget cannot fit.
 */
export function textLength(nodes: readonly Node[]): number {
  let n = 0
  const stack: Node[] = [...nodes]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('value' in node && typeof node.value === 'string') n += node.value.length
    // One push per child: spreading the children of a very long list overflows the call stack.
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) stack.push(child)
  }
  return n
}

/**
 * Characters the Markdown of a tree holds at least: its text (`textLength`) and the least syntax
 * each construct is written with in the report's style (md-stringify.ts): the delimiters of
 * strong and emphasis text, inline code and links (a link's target too, unless it is written as
 * its own text), list markers, a table's pipes and delimiter row, headings' hashes, the line
 * breaks between blocks. Escapes and padding only add to it, so a tree over a budget by this
 * count is over it rendered: a level can be given up without stringifying it.
 */
export function markdownLength(nodes: readonly Node[]): number {
  let n = 0
  const stack: Node[] = [...nodes]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'table') {
      n += tableLength(node)
      continue
    }
    n += syntaxLength(node)
    if ('value' in node && typeof node.value === 'string') n += node.value.length
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) stack.push(child)
  }
  return n
}

/** The least syntax a node adds around its text and children's (see `markdownLength`). */
function syntaxLength(node: Node): number {
  switch (node.type) {
    case 'strong':
      return 4
    case 'emphasis':
    case 'inlineCode':
    case 'delete':
      return 2
    case 'link': {
      const only = node.children.length === 1 && node.children[0].type === 'text' ? node.children[0].value : undefined
      // Written `<url>` when its text is its target; otherwise `[text](url)`.
      return only !== undefined && (only === node.url || `mailto:${only}` === node.url) ? 2 : 4 + node.url.length
    }
    case 'heading':
      return node.depth + 1
    case 'listItem':
      return 2 + Math.max(0, node.children.length - 1)
    case 'list':
    case 'root':
    case 'blockquote':
      return Math.max(0, node.children.length - 1)
    case 'code':
      return 6
    case 'thematicBreak':
      return 3
    default:
      return 0
  }
}

/**
 * A table's least Markdown: remark pads every cell to its column's longest (in UTF-16 units, the
 * comment's style), the delimiter row included, so each of its lines holds each column's longest
 * cell, plus `| ` before each cell, a space after it, a closing pipe and a line break.
 */
function tableLength(table: Table): number {
  const widths: number[] = []
  for (const row of table.children)
    row.children.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 1, markdownLength(cell.children))
    })
  const line = widths.reduce((a, w) => a + w + 3, 1)
  return (table.children.length + 1) * line + table.children.length
}

/** One way to lay a comment out, and what it leaves out compared with the fullest. */
export interface Level {
  /** The level's nodes, a piece at a time: building stops once the text is over the budget. */
  build: () => Iterable<Node[]>
  /** Characters of text the level holds at least, known without building it. */
  lowerBound?: number
  /** What this level drops, for the note that says so; empty for the fullest. */
  dropped: string
}

export interface Fitted {
  body: string
  /** Which level was used: 0 is the fullest. */
  level: number
}

/**
 * The first level (fullest first) whose rendering fits the budget. Each level only removes
 * detail from the one before, and its size grows with the sessions, so adding sessions can only
 * move the choice to a later level: more sessions never show more detail. The last level is
 * used whatever its size (it is built to be small).
 */
export function fitLevels(levels: readonly Level[], budget: number, render: (nodes: Node[]) => string, overhead = 0): Fitted {
  for (let level = 0; level < levels.length - 1; level++) {
    // Building and stringifying a level that cannot fit is most of a big report's comment time.
    if (overhead + (levels[level].lowerBound ?? 0) > budget) continue
    const nodes = buildWithin(levels[level], budget - overhead)
    if (!nodes) continue
    const body = render(nodes)
    if (body.length <= budget) return { body, level }
  }
  return { body: render(buildWithin(levels[levels.length - 1], Infinity) ?? []), level: levels.length - 1 }
}

/**
 * A level's nodes, or null as soon as their Markdown is over `budget` by its least length
 * (`markdownLength`; and so its rendering would be too). Parts are whole blocks, so the line
 * breaks between parts are left out of the count.
 */
function buildWithin(level: Level, budget: number): Node[] | null {
  const nodes: Node[] = []
  let least = 0
  for (const part of level.build()) {
    least += markdownLength(part)
    if (least > budget) return null
    for (const n of part) nodes.push(n)
  }
  return nodes
}
