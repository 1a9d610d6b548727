import { MAX_JSON_DEPTH } from './json-depth.js'

/**
 * What a person can write in a prompt to control its publication:
 * `[redact]…[/redact]` hides a span; a prompt that begins with `[private]` is counted but never shown.
 * An opening `[redact]` without its closing tag hides the rest of the prompt (a leak is worse than a gap).
 */
const SPAN = /\[redact\][\s\S]*?(?:\[\/redact\]|$)/gi

export const PRIVATE_PREFIX = /^\s*\[private\]/i

export function applySpanMarkers(text: string): { text: string; count: number } {
  let count = 0
  const out = text.replace(SPAN, () => {
    count++
    return '[REDACTED:marker]'
  })
  return { text: out, count }
}

/** A text with the person's markers applied: a `[private]` text is hidden whole. */
export function applyPromptMarkers(text: string): string {
  return PRIVATE_PREFIX.test(text) ? '[REDACTED:private]' : applySpanMarkers(text).text
}

/**
 * The markers applied inside every string of a decoded JSON value, keys left alone. Containers
 * deeper than MAX_JSON_DEPTH are returned as they are: the engine replaces them whole.
 */
export function markJsonStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return applyPromptMarkers(value)
  if (value === null || typeof value !== 'object' || depth >= MAX_JSON_DEPTH) return value
  if (Array.isArray(value)) return value.map((x) => markJsonStrings(x, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, markJsonStrings(x, depth + 1)]))
}
