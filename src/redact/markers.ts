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
