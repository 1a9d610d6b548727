import { jsonForScript } from '../../render/html-escape.js'
import type { EngineOptions, Finding } from '../types.js'
import { lateRedactJsonValue } from './json.js'
import { lateRedactText, type LateTextResult } from './text.js'

/**
 * A JSON document checked through its decoded strings, so the result is the same document with
 * markers in its values; it is re-serialized only when something was found, in the original's
 * indentation and with its trailing newline.
 */
export function lateRedactJson(text: string, opts: EngineOptions): LateTextResult {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return lateRedactText(text, 'plain', opts)
  }
  const r = lateRedactJsonValue(parsed, opts)
  if (r.findings.length === 0) return { text, findings: [] }
  const indent = /^[[{]\r?\n( +)/.exec(text)?.[1].length ?? 0
  const newline = /\n$/.test(text) ? '\n' : ''
  return { text: JSON.stringify(r.value, null, indent) + newline, findings: r.findings }
}

/** A cell as written (`start`, `end`) and its value with the RFC 4180 quoting undone. */
interface CsvCell {
  start: number
  end: number
  value: string
}

/** Where the cell that reaches `from` ends: the next separator or line end, else the text's end. */
function cellEnd(text: string, from: number): number {
  SEPARATOR.lastIndex = from
  return SEPARATOR.exec(text)?.index ?? text.length
}
const SEPARATOR = /[,\r\n]/g

function* csvCells(text: string): Generator<CsvCell> {
  let i = 0
  while (i < text.length) {
    const start = i
    let value: string
    if (text[i] === '"') {
      let v = ''
      i++
      for (;;) {
        const q = text.indexOf('"', i)
        if (q === -1) {
          v += text.slice(i)
          i = text.length
          break
        }
        v += text.slice(i, q)
        if (text[q + 1] === '"') {
          v += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      value = v
      // Anything after a closing quote up to the separator belongs to the cell (a lenient reader's view).
      const to = cellEnd(text, i)
      value += text.slice(i, to)
      i = to
    } else {
      i = cellEnd(text, i)
      value = text.slice(start, i)
    }
    yield { start, end: i, value }
    if (text[i] === ',') i++
    else if (text[i] === '\r' && text[i + 1] === '\n') i += 2
    else if (text[i] === '\r' || text[i] === '\n') i++
  }
}

function quoteCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Values the renderer writes itself (numbers, booleans, empty cells) hold nothing to find. */
const INERT = /^(?:-?\d+(?:\.\d+)?|true|false|)$/

/**
 * A CSV file checked cell by cell through the decoded values, so no marker can end or open a
 * quoted field; a changed cell is quoted again by the renderer's rule.
 */
export function lateRedactCsv(text: string, opts: EngineOptions): LateTextResult {
  const findings: Finding[] = []
  let out = ''
  let pos = 0
  for (const cell of csvCells(text)) {
    if (INERT.test(cell.value)) continue
    // A cell is checked as the JSON report's string of the same field is (a JSON text through its
    // values), so the two share the per-job memo.
    const r = lateRedactJsonValue(cell.value, opts)
    if (r.findings.length === 0) continue
    for (const f of r.findings) findings.push({ detector: f.detector, start: cell.start, end: cell.end })
    out += text.slice(pos, cell.start) + quoteCell(r.value as string)
    pos = cell.end
  }
  if (findings.length === 0) return { text, findings }
  return { text: out + text.slice(pos), findings }
}

const JSON_SCRIPT = /(<script type="application\/json"[^>]*>)([\s\S]*?)(<\/script>)/g

/**
 * An HTML page: its text and markup as text (entities decoded for the detectors), and each
 * `<script type="application/json">` block through its decoded values, written back with the
 * escapes that keep it from ending the block. Scanning such a block as text would glue a `\n`
 * escape to the next word.
 */
export function lateRedactHtml(html: string, opts: EngineOptions): LateTextResult {
  const findings: Finding[] = []
  let out = ''
  let pos = 0
  const text = (from: number, to: number) => {
    const r = lateRedactText(html.slice(from, to), 'html', opts)
    for (const f of r.findings) findings.push({ detector: f.detector, start: f.start + from, end: f.end + from })
    out += r.text
  }
  JSON_SCRIPT.lastIndex = 0
  for (let m = JSON_SCRIPT.exec(html); m; m = JSON_SCRIPT.exec(html)) {
    const bodyStart = m.index + m[1].length
    text(pos, bodyStart)
    const body = m[2]
    const r = lateRedactScriptJson(body, opts)
    if (r) {
      for (const f of r.findings) findings.push({ detector: f.detector, start: bodyStart, end: bodyStart + body.length })
      out += r.text
      pos = bodyStart + body.length
    } else pos = bodyStart
  }
  text(pos, html.length)
  return findings.length ? { text: out, findings } : { text: html, findings }
}

/**
 * The text of a `<script type="application/json">` element (or a value of its array, as the HTML
 * report writes its search data a value at a time) through its decoded values, written back with
 * the escapes that keep it from ending the element; undefined when it is not JSON.
 */
export function lateRedactScriptJson(body: string, opts: EngineOptions): LateTextResult | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  const r = lateRedactJsonValue(parsed, opts)
  return r.findings.length ? { text: jsonForScript(r.value), findings: r.findings } : { text: body, findings: [] }
}
