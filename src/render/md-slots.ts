import type { PhrasingContent, RootContent } from 'mdast'
import type { SessionReport } from '../select/report.js'
import { idPageCut, sessionPages, type SessionList } from '../select/session-list.js'
import { pagedTableText, type TableOf } from './md-paged-table.js'
import { toMarkdown } from './md-stringify.js'
import type { Part } from './region.js'

/**
 * A part of the Markdown report that grows with its sessions: the sessions table, the per-session
 * usage table, the prompts of each session. As nodes it is part of the whole tree
 * (`markdownTree`); as text it is written a unit at a time (`markdownChunks`), each unit's text
 * being what the whole tree's stringification holds in its place.
 */
export interface MarkdownSlot {
  type: 'slot'
  nodes(): RootContent[]
  /**
   * The slot's text a unit at a time (a page of table rows, a session's prompts), to be
   * concatenated as they are: without the line break that ends a document.
   */
  texts(): Iterable<string | Part<string>>
}

export type MarkdownPart = RootContent | MarkdownSlot

/** Rows of a table per stringification: few enough to hold, many enough to keep remark's overhead per call small. */
export const TABLE_PAGE = 1_000

/**
 * Texts of the tables of sessions written whole in this process, by the list they were written
 * from and their `key`: the job summary's candidate, the report in summary mode, holds report.md's
 * sessions table, written from the same list a moment before.
 */
const writtenTables = new WeakMap<SessionList, Map<string, string[]>>()

/** Longest table text kept for another rendering of the same list (the sessions table of a thousand sessions or so). */
export const KEPT_TABLE_TEXT = 512 << 10

/**
 * A table with a row per session, written a page of rows at a time (at most `pageRows`). With a
 * `key` naming all that `tableOf` and `rowOf` read besides the sessions (the same key for the
 * same table of the same list), the table of a list that is not an array (an array could change
 * between renderings) is written once per list and its chunks given again to the next rendering.
 */
export function sessionTableSlot(
  sessions: SessionList,
  tableOf: TableOf,
  rowOf: (s: SessionReport) => PhrasingContent[][],
  pageRows = TABLE_PAGE,
  key?: string
): MarkdownSlot {
  // Pages cut by the sessions' ids as well: a page not holding a changed session's row is the same text, known to the last check's memo.
  const pages = () => sessionPages(sessions, pageRows, rowOf, idPageCut)
  const memoKey = key === undefined || Array.isArray(sessions) ? undefined : `${key}\0${pageRows}`
  return {
    type: 'slot',
    nodes: () => [tableOf(Array.from(sessions, rowOf))],
    *texts() {
      if (memoKey === undefined) return yield* pagedTableText(tableOf, pages)
      const known = writtenTables.get(sessions)?.get(memoKey)
      if (known) return yield* known
      const chunks: string[] = []
      let chars = 0
      let keep = true
      for (const chunk of pagedTableText(tableOf, pages)) {
        chars += chunk.length
        keep &&= chars <= KEPT_TABLE_TEXT
        if (keep) chunks.push(chunk)
        else chunks.length = 0
        yield chunk
      }
      if (!keep) return
      let byKey = writtenTables.get(sessions)
      if (!byKey) writtenTables.set(sessions, (byKey = new Map()))
      byKey.set(memoKey, chunks)
    }
  }
}

/** Blocks in groups (a session's prompts), each group stringified alone. */
export function groupsSlot(groups: () => Iterable<RootContent[]>): MarkdownSlot {
  return {
    type: 'slot',
    nodes: () => [...groups()].flat(),
    *texts() {
      // Between top-level blocks remark writes one blank line (join.js: only indented code and
      // list items join otherwise; the report's code is fenced), and a group starts afresh
      // with a heading.
      let first = true
      for (const g of groups()) {
        yield (first ? '' : '\n\n') + toMarkdown(g).slice(0, -1)
        first = false
      }
    }
  }
}

export function isSlot(part: MarkdownPart): part is MarkdownSlot {
  return part.type === 'slot'
}
