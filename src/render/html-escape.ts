/**
 * Escaping for the HTML report. Every string that came from a log goes through one of these
 * before it reaches the page: log text is hostile input (a prompt can hold `</script>`).
 */

import { neutralizeBidi } from './safe-text.js'
import { beforeCutMarker } from './text.js'

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and for quoted attribute values alike; bidi controls are neutralized. */
export function escapeHtml(text: string): string {
  return neutralizeBidi(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
}

// Terminal colour codes make tool output unreadable once the terminal is gone; other C0
// controls are invisible in a page and are parse errors in HTML, so they become U+FFFD.
// eslint-disable-next-line no-control-regex
const ANSI_CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g

export function cleanText(text: string): string {
  return text.replace(ANSI_CSI, '').replace(CONTROL, '\uFFFD')
}

// Matches a redaction marker after escaping: the marker's own characters are never escaped, so
// the escaped text still holds it verbatim, and the kind cannot contain `&`, so an entity is
// never split.
const MARKER = /\[REDACTED:([A-Za-z0-9_.-]{1,64})((?::[0-9a-f]{10}|#[0-9]{1,9})?)\]/g

/** Escapes log text and shows each `[REDACTED:kind]` marker (with its tag, `:0a1b…` or `#3`, if any) as a badge. */
export function escapeLogText(text: string): string {
  return escapeHtml(cleanText(text)).replace(MARKER, '<span class="redacted" title="removed by redaction rule $1">[REDACTED:$1$2]</span>')
}

/**
 * Serializes data for a `<script type="application/json">` block. `<`, `>` and `&` become
 * `\u003c`-style escapes so no `</script>` or `<!--` in a log can end or confuse the block;
 * U+2028/2029 are escaped for older parsers that treat them as line ends.
 */
export function jsonForScript(value: unknown): string {
  // Bidi controls are neutralized as on the page, so the search data matches the visible text.
  return neutralizeBidi(JSON.stringify(value)).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

/** Truncates without splitting a surrogate pair, so the cut never leaves a broken character. */
export function truncate(text: string, max: number): { text: string; cut: number } {
  if (text.length <= max) return { text, cut: 0 }
  let end = max
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end -= 1
  end = beforeCutMarker(text, end)
  return { text: text.slice(0, end), cut: text.length - end }
}
