import { describe, expect, it } from '@jest/globals'
import { csvRecords } from '../../src/render/csv-format.js'
import { escapeHtml, escapeLogText } from '../../src/render/html-escape.js'
import { truncate, truncationNote } from '../../src/render/text.js'

// The escaping as it was written before it ran in one pass, a pass per step: the oracle.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const neutralizeBidi = (s: string) => s.replace(BIDI, '\ufffd')
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const oldEscapeHtml = (t: string) => neutralizeBidi(t).replace(/[&<>"']/g, (c) => ESCAPES[c])
// eslint-disable-next-line no-control-regex
const oldCleanText = (t: string) => t.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\uFFFD')
const MARKER = /\[REDACTED:([A-Za-z0-9_.-]{1,64})((?::[0-9a-f]{10}|#[0-9]{1,9})?)\]/g
const oldEscapeLogText = (t: string) =>
  oldEscapeHtml(oldCleanText(t)).replace(MARKER, '<span class="redacted" title="removed by redaction rule $1">[REDACTED:$1$2]</span>')
const oldCell = (c: string) => {
  let s = neutralizeBidi(c.replaceAll('\u0000', '\ufffd'))
  const t = truncate(s, 32_000)
  if (t.omitted) s = t.text + truncationNote(t.omitted)
  s = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

// Pieces the steps act on, and pieces that make or break a sequence or marker when joined.
const PIECES = [
  '\x1b',
  '\x1b[',
  '\x1b[0m',
  '\x1b[31;1m',
  '\x1b[?25h',
  '\x1b[ q',
  '[',
  'm',
  '0',
  ';',
  '?',
  ' ',
  '~',
  '@',
  '\x00',
  '\x07',
  '\x08',
  '\t',
  '\n',
  '\x0b',
  '\x0c',
  '\r',
  '\x0e',
  '\x1f',
  '\x7f',
  '\x80',
  '\x9f',
  '&',
  '<',
  '>',
  '"',
  "'",
  '&amp;',
  '</script>',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200d',
  '\ufffd',
  '[REDACTED:',
  '[REDACTED:email]',
  '[REDACTED:email#3]',
  '[REDACTED:home-path:0123456789]',
  ']',
  ':',
  '#12',
  'REDACTED',
  '=',
  '+',
  '-',
  ',',
  'plain text',
  'é',
  '😀',
  '\ud800',
  ''
]

function randomTexts(n: number, seed = 1): string[] {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    let s = ''
    const parts = next() % 12
    for (let k = 0; k < parts; k++) s += PIECES[next() % PIECES.length]
    out.push(s)
  }
  return out
}

describe('HTML and CSV escaping in one pass', () => {
  const texts = randomTexts(20_000)

  it('escapeHtml equals bidi neutralizing then entity escaping', () => {
    for (const t of texts) expect(escapeHtml(t)).toBe(oldEscapeHtml(t))
  })

  it('escapeLogText equals cleaning, escaping and marking in turn, markers made by removing a sequence included', () => {
    expect(escapeLogText('[REDACTED\x1b[0m:email]')).toBe(oldEscapeLogText('[REDACTED\x1b[0m:email]'))
    expect(escapeLogText('[REDACTED\x1b[0m:email]')).toContain('<span class="redacted"')
    for (const t of texts) expect(escapeLogText(t)).toBe(oldEscapeLogText(t))
  })

  it('a CSV cell equals NUL then bidi replaced, truncated, defused and quoted in turn', () => {
    for (const t of texts) expect(csvRecords([[t]])).toBe(oldCell(t) + '\r\n')
  })
})
