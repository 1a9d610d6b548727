import type { Nodes as Node } from 'mdast'

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

/** A level's nodes, or null as soon as their text is over `budget` (and its rendering would be too). */
function buildWithin(level: Level, budget: number): Node[] | null {
  const nodes: Node[] = []
  let text = 0
  for (const part of level.build()) {
    text += textLength(part)
    if (text > budget) return null
    for (const n of part) nodes.push(n)
  }
  return nodes
}
