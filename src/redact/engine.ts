import { applyFindings, mergeFindings } from './engine/merge.js'
import { allowed, scan } from './engine/scan.js'
import { prefilterFor, withPrefilter } from './prefilter.js'
import { MAX_JSON_DEPTH, TOO_DEEP } from './json-depth.js'
import { isStructuralValue, structuralOptions } from './structure.js'
import type { FieldKind } from '../config/choices.js'
import type { EngineOptions, Finding } from './types.js'

export type { EngineOptions } from './types.js'
export { base64Runs } from './engine/encoded.js'
export { defaultMarker, mergeFindings } from './engine/merge.js'
export { MAX_JSON_DEPTH, TOO_DEEP } from './json-depth.js'

/*
 * The engine is a pure function of (detectors, value, field kind): `engine/views.ts` derives the
 * strings detectors see, `engine/scan.ts` runs them, `engine/merge.ts` merges and replaces; this
 * module walks JSON values and lines.
 */

export interface RedactTextResult {
  text: string
  /** Merged findings, one per marker, in offsets of the input text. */
  findings: Finding[]
}

/**
 * The merged findings of one string the engine redacts, under `opts`; `key` is the object key it
 * sits under, when key-name rules apply. A redaction cache passes one that replays stored results.
 */
export type FindingsOf = (text: string, opts: EngineOptions, key?: string) => Finding[]

export const freshFindings: FindingsOf = (text, opts, key) => {
  const found = scan(text, opts)
  if (key === undefined) return mergeFindings(found)
  const fields = fieldFindings(key, text, opts)
  return mergeFindings(fields.length === 0 ? found : [...found, ...fields])
}

export function redactText(text: string, opts: EngineOptions, findingsOf: FindingsOf = freshFindings): RedactTextResult {
  return withPrefilter(opts.detectors, () => {
    const merged = findingsOf(text, opts)
    return { text: applyFindings(text, merged, opts), findings: merged }
  })
}

function fieldFindings(key: string, value: string, opts: EngineOptions): Finding[] {
  const out: Finding[] = []
  for (const d of prefilterFor(opts.detectors).fieldDetectors) {
    if (!d.findInField) continue
    try {
      for (const f of d.findInField(key, value)) {
        if (!allowed(value.slice(f.start, f.end), opts, d.id)) out.push(f)
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

export function looksLikeJsonContainer(s: string): boolean {
  const t = s.trim()
  if (t.length < 2) return false
  const first = t[0]
  const last = t[t.length - 1]
  return (first === '{' && last === '}') || (first === '[' && last === ']')
}

/** A `{name|key|header, value}` pair carries its key name as data (HTTP header lists, env arrays). */
export function pairKey(obj: Record<string, unknown>): string | undefined {
  if (typeof obj.value !== 'string') return undefined
  for (const k of ['name', 'key', 'header']) {
    const v = obj[k]
    if (typeof v === 'string') return v
  }
  return undefined
}

const TOO_DEEP_MARKER = `[REDACTED:${TOO_DEEP}]`

function redactString(s: string, key: string | undefined, opts: EngineOptions, sink: Finding[], depth: number, findingsOf: FindingsOf): string {
  if (isStructuralValue(key, s)) {
    // An identifier: only prefixed tokens are looked for, so the log's chain survives redaction.
    const structural = structuralOptions(opts)
    const merged = findingsOf(s, structural)
    sink.push(...merged)
    return applyFindings(s, merged, structural)
  }
  if (looksLikeJsonContainer(s)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(s)
    } catch {
      parsed = undefined
    }
    if (parsed !== null && typeof parsed === 'object') {
      const nested: Finding[] = []
      const value = walk(parsed, undefined, opts, nested, depth, findingsOf)
      if (nested.length === 0) return s
      sink.push(...nested)
      return JSON.stringify(value)
    }
  }
  const merged = findingsOf(s, opts, key)
  sink.push(...merged)
  return applyFindings(s, merged, opts)
}

/**
 * `depth` counts the containers around `value`. A container none of whose keys and values
 * changed is returned as it is, not copied: most of a line is. One holding a `__proto__` key is
 * always copied, as every container once was, so what it serialises to stays the same (a copy
 * made by assignment drops that key).
 */
function walk(value: unknown, key: string | undefined, opts: EngineOptions, sink: Finding[], depth: number, findingsOf: FindingsOf): unknown {
  if (typeof value === 'string') return redactString(value, key, opts, sink, depth, findingsOf)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_JSON_DEPTH) {
    sink.push({ detector: TOO_DEEP, start: 0, end: 0 })
    return TOO_DEEP_MARKER
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      const redacted = walk(item, key, opts, sink, depth + 1, findingsOf)
      if (out === undefined && redacted !== item) out = value.slice(0, i)
      if (out !== undefined) out.push(redacted)
    }
    return out ?? value
  }
  const obj = value as Record<string, unknown>
  const pk = pairKey(obj)
  const entries = Object.entries(obj)
  let out: Record<string, unknown> | undefined = Object.prototype.hasOwnProperty.call(obj, '__proto__') ? {} : undefined
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]
    // Keys can hold data too (Codex file-change maps are keyed by absolute path).
    let newKey = redactString(k, undefined, opts, sink, depth + 1, findingsOf)
    if (out === undefined && newKey !== k) out = copyOf(entries, i)
    if (out !== undefined) while (newKey !== k && Object.prototype.hasOwnProperty.call(out, newKey)) newKey += '#'
    const effectiveKey = k === 'value' && pk !== undefined ? pk : k
    const redacted = walk(v, effectiveKey, opts, sink, depth + 1, findingsOf)
    if (out === undefined && redacted !== v) out = copyOf(entries, i)
    if (out !== undefined) out[newKey] = redacted
  }
  return out ?? obj
}

/** The first `n` entries as a new object, assigned one by one as `walk` assigns the rest. */
function copyOf(entries: ReadonlyArray<[string, unknown]>, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < n; i++) out[entries[i][0]] = entries[i][1]
  return out
}

/**
 * Redacts every string inside a decoded JSON value. Strings that are themselves JSON
 * containers are parsed, redacted and re-serialised. An identifier under a structural key
 * (`uuid`, `call_id`, …; see `structure.ts`) is only searched for prefixed tokens, and a
 * container nested deeper than MAX_JSON_DEPTH becomes one `[REDACTED:too-deep]` marker.
 * `fieldKind` is accepted for per-field policy; today every kind gets every detector, because
 * a report field (cwd, repo URL) can carry personal data as easily as a prompt.
 */
export function redactJson(value: unknown, opts: EngineOptions, _fieldKind?: FieldKind, findingsOf: FindingsOf = freshFindings): RedactJsonResult {
  return withPrefilter(opts.detectors, () => {
    const findings: Finding[] = []
    const out = walk(value, undefined, opts, findings, 0, findingsOf)
    return { value: findings.length > 0 ? out : value, findings }
  })
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
