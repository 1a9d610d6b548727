import type { PhrasingContent, Table } from 'mdast'
import { toMarkdown } from './md-stringify.js'

/** A table's rows a page at a time; called once per pass, so it must give the same rows each time. */
export type RowPages = () => Iterable<PhrasingContent[][][]>

/** A table's header row, its columns' alignment, and how to build it around some rows (`table` in md-nodes). */
export type TableOf = (rows: PhrasingContent[][][]) => Table

/**
 * A GFM table's text a page of rows at a time, byte for byte the text of the whole table as
 * `toMarkdown` writes it, without its trailing line break.
 *
 * remark pads every column to the widest cell of the whole table, so a page stringified alone
 * is padded to its own widest cells. The first pass stringifies each page and reads its columns'
 * widths off the delimiter row, which is exactly as wide as the widest cell of its column
 * (and never narrower than its alignment colons need). The second stringifies each page with one
 * more row whose cells are that many `x`, which gives the page the whole table's widths, and
 * keeps only the page's own rows (the header and delimiter rows once). A cell is one line
 * (remark writes a line break in a cell as a character reference), so rows are lines. A table
 * of one page is written as the first pass stringified it.
 */
export function* pagedTableText(tableOf: TableOf, pages: RowPages): Generator<string> {
  const widths: number[] = []
  // A table of one page is padded to its own widths, the whole table's: the first pass's text is
  // the table's, and a second stringification of the same rows would write the same bytes.
  let only: string | undefined
  let count = 0
  for (const rows of pages()) {
    const text = toMarkdown([tableOf(rows)])
    only = count++ === 0 ? text : undefined
    const start = text.indexOf('\n') + 1
    const delimiter = text.slice(start, text.indexOf('\n', start))
    delimiter
      .split('|')
      .slice(1, -1)
      .forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.trim().length)))
  }
  if (only !== undefined) {
    yield only.slice(0, -1)
    return
  }
  let first = true
  for (const rows of pages()) {
    if (!first && rows.length === 0) continue
    const sized = tableOf([...rows, widths.map((w) => [{ type: 'text', value: 'x'.repeat(w) }])])
    const text = toMarkdown([sized])
    // The header and delimiter rows, then the page's rows; the last line is the sizing row.
    const body = first ? 0 : text.indexOf('\n', text.indexOf('\n') + 1) + 1
    const end = text.lastIndexOf('\n', text.length - 2)
    const lines = text.slice(body, end)
    if (lines) yield (first ? '' : '\n') + lines
    first = false
  }
}
