/**
 * Escaping for the HTML report. Every string that came from a log goes through one of these
 * before it reaches the page: log text is hostile input (a prompt can hold `</script>`).
 */

import { neutralizeBidi } from './safe-text.js'
import { beforeCutMarker } from './text.js'

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

// What `escapeHtml` changes: a bidi control (to U+FFFD, as `neutralizeBidi` does) or a character
// HTML gives a meaning. The two sets are apart and each character maps to one string, so one pass
// gives what a pass for each gives in turn.
const ESCAPED = /[&<>"'\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const ESCAPED_ALL = new RegExp(ESCAPED.source, 'g')
const escaped = (c: string): string => HTML_ESCAPES[c] ?? '\ufffd'

/** Escapes text for element content and for quoted attribute values alike; bidi controls are neutralized. */
export function escapeHtml(text: string): string {
  return ESCAPED.test(text) ? text.replace(ESCAPED_ALL, escaped) : text
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

// What `cleanText` then `escapeHtml` change, in one expression: an ANSI sequence (tried first,
// as `cleanText` removes sequences before it replaces controls; a sequence holds no control
// character, so removing one never joins two others into a new one), a control, a bidi control,
// a character HTML gives a meaning. A text none of them matches comes out of both as it went in.
// eslint-disable-next-line no-control-regex
const LOG_ESCAPED = /\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f&<>"'\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const logEscaped = (m: string): string => (m.length > 1 ? '' : (HTML_ESCAPES[m] ?? '\ufffd'))

/** `escapeHtml(cleanText(text))` in one pass over the text. */
function escapeClean(text: string): string {
  return text.replace(LOG_ESCAPED, logEscaped)
}

// Matches a redaction marker after escaping: the marker's own characters are never escaped, so
// the escaped text still holds it verbatim, and the kind cannot contain `&`, so an entity is
// never split.
const MARKER = /\[REDACTED:([A-Za-z0-9_.-]{1,64})((?::[0-9a-f]{10}|#[0-9]{1,9})?)\]/g

/** Escapes log text and shows each `[REDACTED:kind]` marker (with its tag, `:0a1b…` or `#3`, if any) as a badge. */
export function escapeLogText(text: string): string {
  const escapedText = escapeClean(text)
  // The markers are looked for after escaping, as before: removing an ANSI sequence can make one.
  return escapedText.includes('[REDACTED:')
    ? escapedText.replace(MARKER, '<span class="redacted" title="removed by redaction rule $1">[REDACTED:$1$2]</span>')
    : escapedText
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
