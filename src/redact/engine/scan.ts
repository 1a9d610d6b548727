import { prefilterFor, type Prefilter } from '../prefilter.js'
import { MEMO_TEXT, ScanMemo } from '../scan-memo.js'
import type { Detector, EngineOptions, Finding } from '../types.js'
import { PERCENT, URL_RUN, base64Runs, decodeBase64, decodePercent, runs, type Run } from './encoded.js'
import { pickWinner } from './merge.js'
import { PieceBuilder, buildViews, endOfLine, toOriginal, viewKeywords, type View } from './views.js'

/* Scanning: every detector over every view of a value, encoded runs decoded and scanned again. */

/** Larger values are scanned in overlapping chunks so no single regex pass is unbounded. */
const DIRECT_LIMIT = 1 << 20
const CHUNK = 512 * 1024
const OVERLAP = 16 * 1024
/**
 * A run across a join is decoded only from this length: a folded base64 body is full lines of
 * 64 or 76, while glued lines of code make short runs of identifiers that decode to nothing.
 */
const MIN_JOINED_RUN = 48
/** Nested decodes (base64 inside URL-encoding inside base64 …), as gitleaks' default depth. */
const MAX_DECODE_DEPTH = 3

/** Findings of the encoded runs of a view; of a joined view's, only the runs across a join are new. */
function encodedRunFindings(view: View, opts: EngineOptions, depth: number): Finding[] {
  const out: Finding[] = []
  const joins = view.joins
  const scanRuns = (found: Run[], decode: (run: string) => string | undefined): void => {
    for (const run of found) {
      if (joins && (run.text.length < MIN_JOINED_RUN || !crossesJoin(joins, run.index, run.index + run.text.length))) continue
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

/** Whether `value`, found by `detector`, is kept: allowed for every detector or for that one. */
export function allowed(value: string, opts: EngineOptions, detector?: string): boolean {
  const allow = opts.allow
  if (!allow) return false
  if (allow.literals?.includes(value)) return true
  for (const p of allow.patterns ?? []) {
    p.lastIndex = 0
    if (p.test(value)) return true
  }
  const own = detector === undefined ? undefined : allow.byDetector?.get(detector)
  if (!own) return false
  if (own.literals.includes(value)) return true
  for (const p of own.patterns) {
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
function crossesJoin(joins: readonly number[], start: number, end: number): boolean {
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
  for (let s = 0; k < joins.length && s <= t.length;) {
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

function joinedLinesOf(view: View, joins: readonly number[]): View {
  view.joinedLines ??= linesWithJoins(view, joins)
  return view.joinedLines
}

/** The view a detector runs on: line-local ones need only the joined lines of a joined view. */
function viewFor(d: Detector, view: View): View {
  return d.lineLocal && view.joins ? joinedLinesOf(view, view.joins) : view
}

function scanView(base: View, original: string, detectors: readonly Detector[], opts: EngineOptions): Finding[] {
  const out: Finding[] = []
  for (const d of detectors) {
    const view = viewFor(d, base)
    for (const f of runDetector(d, view.text)) {
      if (f.end <= f.start) continue
      if (view.joins && !crossesJoin(view.joins, f.start, f.end)) continue
      const [start, end] = toOriginal(view, f.start, f.end)
      if (opts.allow && (allowed(view.text.slice(f.start, f.end), opts, d.id) || allowed(original.slice(start, end), opts, d.id))) continue
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
    if (depth < MAX_DECODE_DEPTH && view.decodable) {
      // A folded base64 body (`base64` wraps at 76) decodes only once its lines are joined.
      findings.push(...encodedRunFindings(view.joins ? joinedLinesOf(view, view.joins) : view, opts, depth))
    }
  }
  return findings
}

const memos = new WeakMap<Prefilter, ScanMemo>()

/** All (unmerged) findings for `text`, in original offsets. */
export function scan(text: string, opts: EngineOptions, depth = 0): readonly Finding[] {
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
