import { looksLikeJsonContainer, pairKey } from '../engine.js'
import { checkedOnce } from '../late-memo.js'
import type { EngineOptions, Finding } from '../types.js'
import { lateRedactText } from './text.js'

export interface LateJsonResult {
  value: unknown
  findings: Finding[]
}

function checkString(s: string, key: string | undefined, opts: EngineOptions, sink: Finding[]): string {
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
  const r = lateRedactText(s, 'plain', opts, key)
  sink.push(...r.findings)
  return r.text
}

function walk(value: unknown, key: string | undefined, opts: EngineOptions, sink: Finding[]): unknown {
  if (typeof value === 'string') return checkString(value, key, opts, sink)
  if (Array.isArray(value)) return value.map((item) => walk(item, key, opts, sink))
  if (value === null || typeof value !== 'object') return value
  const obj = value as Record<string, unknown>
  const pk = pairKey(obj)
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) {
    let newKey = checkString(k, undefined, opts, sink)
    while (newKey !== k && Object.prototype.hasOwnProperty.call(out, newKey)) newKey += '#'
    out[newKey] = walk(v, k === 'value' && pk !== undefined ? pk : k, opts, sink)
  }
  return out
}

/**
 * The last check of a decoded JSON value: as the engine's `redactJson` walks it (keys, nested JSON
 * texts, key-name rules on the values under a key), but each string checked as published text, so
 * the last check's rules (markers never flagged, no gluing of adjacent lines) hold in JSON too.
 */
export function lateRedactJsonValue(value: unknown, opts: EngineOptions): LateJsonResult {
  if (value === null || typeof value !== 'object') return walkValue(value, opts)
  // A document (a report's frame, a session) the check found clean in an earlier run is not walked
  // again; it is known by its JSON text, which holds every string and key the walk would check.
  return checkedOnce(
    opts,
    'json',
    () => jsonTextOf(value),
    () => walkValue(value, opts),
    () => ({ value, findings: [] })
  )
}

function jsonTextOf(value: object): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

function walkValue(value: unknown, opts: EngineOptions): LateJsonResult {
  const findings: Finding[] = []
  const out = walk(value, undefined, opts, findings)
  return { value: findings.length ? out : value, findings }
}
