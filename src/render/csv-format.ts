/**
 * RFC 4180 writing: CRLF between records, fields quoted when they hold `"`, `,`, CR or LF, with
 * quotes doubled. Text cells are also defused against spreadsheet formula injection (OWASP:
 * a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` in front), while numbers the renderer
 * writes itself stay numbers, negative ones included.
 */

import { BIDI } from './safe-text.js'
import { truncate, truncationNote } from './text.js'

export type Cell = string | number | boolean | null

/** Excel refuses longer cells; longer text would be silently split across rows by some readers. */
export const MAX_CELL_CHARS = 32_000

const FORMULA_START = /^[=+\-@\t\r]/

export function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

// NUL and the bidi controls (`BIDI`, safe-text.ts), each replaced by U+FFFD: one pass for both.
const FFFD_IN_CELL = new RegExp(`[\\u0000${BIDI.source.slice(1)}`)
const FFFD_IN_CELL_ALL = new RegExp(FFFD_IN_CELL.source, 'g')

function cellText(c: Cell): string {
  if (c === null) return ''
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : ''
  if (typeof c === 'boolean') return c ? 'true' : 'false'
  // NUL breaks common CSV readers (Python's csv module refuses the line); bidi controls would
  // make a cell read differently in a spreadsheet from what it holds.
  let s = FFFD_IN_CELL.test(c) ? c.replace(FFFD_IN_CELL_ALL, '\ufffd') : c
  const t = truncate(s, MAX_CELL_CHARS)
  if (t.omitted) s = t.text + truncationNote(t.omitted)
  return defuse(s)
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A whole table: header row, then one record per row, each ending in CRLF. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return csvRecords([header, ...rows])
}

/** Records, each ending in CRLF: a table's text is its records' in order, so it can be written a few at a time. */
export function csvRecords(rows: Cell[][]): string {
  return rows.map((r) => r.map((c) => quote(cellText(c))).join(',') + '\r\n').join('')
}
