import { createHash } from 'node:crypto'
import { defaultMarker, mergeFindings, redactText } from '../engine.js'
import { allowed } from '../engine/scan.js'
import type { EngineOptions, Finding } from '../types.js'
import { normalizedView, type TextSyntax } from './view.js'
import { detachedCopy } from '../../detached-copy.js'

export type { TextSyntax } from './view.js'

export interface LateTextResult {
  text: string
  /** One per marker put in, in offsets of the input text. */
  findings: Finding[]
}

/** A marker the engine wrote (`[REDACTED:email]`, `[REDACTED:email:0a1b2c3d4e]`, `[REDACTED:email#3]`): never a finding again. */
const MARKER = /\[REDACTED:[A-Za-z0-9_.-]{1,64}(?::[0-9a-f]{10}|#[0-9]{1,9})?\]/gi

/**
 * A marker written into Markdown or HTML must read as text there. The engine's own markers do;
 * a rule's custom replacement may not (`<secret>`), and then the rule's default marker is used.
 */
const TEXT_SAFE_MARKER = /^\[[A-Za-z0-9_.:#-]{1,80}\]$/

function textMarker(opts: EngineOptions, detector: string, value: string): string {
  const m = (opts.marker ?? defaultMarker)(detector, value)
  return TEXT_SAFE_MARKER.test(m) ? m : defaultMarker(detector)
}

/** `[start, end)` less the markers already in the text, as the ranges that remain. */
function outsideMarkers(start: number, end: number, markers: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = []
  let s = start
  for (const [ms, me] of markers) {
    if (me <= s) continue
    if (ms >= end) break
    if (ms > s) out.push([s, ms])
    s = Math.max(s, me)
  }
  if (s < end) out.push([s, end])
  return out
}

/** HTML markup inside a replaced range is kept, so a value that straddled a tag cannot unbalance the page. */
function htmlReplacement(slice: string, marker: string): string {
  if (!/[<>]/.test(slice)) return marker
  return slice
    .split(/(<[^<>]*>)/)
    .map((piece, i) => (i % 2 === 1 ? piece : piece.length ? marker : ''))
    .join('')
}

interface LineScan {
  /** Detectors that need the whole text (a key block spans lines), and the others. */
  whole: EngineOptions
  perLine: EngineOptions
  lines: Map<string, readonly Finding[]>
  chars: number
}
const lineScans = new WeakMap<EngineOptions, LineScan>()

/**
 * A rendered page scanned line by line (lines are separate fields in the view, see view.ts), with
 * each line's findings remembered per job: a log's lines are published in the Markdown report and
 * the HTML page alike, and many repeat. Detectors that need the whole text still get it.
 */
function scanByLine(text: string, opts: EngineOptions): Finding[] {
  let ls = lineScans.get(opts)
  if (!ls) {
    ls = {
      whole: { ...opts, detectors: opts.detectors.filter((d) => d.wholeText) },
      perLine: { ...opts, detectors: opts.detectors.filter((d) => !d.wholeText) },
      lines: new Map(),
      chars: 0
    }
    lineScans.set(opts, ls)
  }
  const findings: Finding[] = ls.whole.detectors.length ? [...redactText(text, ls.whole).findings] : []
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    if (end > start) {
      const line = text.slice(start, end)
      let found = ls.lines.get(line)
      if (!found) {
        found = redactText(line, ls.perLine).findings
        if (ls.chars + line.length > LINE_MEMO_CHARS) {
          ls.lines.clear()
          ls.chars = 0
        }
        ls.lines.set(detachedCopy(line), found)
        ls.chars += line.length
      }
      for (const f of found) findings.push({ detector: f.detector, start: f.start + start, end: f.end + start })
    }
    start = end + 1
  }
  return mergeFindings(findings)
}

/** What key-name rules find in a value for the key it sits under (a JSON value's key). */
function fieldFindings(key: string, value: string, opts: EngineOptions): Finding[] {
  const out: Finding[] = []
  for (const d of opts.detectors) {
    if (!d.findInField) continue
    try {
      for (const f of d.findInField(key, value)) if (!allowed(value.slice(f.start, f.end), opts, d.id)) out.push(f)
    } catch {
      out.push({ detector: d.id, start: 0, end: value.length })
    }
  }
  return out
}

/**
 * The last check of one published text: every detector over what a reader of the file sees, each
 * finding replaced in place by the engine's marker. Markers already present are never flagged, so
 * a second run finds nothing. `key` is the JSON key the text sits under, for key-name rules.
 */
export function lateRedactText(text: string, syntax: TextSyntax, opts: EngineOptions, key?: string): LateTextResult {
  if (text.length === 0) return { text, findings: [] }
  if (syntax !== 'plain' || text.length <= SHORT) return checkText(text, syntax, opts, key)
  // A field's value is published several times (the JSON report, a CSV cell, the HTML page's search
  // data): long plain values are checked once per engine options, within a bound on what is kept.
  // Values are remembered by their digest, and a clean one's result is remade from the text: a memo
  // keyed by the texts held up to 32 Mi characters of a spilled report's values alive, which no
  // longer fit the report worker's heap (docs/performance.md, "A full-mode dry-run's memory").
  let memo = memos.get(opts)
  if (!memo) memos.set(opts, (memo = { results: new Map(), chars: 0 }))
  const digest = createHash('sha256')
    .update(key ?? '')
    .update('\0')
    .update(text)
    .digest('base64')
  const known = memo.results.get(digest)
  if (known === CLEAN) return { text, findings: [] }
  if (known) return known
  const r = checkText(text, syntax, opts, key)
  const kept = r.findings.length ? r.text.length : 0
  if (memo.results.size >= MEMO_ENTRIES || memo.chars + kept > MEMO_CHARS) {
    memo.results.clear()
    memo.chars = 0
  }
  memo.results.set(digest, r.findings.length ? r : CLEAN)
  memo.chars += kept
  return r
}

/** The engine memoizes values up to this length itself. */
const SHORT = 64
/** Values remembered per job, and characters of the redacted texts among them. */
const MEMO_ENTRIES = 1 << 14
const MEMO_CHARS = 1024 * 1024
const CLEAN = 'clean'
/**
 * The lines remembered per job. A report of many sessions has as many lines of its own (its tables'
 * rows), which never repeat: kept to this, the memo stays a small part of the report worker's
 * capped heap (docs/performance.md, "Memory after the ingest").
 */
const LINE_MEMO_CHARS = 4 * 1024 * 1024

const memos = new WeakMap<EngineOptions, { results: Map<string, LateTextResult | typeof CLEAN>; chars: number }>()

function checkText(text: string, syntax: TextSyntax, opts: EngineOptions, key: string | undefined): LateTextResult {
  const view = normalizedView(text, syntax)
  const scanned = syntax === 'plain' ? redactText(view.text, opts).findings : scanByLine(view.text, opts)
  const found = key === undefined ? scanned : mergeFindings([...scanned, ...fieldFindings(key, view.text, opts)])
  if (found.length === 0) return { text, findings: [] }
  const markers: [number, number][] = []
  MARKER.lastIndex = 0
  for (let m = MARKER.exec(view.text); m; m = MARKER.exec(view.text)) markers.push([m.index, m.index + m[0].length])
  const lineLocal = new Set(opts.detectors.filter((d) => d.lineLocal).map((d) => d.id))
  const spans: { detector: string; start: number; end: number; value: string }[] = []
  for (const f of found) {
    // A line-local detector's match across a line break comes from the engine gluing wrapped
    // lines; in a rendered file adjacent lines are separate fields (a branch, then a repository).
    if (lineLocal.has(f.detector) && view.text.slice(f.start, f.end).includes('\n')) continue
    for (const [s, e] of outsideMarkers(f.start, f.end, markers)) {
      const [start, end] = view.toOriginal(s, e)
      const prev = spans[spans.length - 1]
      // Two view ranges can map into one decoded unit; one marker covers both.
      if (prev && start < prev.end) prev.end = Math.max(prev.end, end)
      else spans.push({ detector: f.detector, start, end, value: view.text.slice(s, e) })
    }
  }
  if (spans.length === 0) return { text, findings: [] }
  let out = ''
  let pos = 0
  for (const sp of spans) {
    const marker = textMarker(opts, sp.detector, sp.value)
    const slice = text.slice(sp.start, sp.end)
    let replacement = syntax === 'html' ? htmlReplacement(slice, marker) : marker
    // `[REDACTED:x](…)` or `[REDACTED:x]: …` would be a link in Markdown; a zero-width joiner keeps it text.
    if (syntax === 'markdown' && /^[([:]/.test(text.slice(sp.end, sp.end + 1))) replacement += '\u200d'
    out += text.slice(pos, sp.start) + replacement
    pos = sp.end
  }
  out += text.slice(pos)
  return { text: out, findings: spans.map((s) => ({ detector: s.detector, start: s.start, end: s.end })) }
}
