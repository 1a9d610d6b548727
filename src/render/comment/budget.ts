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
    // One push per child: spreading a list of a hundred thousand items overflows the call stack.
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) stack.push(child)
  }
  return n
}

/** One way to lay a comment out, and what it leaves out compared with the fullest. */
export interface Level {
  build: () => Node[]
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
    const nodes = levels[level].build()
    if (overhead + textLength(nodes) > budget) continue
    const body = render(nodes)
    if (body.length <= budget) return { body, level }
  }
  return { body: render(levels[levels.length - 1].build()), level: levels.length - 1 }
}
