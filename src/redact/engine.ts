import { prefilterFor, type Keywords, type Prefilter } from './prefilter.js'
import { MEMO_TEXT, ScanMemo } from './scan-memo.js'
import type { Detector, EngineOptions, FieldKind, Finding } from './types.js'

export type { EngineOptions } from './types.js'

/*
 * The engine is a pure function of (detectors, value, field kind). Detectors only ever see
 * strings; the engine decides which strings (views) they see and maps every finding back to
 * a range of the original value. Where a derived view cannot map a finding exactly, the
 * mapped range is widened to the smallest original range that certainly covers it.
 */

// ---------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------

/** Larger values are scanned in overlapping chunks so no single regex pass is unbounded. */
const DIRECT_LIMIT = 1 << 20
const CHUNK = 512 * 1024
const OVERLAP = 16 * 1024
/** Escape levels resolved: Codex nests JSON strings two deep; one extra for shell quoting. */
const MAX_UNESCAPE = 3
/** Nested decodes (base64 inside URL-encoding inside base64 …), as gitleaks' default depth. */
const MAX_DECODE_DEPTH = 3
const MIN_BASE64_RUN = 24
const MAX_ENCODED_RUN = 1 << 20

// ---------------------------------------------------------------------------------------
// Views: a derived string and the way back from its offsets to the original
// ---------------------------------------------------------------------------------------

interface View {
  text: string
  /** Original offsets of each character of an unescaped view; absent for the others. */
  starts?: Int32Array
  ends?: Int32Array
  /** For gutter-stripped and joined views, which are pieces of `parent`: where each piece is. */
  pieces?: Pieces
  /** View offsets where two lines were glued; only findings crossing one are new. */
  joins?: number[]
  /** Set for views whose resolution mapped escapes (eligible for encoded-run decoding). */
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

function toOriginal(view: View, start: number, end: number): [number, number] {
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
class PieceBuilder {
  private readonly parts: string[] = []
  private readonly pieces: Pieces = { at: [], from: [] }
  private parentEnd = -1
  length = 0

  constructor(private readonly parent: View) {}

  /** Appends parent characters [from, to). */
  copy(from: number, to: number): void {
    if (to <= from) return
    if (from !== this.parentEnd) {
      this.pieces.at.push(this.length)
      this.pieces.from.push(from)
    }
    this.parts.push(this.parent.text.slice(from, to))
    this.parentEnd = to
    this.length += to - from
  }

  build(joins?: number[]): View {
    return { text: this.parts.join(''), pieces: this.pieces, joins, decodable: false, parent: this.parent }
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

const HAS_ESCAPE = /\\(?:[ntr"'\\/bf]|u[0-9A-Fa-f]{4})/

/** Resolves one level of JSON/shell escapes (`\n`, `\"`, `\\`, `\/`, `\u00XX`, …). */
function unescapeView(parent: View): View | undefined {
  const t = parent.text
  if (!HAS_ESCAPE.test(t)) return undefined
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
function endOfLine(text: string, s: number): number {
  const nl = text.indexOf('\n', s)
  return nl < 0 ? text.length : nl
}

function stripGutterView(parent: View): View | undefined {
  const t = parent.text
  if (!hasGutter(t)) return undefined
  const b = new PieceBuilder(parent)
  for (let s = 0; s <= t.length; ) {
    const e = endOfLine(t, s)
    b.copy(s + gutterLength(t, s), e)
    if (e < t.length) b.copy(e, e + 1)
    s = e + 1
  }
  return b.build()
}

const MIN_WRAPPED_LINE = 16

function isTokenChar(c: number): boolean {
  // [A-Za-z0-9+/=_-]
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 47 && c <= 57) || c === 43 || c === 61 || c === 95 || c === 45
  )
}

/** Whether line [s, e) (e at its newline) is glued to the next line [e + 1, nextEnd). */
function glued(t: string, s: number, e: number, nextEnd: number): boolean {
  const lineEnd = e > s && t.charCodeAt(e - 1) === 13 ? e - 1 : e
  return (
    lineEnd - s >= MIN_WRAPPED_LINE && isTokenChar(t.charCodeAt(lineEnd - 1)) && nextEnd > e + 1 && isTokenChar(t.charCodeAt(e + 1))
  )
}

/** Whether some line is glued to the next: most values have none, and then no view is built. */
function hasWrappedLine(t: string): boolean {
  let s = 0
  let e = t.indexOf('\n')
  while (e >= 0) {
    const next = t.indexOf('\n', e + 1)
    if (glued(t, s, e, next < 0 ? t.length : next)) return true
    s = e + 1
    e = next
  }
  return false
}

/** Glues hard-wrapped lines (long line ending and next line starting with token characters). */
function joinWrappedView(parent: View): View | undefined {
  const t = parent.text
  if (!hasWrappedLine(t)) return undefined
  const b = new PieceBuilder(parent)
  const joins: number[] = []
  let s = 0
  let e = endOfLine(t, 0)
  for (;;) {
    const lineEnd = e > s && t.charCodeAt(e - 1) === 13 ? e - 1 : e
    b.copy(s, lineEnd)
    if (e >= t.length) {
      b.copy(lineEnd, e)
      break
    }
    const nextEnd = endOfLine(t, e + 1)
    if (glued(t, s, e, nextEnd)) {
      joins.push(b.length)
    } else {
      b.copy(lineEnd, e + 1)
    }
    s = e + 1
    e = nextEnd
  }
  return b.build(joins)
}

function buildViews(text: string): View[] {
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
function viewKeywords(view: View, prefilter: Prefilter): Keywords {
  const parent = view.parent
  if (!parent) return prefilter.keywordsIn(view.text)
  const inherited = parent.keywords ?? null
  return view.joins ? prefilter.keywordsAcross(view.text, view.joins, inherited) : inherited
}

// ---------------------------------------------------------------------------------------
// Encoded runs: base64 and percent-encoding, decoded and scanned recursively
// ---------------------------------------------------------------------------------------

const URL_RUN = /(?<![^\s"'<>&?#`])[^\s"'<>&?#`]{3,8192}/g
const PERCENT = /%[0-9A-Fa-f]{2}/

/** Decoded text only counts when it is mostly printable; random tokens decode to noise. */
function printable(s: string): boolean {
  if (s.length < 8) return false
  let bad = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++
  }
  return bad / s.length <= 0.05
}

/** Bytes that decode to one control character each, whatever surrounds them. */
function controlBytes(bytes: Uint8Array): number {
  let n = 0
  for (const b of bytes) if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) n++
  return n
}

function decodeBase64(run: string): string | undefined {
  if (/^[0-9a-fA-F]+$/.test(run) || run.length > MAX_ENCODED_RUN) return undefined
  const body = run.replace(/=+$/, '')
  if (body.length % 4 === 1) return undefined
  const bytes = Buffer.from(body, 'base64')
  // Most runs (paths, identifiers) decode to noise. A text has no more characters than bytes and
  // at least one unprintable character per control byte, so this rejects only what printable()
  // would, without making the string.
  if (controlBytes(bytes) / bytes.length > 0.05) return undefined
  const decoded = bytes.toString('utf8')
  return printable(decoded) ? decoded : undefined
}

function decodePercent(run: string): string | undefined {
  if (!PERCENT.test(run)) return undefined
  try {
    return decodeURIComponent(run)
  } catch {
    // Malformed UTF-8 sequences: fall back to byte-per-character so nothing is skipped.
    return run.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
  }
}

interface Run {
  index: number
  text: string
}

/** All matches of a shared global regex, collected before any recursive scan can reuse it. */
function runs(text: string, re: RegExp): Run[] {
  const out: Run[] = []
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) out.push({ index: m.index, text: m[0] })
  return out
}

/** 1 at the codes of [A-Za-z0-9+/_-]: standard and URL-safe base64. */
const BASE64_CHARS = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') BASE64_CHARS[c.charCodeAt(0)] = 1
const isBase64Char = (c: number): boolean => c < 128 && BASE64_CHARS[c] === 1

/**
 * Whole runs of base64 characters of at least MIN_BASE64_RUN, with up to two `=` of padding:
 * what `(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}` matches, at a fraction of the cost.
 * Each window is read from its right end, as Boyer-Moore does: a non-base64 character at `j`
 * rules out a long run starting anywhere up to `j`, so prose is mostly skipped.
 */
export function base64Runs(text: string): Run[] {
  const out: Run[] = []
  // Invariant: no run straddles `start` (it is 0, or it or the character before is not base64).
  let start = 0
  while (start + MIN_BASE64_RUN <= text.length) {
    let j = start + MIN_BASE64_RUN - 1
    while (j >= start && isBase64Char(text.charCodeAt(j))) j--
    if (j >= start) {
      start = j + 1
      continue
    }
    let runEnd = start + MIN_BASE64_RUN
    while (runEnd < text.length && isBase64Char(text.charCodeAt(runEnd))) runEnd++
    let end = runEnd
    while (end < runEnd + 2 && text.charCodeAt(end) === 61) end++
    out.push({ index: start, text: text.slice(start, end) })
    start = end
  }
  return out
}

function encodedRunFindings(view: View, opts: EngineOptions, depth: number): Finding[] {
  const out: Finding[] = []
  const scanRuns = (found: Run[], decode: (run: string) => string | undefined): void => {
    for (const run of found) {
      const decoded = decode(run.text)
      if (decoded === undefined) continue
      const inner = scan(decoded, opts, depth + 1)
      if (inner.length === 0) continue
      const [start, end] = toOriginal(view, run.index, run.index + run.text.length)
      out.push({ detector: pickWinner(inner).detector, start, end })
    }
  }
  scanRuns(base64Runs(view.text), decodeBase64)
  // `includes` first: a regex test per value costs more than the few values holding a `%`.
  if (view.text.includes('%') && PERCENT.test(view.text)) scanRuns(runs(view.text, URL_RUN), decodePercent)
  return out
}

// ---------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------

function allowed(value: string, opts: EngineOptions): boolean {
  const allow = opts.allow
  if (!allow) return false
  if (allow.literals?.includes(value)) return true
  for (const p of allow.patterns ?? []) {
    p.lastIndex = 0
    if (p.test(value)) return true
  }
  return false
}

function runDetector(d: Detector, text: string): Finding[] {
  try {
    return d.find(text)
  } catch {
    // Fail closed: a broken rule must not let the value through unredacted.
    return [{ detector: d.id, start: 0, end: text.length }]
  }
}

/** Whether a join lies strictly inside [start, end); joins are ascending, and may be thousands. */
function crossesJoin(joins: number[], start: number, end: number): boolean {
  let lo = 0
  let hi = joins.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (joins[mid] <= start) lo = mid + 1
    else hi = mid
  }
  return lo < joins.length && joins[lo] < end
}

/**
 * The lines of a joined view that hold a join, as a view of their own. Only findings across a
 * join count in a joined view, and a line-local detector's findings never leave their line, so
 * these lines are all it needs: in the bench sample, a quarter of the joined text.
 */
function linesWithJoins(view: View, joins: readonly number[]): View {
  const t = view.text
  const b = new PieceBuilder(view)
  const kept: number[] = []
  let k = 0
  for (let s = 0; k < joins.length && s <= t.length; ) {
    const e = endOfLine(t, s)
    // A join always lies inside a line: it glued one line's end to the next one's start.
    const first = k
    while (k < joins.length && joins[k] < e) k++
    if (k > first) {
      for (let x = first; x < k; x++) kept.push(b.length + joins[x] - s)
      b.copy(s, Math.min(e + 1, t.length))
    }
    s = e + 1
  }
  return b.build(kept)
}

/** The view a detector runs on: line-local ones need only the joined lines of a joined view. */
function viewFor(d: Detector, view: View): View {
  if (!d.lineLocal || !view.joins) return view
  view.joinedLines ??= linesWithJoins(view, view.joins)
  return view.joinedLines
}

function scanView(base: View, original: string, detectors: readonly Detector[], opts: EngineOptions): Finding[] {
  const out: Finding[] = []
  for (const d of detectors) {
    const view = viewFor(d, base)
    for (const f of runDetector(d, view.text)) {
      if (f.end <= f.start) continue
      if (view.joins && !crossesJoin(view.joins, f.start, f.end)) continue
      const [start, end] = toOriginal(view, f.start, f.end)
      if (opts.allow && (allowed(view.text.slice(f.start, f.end), opts) || allowed(original.slice(start, end), opts))) continue
      out.push({ detector: d.id, start, end })
    }
  }
  return out
}

function scanDirect(text: string, detectors: Detector[], opts: EngineOptions, depth: number): Finding[] {
  const findings: Finding[] = []
  const prefilter = prefilterFor(detectors)
  for (const view of buildViews(text)) {
    view.keywords = viewKeywords(view, prefilter)
    findings.push(...scanView(view, text, prefilter.select(view.keywords), opts))
    if (depth < MAX_DECODE_DEPTH && view.decodable && !view.joins) {
      findings.push(...encodedRunFindings(view, opts, depth))
    }
  }
  return findings
}

const memos = new WeakMap<Prefilter, ScanMemo>()

/** All (unmerged) findings for `text`, in original offsets. */
function scan(text: string, opts: EngineOptions, depth = 0): readonly Finding[] {
  if (text.length === 0) return []
  if (depth > 0 || text.length > MEMO_TEXT) return scanFresh(text, opts, depth)
  const prefilter = prefilterFor(opts.detectors)
  let memo = memos.get(prefilter)
  if (!memo) {
    memo = new ScanMemo()
    memos.set(prefilter, memo)
  }
  return memo.get(text, opts.allow, () => scanFresh(text, opts, depth))
}

function scanFresh(text: string, opts: EngineOptions, depth: number): Finding[] {
  if (text.length <= DIRECT_LIMIT) return scanDirect(text, opts.detectors, opts, depth)
  const whole = opts.detectors.filter((d) => d.wholeText)
  const chunked = opts.detectors.filter((d) => !d.wholeText)
  const prefilter = prefilterFor(whole)
  const findings = scanView({ text, decodable: false }, text, prefilter.select(prefilter.keywordsIn(text)), opts)
  for (let offset = 0; offset < text.length; offset += CHUNK - OVERLAP) {
    const piece = text.slice(offset, offset + CHUNK)
    for (const f of scanDirect(piece, chunked, opts, depth)) {
      findings.push({ detector: f.detector, start: f.start + offset, end: f.end + offset })
    }
    if (offset + CHUNK >= text.length) break
  }
  return findings
}

// ---------------------------------------------------------------------------------------
// Merging and replacement
// ---------------------------------------------------------------------------------------

function pickWinner(group: readonly Finding[]): Finding {
  let best = group[0]
  for (const f of group) {
    const len = f.end - f.start
    const bestLen = best.end - best.start
    if (len > bestLen || (len === bestLen && f.start < best.start)) best = f
  }
  return best
}

/** Overlapping findings become one span, labelled by the longest (then earliest) finding. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  if (findings.length === 0) return []
  if (findings.length === 1) return [{ detector: findings[0].detector, start: findings[0].start, end: findings[0].end }]
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.start - b.f.start || b.f.end - a.f.end || a.i - b.i)
    .map((x) => x.f)
  const out: Finding[] = []
  let group: Finding[] = []
  let groupEnd = -1
  const flush = (): void => {
    if (group.length === 0) return
    out.push({ detector: pickWinner(group).detector, start: group[0].start, end: groupEnd })
  }
  for (const f of sorted) {
    if (group.length > 0 && f.start < groupEnd) {
      group.push(f)
      groupEnd = Math.max(groupEnd, f.end)
      continue
    }
    flush()
    group = [f]
    groupEnd = f.end
  }
  flush()
  return out
}

export function defaultMarker(detectorId: string): string {
  return `[REDACTED:${detectorId}]`
}

function applyFindings(text: string, merged: Finding[], opts: EngineOptions): string {
  if (merged.length === 0) return text
  const marker = opts.marker ?? defaultMarker
  let out = ''
  let pos = 0
  for (const f of merged) {
    out += text.slice(pos, f.start) + marker(f.detector, text.slice(f.start, f.end))
    pos = f.end
  }
  return out + text.slice(pos)
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

export interface RedactTextResult {
  text: string
  /** Merged findings, one per marker, in offsets of the input text. */
  findings: Finding[]
}

export function redactText(text: string, opts: EngineOptions): RedactTextResult {
  const merged = mergeFindings(scan(text, opts))
  return { text: applyFindings(text, merged, opts), findings: merged }
}

function fieldFindings(key: string, value: string, opts: EngineOptions): Finding[] {
  const out: Finding[] = []
  for (const d of prefilterFor(opts.detectors).fieldDetectors) {
    if (!d.findInField) continue
    try {
      for (const f of d.findInField(key, value)) {
        if (!allowed(value.slice(f.start, f.end), opts)) out.push(f)
      }
    } catch {
      out.push({ detector: d.id, start: 0, end: value.length })
    }
  }
  return out
}

export interface RedactJsonResult {
  value: unknown
  /**
   * Merged findings of every redacted string; offsets are relative to that string (nested
   * JSON strings report offsets within their own decoded values).
   */
  findings: Finding[]
}

function looksLikeJsonContainer(s: string): boolean {
  const t = s.trim()
  if (t.length < 2) return false
  const first = t[0]
  const last = t[t.length - 1]
  return (first === '{' && last === '}') || (first === '[' && last === ']')
}

/** A `{name|key|header, value}` pair carries its key name as data (HTTP header lists, env arrays). */
function pairKey(obj: Record<string, unknown>): string | undefined {
  if (typeof obj.value !== 'string') return undefined
  for (const k of ['name', 'key', 'header']) {
    const v = obj[k]
    if (typeof v === 'string') return v
  }
  return undefined
}

function redactString(s: string, key: string | undefined, opts: EngineOptions, sink: Finding[]): string {
  if (looksLikeJsonContainer(s)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(s)
    } catch {
      parsed = undefined
    }
    if (parsed !== null && typeof parsed === 'object') {
      const nested: Finding[] = []
      const value = walk(parsed, undefined, opts, nested)
      if (nested.length === 0) return s
      sink.push(...nested)
      return JSON.stringify(value)
    }
  }
  const found = scan(s, opts)
  const merged = mergeFindings(key === undefined ? found : [...found, ...fieldFindings(key, s, opts)])
  sink.push(...merged)
  return applyFindings(s, merged, opts)
}

function walk(value: unknown, key: string | undefined, opts: EngineOptions, sink: Finding[]): unknown {
  if (typeof value === 'string') return redactString(value, key, opts, sink)
  if (Array.isArray(value)) return value.map((item) => walk(item, key, opts, sink))
  if (value === null || typeof value !== 'object') return value
  const obj = value as Record<string, unknown>
  const pk = pairKey(obj)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) {
    // Keys can hold data too (Codex file-change maps are keyed by absolute path).
    let newKey = redactString(k, undefined, opts, sink)
    while (newKey !== k && Object.prototype.hasOwnProperty.call(out, newKey)) newKey += '#'
    const effectiveKey = k === 'value' && pk !== undefined ? pk : k
    out[newKey] = walk(v, effectiveKey, opts, sink)
  }
  return out
}

/**
 * Redacts every string inside a decoded JSON value. Strings that are themselves JSON
 * containers are parsed, redacted and re-serialised. `fieldKind` is accepted for per-field
 * policy; today every kind gets every detector, because a structural field (cwd, repo URL)
 * can carry personal data as easily as a prompt.
 */
export function redactJson(value: unknown, opts: EngineOptions, _fieldKind?: FieldKind): RedactJsonResult {
  const findings: Finding[] = []
  const out = walk(value, undefined, opts, findings)
  return { value: findings.length > 0 ? out : value, findings }
}

export interface RedactLineResult {
  line: string
  findings: Finding[]
}

/**
 * Redacts one JSONL line through its decoded values, never the raw text, so the output is
 * valid JSON of the same shape. Unchanged lines are returned byte-for-byte. A line that is
 * not JSON falls back to text redaction.
 */
export function redactLine(line: string, opts: EngineOptions): RedactLineResult {
  if (line.trim().length === 0) return { line, findings: [] }
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    const r = redactText(line, opts)
    return { line: r.text, findings: r.findings }
  }
  const r = redactJson(parsed, opts)
  if (r.findings.length === 0) return { line, findings: [] }
  return { line: JSON.stringify(r.value), findings: r.findings }
}
