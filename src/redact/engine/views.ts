import type { Keywords, Prefilter } from '../prefilter.js'

/*
 * Views: a derived string and the way back from its offsets to the original. Detectors only
 * ever see strings; the engine decides which strings (views) they see and maps every finding
 * back to a range of the original value. Where a derived view cannot map a finding exactly, the
 * mapped range is widened to the smallest original range that certainly covers it.
 */

/** Escape levels resolved: Codex nests JSON strings two deep; one extra for shell quoting. */
const MAX_UNESCAPE = 3

export interface View {
  text: string
  /** Original offsets of each character of an unescaped view; absent for the others. */
  starts?: Int32Array
  ends?: Int32Array
  /** For gutter-stripped and joined views, which are pieces of `parent`: where each piece is. */
  pieces?: Pieces
  /** View offsets where two lines were glued; only findings crossing one are new. */
  joins?: number[]
  /** Set for views whose encoded runs are decoded: the original, unescaped views, and joined views of those. */
  decodable: boolean
  /** The view a gutter-stripped or joined view was cut from (its keywords are known). */
  parent?: View
  keywords?: Keywords
  /** For a joined view, its lines that hold a join (see `linesWithJoins`), once built. */
  joinedLines?: View
}

/** Piece k of a view starts at view offset `at[k]` and is parent text from offset `from[k]` on. */
interface Pieces {
  at: number[]
  from: number[]
}

/** The parent offset of view offset `v` of a view made of pieces. */
function pieceOffset(pieces: Pieces, v: number): number {
  let lo = 0
  let hi = pieces.at.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (pieces.at[mid] <= v) lo = mid
    else hi = mid - 1
  }
  return pieces.from[lo] + v - pieces.at[lo]
}

export function toOriginal(view: View, start: number, end: number): [number, number] {
  if (view.pieces && view.parent) {
    return toOriginal(view.parent, pieceOffset(view.pieces, start), pieceOffset(view.pieces, end - 1) + 1)
  }
  if (!view.starts || !view.ends) return [start, end]
  return [view.starts[start], view.ends[end - 1]]
}

/** Builds an unescaped view character by character; it is never longer than its parent. */
class ViewBuilder {
  private codes: Uint16Array
  private starts: Int32Array
  private ends: Int32Array
  private n = 0

  constructor(private parent: View) {
    const cap = parent.text.length
    this.codes = new Uint16Array(cap)
    this.starts = new Int32Array(cap)
    this.ends = new Int32Array(cap)
  }

  /** Appends one UTF-16 code unit derived from parent range [from, to). */
  push(code: number, from: number, to: number): void {
    const p = this.parent
    this.codes[this.n] = code
    this.starts[this.n] = p.starts ? p.starts[from] : from
    this.ends[this.n] = p.ends ? p.ends[to - 1] : to
    this.n++
  }

  build(): View {
    return {
      text: decoder.decode(this.codes.subarray(0, this.n)),
      starts: this.starts.subarray(0, this.n),
      ends: this.ends.subarray(0, this.n),
      decodable: true
    }
  }
}

/**
 * Builds a view from slices of its parent: gutter-stripping and joining only drop characters,
 * so the view is a few pieces per line and needs no per-character offsets.
 */
export class PieceBuilder {
  private readonly parts: string[] = []
  private readonly pieces: Pieces = { at: [], from: [] }
  /** The parent range not yet sliced: copies of adjacent ranges (a line, then its break) make one slice. */
  private pendingFrom = 0
  private parentEnd = -1
  length = 0

  constructor(private readonly parent: View) {}

  /** Appends parent characters [from, to). */
  copy(from: number, to: number): void {
    if (to <= from) return
    if (from !== this.parentEnd) {
      this.flush()
      this.pendingFrom = from
      this.pieces.at.push(this.length)
      this.pieces.from.push(from)
    }
    this.parentEnd = to
    this.length += to - from
  }

  private flush(): void {
    if (this.parentEnd > this.pendingFrom) this.parts.push(this.parent.text.slice(this.pendingFrom, this.parentEnd))
  }

  /** A joined view's encoded runs across its joins are decoded when its parent's would be. */
  build(joins?: number[]): View {
    this.flush()
    this.pendingFrom = this.parentEnd
    const decodable = joins !== undefined && this.parent.decodable
    return { text: this.parts.join(''), pieces: this.pieces, joins, decodable, parent: this.parent }
  }
}

const decoder = new TextDecoder('utf-16le')

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  '"': 34,
  "'": 39,
  '\\': 92,
  '/': 47,
  b: 8,
  f: 12
}

const isHexDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

/**
 * Whether `t` holds an escape `unescapeView` resolves: what `/\\(?:[ntr"'\\/bf]|u[0-9A-Fa-f]{4})/`
 * finds, read from each backslash only, which most values have none of.
 */
export function hasEscape(t: string): boolean {
  for (let i = t.indexOf('\\'); i >= 0; i = t.indexOf('\\', i + 1)) {
    if (i + 1 >= t.length) return false
    if (SIMPLE_ESCAPES[t[i + 1]] !== undefined) return true
    if (t.charCodeAt(i + 1) === 117 && i + 6 <= t.length) {
      let k = i + 2
      while (k < i + 6 && isHexDigit(t.charCodeAt(k))) k++
      if (k === i + 6) return true
    }
  }
  return false
}

/** Resolves one level of JSON/shell escapes (`\n`, `\"`, `\\`, `\/`, `\u00XX`, …). */
function unescapeView(parent: View): View | undefined {
  const t = parent.text
  if (!hasEscape(t)) return undefined
  const b = new ViewBuilder(parent)
  for (let i = 0; i < t.length; i++) {
    const c = t[i]
    if (c === '\\' && i + 1 < t.length) {
      const n = t[i + 1]
      const simple = SIMPLE_ESCAPES[n]
      if (simple !== undefined) {
        b.push(simple, i, i + 2)
        i++
        continue
      }
      if (n === 'u' && /^[0-9A-Fa-f]{4}$/.test(t.slice(i + 2, i + 6))) {
        b.push(parseInt(t.slice(i + 2, i + 6), 16), i, i + 6)
        i += 5
        continue
      }
    }
    b.push(t.charCodeAt(i), i, i + 1)
  }
  return b.build()
}

/*
 * Per-line prefixes added by tools: `cat -n` (`     12\t`), Claude's Read (`    12→`),
 * grep -n / numbered listings (`12:`, `12 | `), diff and patch hunks (`+`, `-`), quotes (`> `).
 */
const GUTTER = /(?:[ \t]{0,12}\d{1,7}(?:→|\t|[ \t]{0,2}[|│:][ \t]?)|[+-](?!--)|> ?)/y

/** Length of the gutter at line start `s` (0 when none); a gutter never reaches past its line. */
function gutterLength(text: string, s: number): number {
  GUTTER.lastIndex = s
  return GUTTER.exec(text)?.[0].length ?? 0
}

/** Whether some line starts with a gutter: most values have none, and then no view is built. */
function hasGutter(text: string): boolean {
  for (let s = 0; s >= 0; s = nextLine(text, s)) if (gutterLength(text, s) > 0) return true
  return false
}

/** Start of the line after the one starting at `s`, or -1 after the last. */
function nextLine(text: string, s: number): number {
  const nl = text.indexOf('\n', s)
  return nl < 0 ? -1 : nl + 1
}

/** End of the line starting at `s`: its newline, or the end of the text. */
export function endOfLine(text: string, s: number): number {
  const nl = text.indexOf('\n', s)
  return nl < 0 ? text.length : nl
}

function stripGutterView(parent: View): View | undefined {
  const t = parent.text
  if (!hasGutter(t)) return undefined
  const b = new PieceBuilder(parent)
  for (let s = 0; s <= t.length;) {
    const e = endOfLine(t, s)
    b.copy(s + gutterLength(t, s), e)
    if (e < t.length) b.copy(e, e + 1)
    s = e + 1
  }
  return b.build()
}

const MIN_WRAPPED_LINE = 16
/** A terminal's wrap with an indented continuation: the wrapped line is at least this long. */
const MIN_INDENTED_WRAP = 40
const MAX_CONTINUATION_INDENT = 12
/** …and ends in at least this many token characters, unless it is exactly a fold width. */
const MIN_WRAPPED_RUN = 16
/** `fold -w N`, `base64` (76), PEM (64) and terminals cut lines at exactly these widths. */
const FOLD_WIDTHS = new Set([40, 60, 64, 72, 76, 80])
/** Consecutive lines of one length at least this long are a fixed-width fold of another width. */
const MIN_FIXED_RUN = 32

function isTokenChar(c: number): boolean {
  // [A-Za-z0-9+/=_-]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 47 && c <= 57) || c === 43 || c === 61 || c === 95 || c === 45
}

const isBlank = (c: number): boolean => c === 32 || c === 9
/** Any character a secret can hold: printable, not a blank. */
const isSolid = (c: number): boolean => c > 32 && c !== 127

/** End of line [s, e) (e at its newline, or the text's end) without a carriage return. */
function contentEnd(t: string, s: number, e: number): number {
  return e > s && t.charCodeAt(e - 1) === 13 ? e - 1 : e
}

/**
 * Where the continuation of line [s, e) starts when that line was cut and the next one,
 * [e + 1, nextEnd), carries on: e + 1, or past the indentation of an indented continuation;
 * -1 when the two lines are not glued. `prevLength` is the previous line's length (-1 for none);
 * `continued` says the line is itself an indented continuation.
 *
 * - a long line ending and the next starting with token characters (a hard wrap);
 * - a line of exactly a fold width, or of the length of the line before it, cut between two
 *   characters that are not blanks (`fold -w`, whatever the characters at the cut);
 * - a next line indented deeper and starting with a token character (a terminal or tool wrap
 *   that indents its continuation lines), after a line of exactly a fold width or of the
 *   previous line's length ending in four solid characters and no opener, or after a long line
 *   ending in a long run of token characters. Every pair glued costs scanning time.
 */
function continuation(t: string, s: number, e: number, nextEnd: number, prevLength: number, continued: boolean, ends: ReadonlySet<string>): number {
  const lineEnd = contentEnd(t, s, e)
  const length = lineEnd - s
  if (length < MIN_WRAPPED_LINE || nextEnd <= e + 1) return -1
  if (ends.size > 0 && ends.has(t.slice(e + 1, contentEnd(t, e + 1, nextEnd)).replace(/^\t+/, ''))) return -1
  const last = t.charCodeAt(lineEnd - 1)
  const first = t.charCodeAt(e + 1)
  if (isTokenChar(last) && isTokenChar(first)) return e + 1
  if (isSolid(last) && isSolid(first) && (FOLD_WIDTHS.has(length) || (length >= MIN_FIXED_RUN && length === prevLength))) return e + 1
  if (length < MIN_INDENTED_WRAP || !isSolid(last) || !isBlank(first)) return -1
  let i = e + 1
  while (i < nextEnd && i - e <= MAX_CONTINUATION_INDENT && isBlank(t.charCodeAt(i))) i++
  if (i >= nextEnd || !isSolid(t.charCodeAt(i))) return -1
  // Code indents deeper only after a line opening a block, which ends in an opener or has a
  // blank near its end (`def f(self, a):`); a cut token has neither.
  // …or as deep as this line when it continues a wrap itself.
  const own = indentation(t, s, lineEnd)
  if (continued ? own !== i - e - 1 : own >= i - e - 1) return -1
  // A wrap at a fixed width cuts wherever the width falls (`…<feed>` then `    <add …`), so the
  // continuation may start with any visible character; otherwise only a token's tail is glued.
  if ((FOLD_WIDTHS.has(length) || (length >= MIN_FIXED_RUN && length === prevLength)) && wrappedEnd(t, lineEnd)) return i
  return isTokenChar(t.charCodeAt(i)) && tokenRunBefore(t, lineEnd) >= MIN_WRAPPED_RUN ? i : -1
}

const OPENERS = new Set([40, 91, 123, 44, 59, 92])
const WRAPPED_END = 4

/** Whether a line's end can be the first part of a cut secret: no blank in its last characters, no opener last. */
function wrappedEnd(t: string, lineEnd: number): boolean {
  if (OPENERS.has(t.charCodeAt(lineEnd - 1))) return false
  for (let k = 1; k <= WRAPPED_END; k++) if (!isSolid(t.charCodeAt(lineEnd - k))) return false
  return true
}

/** Length of the run of token characters ending at `end`, counted up to MIN_WRAPPED_RUN. */
function tokenRunBefore(t: string, end: number): number {
  let n = 0
  while (n < MIN_WRAPPED_RUN && end - n > 0 && isTokenChar(t.charCodeAt(end - n - 1))) n++
  return n
}

function indentation(t: string, s: number, end: number): number {
  let i = s
  while (i < end && isBlank(t.charCodeAt(i))) i++
  return i - s
}

const HEREDOC = /<<-?[ \t]{0,4}(['"]?)([A-Za-z_][A-Za-z0-9_]{0,40})\1/g
const NO_ENDS: ReadonlySet<string> = new Set()

/**
 * The words that close the text's shell here-documents (`<<'EOF'` … `EOF`). Such a line is the
 * shell's syntax, never the tail of a value cut at the line before it, which the here-document
 * holds whole: glued on, it made short fakes long enough to match and took the terminator with them.
 */
function hereDocumentEnds(t: string): ReadonlySet<string> {
  if (!t.includes('<<')) return NO_ENDS
  const ends = new Set<string>()
  for (const m of t.matchAll(HEREDOC)) ends.add(m[2])
  return ends
}

/** Whether some line is glued to the next: most values have none, and then no view is built. */
function hasWrappedLine(t: string, ends: ReadonlySet<string>): boolean {
  let s = 0
  let e = t.indexOf('\n')
  let prevLength = -1
  while (e >= 0) {
    const next = t.indexOf('\n', e + 1)
    // The first glued pair is enough; until then no line continues another.
    if (continuation(t, s, e, next < 0 ? t.length : next, prevLength, false, ends) >= 0) return true
    prevLength = contentEnd(t, s, e) - s
    s = e + 1
    e = next
  }
  return false
}

/**
 * Glues hard-wrapped and folded lines (see `continuation`). The line break and any indentation
 * between two glued lines are left out of the view; a finding across them maps back to one
 * original range, which covers both halves and what lies between.
 */
function joinWrappedView(parent: View): View | undefined {
  const t = parent.text
  const ends = hereDocumentEnds(t)
  if (!hasWrappedLine(t, ends)) return undefined
  const b = new PieceBuilder(parent)
  const joins: number[] = []
  // Line [s, e) is copied from `from`: past the indentation of an indented continuation.
  let s = 0
  let from = 0
  let e = endOfLine(t, 0)
  let prevLength = -1
  for (;;) {
    const lineEnd = contentEnd(t, s, e)
    b.copy(from, lineEnd)
    if (e >= t.length) {
      b.copy(lineEnd, e)
      break
    }
    const nextEnd = endOfLine(t, e + 1)
    const next = continuation(t, s, e, nextEnd, prevLength, from > s, ends)
    prevLength = lineEnd - s
    if (next >= 0) {
      joins.push(b.length)
      from = next
    } else {
      b.copy(lineEnd, e + 1)
      from = e + 1
    }
    s = e + 1
    e = nextEnd
  }
  return b.build(joins)
}

export function buildViews(text: string): View[] {
  const identity: View = { text, decodable: true }
  const base: View[] = [identity]
  let cur = identity
  for (let level = 0; level < MAX_UNESCAPE; level++) {
    const next = unescapeView(cur)
    if (!next || next.text === cur.text) break
    base.push(next)
    cur = next
  }
  const views = [...base]
  for (const v of base) {
    const g = stripGutterView(v)
    if (g) views.push(g)
  }
  for (const v of [...views]) {
    const j = joinWrappedView(v)
    if (j) views.push(j)
  }
  return views
}

/**
 * Stripping a gutter only shortens lines, so it reveals no keyword; joining lines can only
 * form one across a join. Parents come before their views, so their keywords are known.
 */
export function viewKeywords(view: View, prefilter: Prefilter): Keywords {
  const parent = view.parent
  if (!parent) return prefilter.keywordsIn(view.text)
  const inherited = parent.keywords ?? null
  return view.joins ? prefilter.keywordsAcross(view.text, view.joins, inherited) : inherited
}
