import type { AlignType, PhrasingContent, Table } from 'mdast'
import { delimiterRow, measureCells, tableLine } from './md-fast.js'
import { tableCellWriter, toMarkdown } from './md-stringify.js'

/** A table's rows a page at a time; called once per pass, so it must give the same rows each time. */
export type RowPages = () => Iterable<PhrasingContent[][][]>

/** A table's header row, its columns' alignment, and how to build it around some rows (`table` in md-nodes). */
export type TableOf = (rows: PhrasingContent[][][]) => Table

/**
 * Characters of escaped cells held from the first pass to the second, each cell counted with
 * `CELL_OVERHEAD` more for the string and its slot. A table under it (the tables of a thousand
 * sessions or so) has each row's cells escaped once; the pages of a larger one past it
 * are escaped again in the second pass, as all were before, so its memory stays a page's.
 */
export const KEPT_TABLE_CHARS = 512 << 10
const CELL_OVERHEAD = 32

/**
 * A GFM table's text a page of rows at a time, byte for byte the text of the whole table as
 * `toMarkdown` writes it, without its trailing line break; the chunks are the same as the pages
 * (the last check's memo knows a page by its text).
 *
 * remark pads every column to the widest cell of the whole table, so no page's line can be
 * written before every page's cells are known. The first pass escapes each page's cells as the
 * fast writer does (md-fast.ts `tableCells`) and widens the columns to them; the second writes
 * each line with markdown-table's padding rules (`tableLine`, the same code the writer pads a
 * whole table with) from the cells kept, or escaped again past `keepChars`. A cell is one line
 * (remark writes a line break in a cell as a character reference), so rows are lines. When the
 * fast writer would not write the table (a node it does not know), each page is stringified
 * through `toMarkdown` twice (`remarkPagedTableText`).
 */
export function* pagedTableText(tableOf: TableOf, pages: RowPages, keepChars = KEPT_TABLE_CHARS): Generator<string> {
  const writer = tableCellWriter()
  if (!writer) return yield* remarkPagedTableText(tableOf, pages)
  const longest: number[] = []
  let mostCells = 0
  let header: string[] | undefined
  let align: readonly (AlignType | null | undefined)[] = []
  // Each page's body rows' cells, or undefined for a page not kept (escaped again in the second pass).
  const kept: (string[][] | undefined)[] = []
  let keptChars = 0
  for (const rows of pages()) {
    const node = tableOf(rows)
    const matrix = writer.cells(node)
    if (!matrix) return yield* remarkPagedTableText(tableOf, pages)
    if (header === undefined) {
      header = matrix[0] ?? []
      align = node.align ?? []
    }
    let chars = 0
    for (let r = 1; r < matrix.length; r++) {
      const row = matrix[r]
      mostCells = Math.max(mostCells, measureCells(row, longest))
      for (const cell of row) chars += cell.length + CELL_OVERHEAD
    }
    if (keptChars + chars <= keepChars) {
      kept.push(matrix.slice(1))
      keptChars += chars
    } else kept.push(undefined)
  }
  if (header === undefined) return
  // The header is filled out to the columns as the writer's `table` does for the whole table.
  const columns = align.length || Math.max(mostCells, header.length)
  while (header.length < columns) header.push('')
  mostCells = Math.max(mostCells, measureCells(header, longest))
  const { delimiter, alignments } = delimiterRow(align, mostCells, longest, true)
  const headerCells = Math.max(1, header.length)
  const head = tableLine(header, headerCells, longest, alignments, true) + '\n' + tableLine(delimiter, headerCells, longest, alignments, true)
  const lines = (rows: readonly string[][]) => rows.map((row) => tableLine(row, Math.max(1, row.length), longest, alignments, true)).join('\n')
  const again = kept.includes(undefined) ? pages()[Symbol.iterator]() : undefined
  for (let i = 0; i < kept.length; i++) {
    const rows = again ? again.next().value : undefined
    const cells = kept[i] ?? writer.cells(tableOf(rows ?? []))!.slice(1)
    if (i === 0) yield cells.length ? head + '\n' + lines(cells) : head
    else if (cells.length) yield '\n' + lines(cells)
  }
}

/**
 * `pagedTableText` through `toMarkdown`, each page stringified twice. The first pass stringifies
 * each page and reads its columns' widths off the delimiter row, which is exactly as wide as the
 * widest cell of its column (and never narrower than its alignment colons need). The second
 * stringifies each page with one more row whose cells are that many `x`, which gives the page the
 * whole table's widths, and keeps only the page's own rows (the header and delimiter rows once).
 * A table of one page is written as the first pass stringified it.
 */
export function* remarkPagedTableText(tableOf: TableOf, pages: RowPages): Generator<string> {
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
