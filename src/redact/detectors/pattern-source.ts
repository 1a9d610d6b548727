/*
 * What a pattern's source tells about its matches, read conservatively: anything not
 * understood gives the answer that costs speed, never the one that could lose a finding.
 *
 * - Whether it can only ever see one line. A joined view (hard-wrapped lines glued back) only
 *   adds findings that cross a join, so a pattern that never reads past a line break needs only
 *   the lines that hold a join.
 * - Whether a named group ends the match. Its span is then the match's tail, and the pattern
 *   needs no match indices (the `d` flag), which cost two thirds of a match.
 */

const NEWLINE = 10

/** The code of a one-character escape at `src[i]` (a backslash), or undefined for a class escape. */
function escapedCode(src: string, i: number): { code?: number; length: number } {
  const e = src[i + 1]
  const hex = (n: number): { code?: number; length: number } => {
    const digits = src.slice(i + 2, i + 2 + n)
    return /^[0-9A-Fa-f]+$/.test(digits) && digits.length === n ? { code: parseInt(digits, 16), length: 2 + n } : { code: NEWLINE, length: 2 }
  }
  if (e === 'x') return hex(2)
  if (e === 'u') return hex(4)
  // Control letters, backreferences and octal escapes are not analysed: taken as a line break.
  if (e === 'c' || /[1-9k]/.test(e) || (e === '0' && /[0-9]/.test(src[i + 2] ?? ''))) return { code: NEWLINE, length: 2 }
  const simple: Record<string, number> = { n: NEWLINE, r: 13, t: 9, v: 11, f: 12, '0': 0 }
  if (e in simple) return { code: simple[e], length: 2 }
  if (/[sSwWdD]/.test(e)) return { length: 2 }
  return { code: e.charCodeAt(0), length: 2 }
}

/** Whether escape class `\s`, `\W`, … includes a line break. */
const classEscapeHasNewline = (e: string): boolean => e === 's' || e === 'W' || e === 'D'

/** Whether the class `src[start..end)` (brackets included) can match a line break. */
function classMatchesNewline(src: string, start: number, end: number): boolean {
  const negated = src[start + 1] === '^'
  let holds = false
  let i = start + (negated ? 2 : 1)
  while (i < end - 1) {
    let lo: number | undefined
    let length = 1
    if (src[i] === '\\') {
      const esc = escapedCode(src, i)
      length = esc.length
      lo = esc.code
      if (lo === undefined && classEscapeHasNewline(src[i + 1])) holds = true
    } else {
      lo = src.charCodeAt(i)
    }
    i += length
    if (lo !== undefined && src[i] === '-' && i + 1 < end - 1) {
      const hiEsc = src[i + 1] === '\\' ? escapedCode(src, i + 1) : { code: src.charCodeAt(i + 1), length: 1 }
      i += 1 + hiEsc.length
      if (hiEsc.code === undefined || (lo <= NEWLINE && NEWLINE <= hiEsc.code)) holds = true
    } else if (lo === NEWLINE) {
      holds = true
    }
  }
  return negated ? !holds : holds
}

/** Index just past the class starting at `start`. */
function classEnd(src: string, start: number): number {
  let i = start + 1
  if (src[i] === '^') i++
  if (src[i] === ']') i++
  while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1
  return i + 1
}

/** Whether some match of `re`, or what it looks at around one, may span a line break. */
export function mayReadAcrossLines(re: RegExp): boolean {
  // Multiline and dotAll change what `^`, `$` and `.` mean; unicode sets are not analysed.
  if (/[msuv]/.test(re.flags)) return true
  const src = re.source
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (c === '\\') {
      const esc = escapedCode(src, i)
      if (esc.code === NEWLINE || (esc.code === undefined && classEscapeHasNewline(src[i + 1]))) return true
      i += esc.length
    } else if (c === '[') {
      const end = classEnd(src, i)
      if (classMatchesNewline(src, i, end)) return true
      i = end
    } else if (c === '^' || c === '$') {
      // The start and end of the text are not line breaks: a line alone would differ.
      return true
    } else {
      i++
    }
  }
  return false
}

/** Index just past the group opening at `open` (a `(`), skipping escapes and classes. */
function groupEnd(src: string, open: number): number {
  let depth = 0
  let i = open
  while (i < src.length) {
    const c = src[i]
    if (c === '\\') i += 2
    else if (c === '[') i = classEnd(src, i)
    else {
      if (c === '(') depth++
      else if (c === ')' && --depth === 0) return i + 1
      i++
    }
  }
  return src.length
}

/** Whether `src[open..)` opens a lookaround: `(?=`, `(?!`, `(?<=`, `(?<!`. */
const isLookaround = (src: string, open: number): boolean => /^\(\?(?:[=!]|<[=!])/.test(src.slice(open, open + 4))

/**
 * Whether named group `name` of `re` is the last thing its alternative consumes: it sits at the
 * top level of the pattern, is not quantified, and only lookarounds follow it up to the next
 * top-level `|` or the end.
 */
export function groupEndsMatch(re: RegExp, name: string): boolean {
  const src = re.source
  const open = src.indexOf(`(?<${name}>`)
  if (open < 0) return false
  let depth = 0
  for (let i = 0; i < open;) {
    const c = src[i]
    if (c === '\\') i += 2
    else if (c === '[') i = classEnd(src, i)
    else {
      if (c === '(') depth++
      else if (c === ')') depth--
      i++
    }
  }
  if (depth !== 0) return false
  let i = groupEnd(src, open)
  if (/^[?*+{]/.test(src.slice(i, i + 1))) return false
  while (i < src.length && src[i] !== '|') {
    if (!isLookaround(src, i)) return false
    i = groupEnd(src, i)
    if (/^[?*+{]/.test(src.slice(i, i + 1))) return false
  }
  return true
}
