/*
 * What a reader of a published file sees, as a string the detectors can scan, with the way back
 * to the file's own offsets. Renderers make text safe for its format (HTML entities, Markdown
 * backslash escapes, a zero-width joiner after `@` so an e-mail is no autolink), and each of those
 * would hide a value from a detector that scans the bytes as written.
 */

export type TextSyntax = 'markdown' | 'html' | 'plain'

export interface NormalizedView {
  text: string
  /** The smallest range of the original text that holds view range `[start, end)`. */
  toOriginal(start: number, end: number): [number, number]
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

// Invisible characters carry no meaning a reader sees, so they are dropped from the view.
const INVISIBLE = '\\u200b|\\u200c|\\u200d|\\u2060|\\ufeff'
const ENTITY = '&(?:[a-z]{2,6}|#[0-9]{1,7}|#x[0-9a-f]{1,6});'
const MD_ESCAPE = '\\\\[!-/:-@[-`{-~]'
// A tag is markup, not text: a reader sees none of it, so it must not read as the value after
// `--token `. It becomes a blank line (no detector reads across one, and wrapped lines are never
// glued over it), and a finding that touches it covers all of it, so a replacement can keep it whole.
const TAG = '<[^<>]*>'
// A redaction badge (`<span class="redacted" …>[REDACTED:x]</span>`) reads as its marker, inline:
// a reader sees `TOKEN=[REDACTED:x]`, not a value on a line of its own.
const BADGE = '<span class="redacted"[^<>]*>\\[REDACTED:[^\\]<>]{1,80}\\]</span>'
const TAG_VIEW = '\n\n'
// Adjacent lines of a rendered file are separate fields (a branch, then a repository URL): each
// line break reads as a blank line, so the engine never glues two of them into one token.
const NEWLINE = '\n'

const UNITS: Record<TextSyntax, RegExp> = {
  plain: new RegExp(`${INVISIBLE}|${NEWLINE}`, 'gu'),
  html: new RegExp(`${INVISIBLE}|${ENTITY}|${BADGE}|${TAG}|${NEWLINE}`, 'giu'),
  markdown: new RegExp(`${INVISIBLE}|${ENTITY}|${MD_ESCAPE}|${NEWLINE}`, 'giu')
}

function decodeUnit(unit: string): string {
  if (unit === '\n') return '\n\n'
  if (unit.length === 1) return ''
  if (unit.startsWith('<span class="redacted"')) return unit.slice(unit.indexOf('>') + 1, -'</span>'.length)
  if (unit[0] === '<') return TAG_VIEW
  if (unit[0] === '\\') return unit[1]
  const body = unit.slice(1, -1).toLowerCase()
  if (body[0] !== '#') return NAMED[body] ?? unit
  const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : unit
}

/**
 * The view of `text` in its syntax. Decoded units are recorded sparsely (one entry per entity,
 * escape or dropped character), so a report of a hundred megabytes needs no per-character map.
 */
export function normalizedView(text: string, syntax: TextSyntax): NormalizedView {
  const re = UNITS[syntax]
  re.lastIndex = 0
  // Per unit: where its output starts in the view, how long that output is, where it was in the original, how long.
  const vPos: number[] = []
  const vLen: number[] = []
  const oPos: number[] = []
  const oLen: number[] = []
  const parts: string[] = []
  let last = 0
  let viewLength = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const decoded = decodeUnit(m[0])
    parts.push(text.slice(last, m.index), decoded)
    viewLength += m.index - last
    vPos.push(viewLength)
    vLen.push(decoded.length)
    oPos.push(m.index)
    oLen.push(m[0].length)
    viewLength += decoded.length
    last = m.index + m[0].length
  }
  if (vPos.length === 0) return { text, toOriginal: (s, e) => [s, e] }
  parts.push(text.slice(last))
  /** The last unit whose output starts at or before view offset `v`, or -1. */
  const unitAt = (v: number): number => {
    let lo = 0
    let hi = vPos.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (vPos[mid] <= v) lo = mid + 1
      else hi = mid
    }
    return lo - 1
  }
  /** Original [start, end) of the view character at `v`. */
  const charRange = (v: number): [number, number] => {
    const k = unitAt(v)
    if (k < 0) return [v, v + 1]
    if (v < vPos[k] + vLen[k]) return [oPos[k], oPos[k] + oLen[k]]
    const o = oPos[k] + oLen[k] + (v - vPos[k] - vLen[k])
    return [o, o + 1]
  }
  return {
    text: parts.join(''),
    toOriginal: (s, e) => [charRange(s)[0], charRange(e - 1)[1]]
  }
}
