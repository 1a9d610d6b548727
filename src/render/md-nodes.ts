import type {
  AlignType,
  BlockContent,
  Code,
  Emphasis,
  Heading,
  Html,
  InlineCode,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Strong,
  Table,
  TableCell,
  Text
} from 'mdast'
import { oneLine, safeCode, safeText } from './safe-text.js'
import { formatInt, plural, truncate, truncationNote } from './text.js'

/**
 * mdast builders. The rule they enforce: log text only ever lands in `text`, `inlineCode` and
 * `code` nodes, cleaned by safe-text; `html` nodes carry nothing but the fixed `<details>`
 * strings below.
 */

const CELL_CHARS = 120

/** Text that came from a log (or any user input): neutralized, never trusted. */
export function logText(s: string): Text {
  return { type: 'text', value: safeText(s) }
}

/** Log text for a single line: a table cell, a heading, a list line. */
export function logLine(s: string): Text {
  return { type: 'text', value: safeText(oneLine(s)) }
}

/** Log text for a table cell: one line, cut with an ellipsis so one value cannot widen a table without bound. */
export function logCell(s: string, max = CELL_CHARS): Text {
  const t = truncate(oneLine(s), max)
  return { type: 'text', value: safeText(t.omitted ? t.text + '…' : t.text) }
}

/** The renderer's own wording (labels, numbers). */
export function label(s: string): Text {
  return { type: 'text', value: s }
}

export function inlineCode(s: string, max = CELL_CHARS * 2): InlineCode {
  const t = truncate(oneLine(s), max)
  return { type: 'inlineCode', value: t.omitted ? t.text + '…' : t.text }
}

/** remark-stringify picks a fence longer than any backtick run inside, so content cannot close it. */
export function codeBlock(s: string, lang: string | null = null): Code {
  return { type: 'code', lang, meta: null, value: safeCode(s) }
}

export function strong(...children: PhrasingContent[]): Strong {
  return { type: 'strong', children }
}

export function emphasis(...children: PhrasingContent[]): Emphasis {
  return { type: 'emphasis', children }
}

export function paragraph(...children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children }
}

export function heading(depth: 1 | 2 | 3 | 4 | 5 | 6, ...children: PhrasingContent[]): Heading {
  return { type: 'heading', depth, children }
}

export function listItem(...children: BlockContent[]): ListItem {
  // A loose item: GitHub only renders Markdown inside <details> with blank lines around it.
  const spread = children.some((c) => c.type === 'html')
  return { type: 'listItem', spread, children }
}

export function list(items: ListItem[], ordered = false, start?: number): List {
  return { type: 'list', ordered, start: ordered ? (start ?? 1) : undefined, spread: items.some((i) => i.spread), children: items }
}

/** Phrasing pieces joined by a separator, e.g. `a`, `b` and `c` with ', '. */
export function joined(parts: PhrasingContent[][], separator: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  parts.forEach((p, i) => {
    if (i > 0) out.push(label(separator))
    out.push(...p)
  })
  return out
}

export interface Column {
  title: string
  align?: AlignType
}

export function table(columns: Column[], rows: PhrasingContent[][][]): Table {
  const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children })
  return {
    type: 'table',
    align: columns.map((c) => c.align ?? null),
    children: [
      { type: 'tableRow', children: columns.map((c) => cell([label(c.title)])) },
      ...rows.map((r) => ({ type: 'tableRow' as const, children: r.map(cell) }))
    ]
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c])
}

export const DETAILS_CLOSE = '</details>'

export function detailsOpen(summary: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>`
}

/** Matches exactly the html nodes this module emits (tests use it to tell ours from injected ones). */
export const OWN_HTML = /^(<details><summary>[^<>]*<\/summary>|<\/details>)$/

/**
 * A collapsed block. The summary is the renderer's own wording only (it goes into an `html`
 * node); it is HTML-escaped all the same.
 */
export function details(summary: string, children: BlockContent[]): BlockContent[] {
  const open: Html = { type: 'html', value: detailsOpen(summary) }
  const close: Html = { type: 'html', value: DETAILS_CLOSE }
  return [open, ...children, close]
}

export interface TextOptions {
  /** Longest field shown; the rest is cut with a visible note. */
  maxFieldChars: number
  /** Fields longer than this (or with more than DETAILS_LINES lines) are collapsed. */
  detailsOver: number
}

export const TEXT_DEFAULTS: TextOptions = { maxFieldChars: 4000, detailsOver: 400 }

const DETAILS_LINES = 12

/** A cut-off note as its own paragraph, outside any code block so it cannot be mistaken for log text. */
function truncatedNote(omitted: number): Paragraph {
  return paragraph(emphasis(label(truncationNote(omitted))))
}

/**
 * A long log field as a code block, collapsed under `summary` when long, truncated with a
 * visible note past `maxFieldChars`.
 */
export function fieldBlock(summary: string, value: string, o: TextOptions): BlockContent[] {
  const t = truncate(value, o.maxFieldChars)
  const body: BlockContent[] = [codeBlock(t.text)]
  if (t.omitted) body.push(truncatedNote(t.omitted))
  const lines = lineCount(value)
  if (value.length > o.detailsOver || lines > DETAILS_LINES) {
    const size = lines > 1 ? `${formatInt(lines)} lines, ${plural(value.length, 'character')}` : plural(value.length, 'character')
    return details(`${summary} (${size})`, body)
  }
  return [paragraph(label(`${summary}:`)), ...body]
}

function lineCount(value: string): number {
  let n = 1
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) n++
  return n
}

const LEADING_SPACE = /^\s*/
const LINE_BREAK = /[\r\n]/
// What `oneLine` keeps: anything but whitespace, and the two whitespace characters (\v, \f)
// that `cleanControls` turns into visible symbols.
const SHOWN = /[\S\v\f]/

function previewSpan(value: string): { start: number; end: number } {
  const start = LEADING_SPACE.exec(value)![0].length
  const lineEnd = value.slice(start).search(LINE_BREAK)
  return { start, end: lineEnd < 0 ? value.length : start + lineEnd }
}

/** The part of a value its preview is made of: the first line, from its first character that is not space. */
export function previewLine(value: string): string {
  const { start, end } = previewSpan(value)
  return value.slice(start, end)
}

/**
 * A one-line preview: the first line, cut at `max` with an ellipsis. `cut` says whether
 * `oneLine(value)` holds more than the preview's line, found without cleaning the whole value
 * (fields can be megabytes): it does exactly when the leading space or the rest after the first
 * line has anything `oneLine` keeps.
 */
export function preview(value: string, max: number): { text: string; cut: boolean } {
  const { start, end } = previewSpan(value)
  const line = oneLine(value.slice(start, end))
  const t = truncate(line, max)
  const cut = t.omitted > 0 || SHOWN.test(value.slice(0, start)) || SHOWN.test(value.slice(end))
  return { text: t.omitted ? t.text + '…' : t.text, cut }
}
