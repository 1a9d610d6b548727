/**
 * Hygiene for log text before it enters a Markdown node. remark-stringify already escapes
 * Markdown syntax (pipes, backticks, `<`, `[`, `!`), but some things are not syntax to it and
 * still act on GitHub: mentions, issue references and autolink literals (a bare URL or e-mail
 * becomes a link again when GFM parses the output). Those are broken with an invisible
 * zero-width joiner, so the text still reads the same.
 */

export const ZWJ = '\u200d'

// C0/C1 controls (except tab and newline).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g
// The bidi embeddings, overrides, isolates and marks behind "Trojan Source" tricks that make
// text read differently from what it is. Every renderer (Markdown, HTML, CSV) and the CLI use
// this one list.
export const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Bidi controls replaced by U+FFFD: the text keeps its logical order on every display. */
export function neutralizeBidi(s: string): string {
  return s.replace(BIDI, '\ufffd')
}

// Any character one of `cleanControls`' replacements acts on (CR, CONTROL, BIDI): a text with
// none is returned as it is, after one scan instead of three.
// eslint-disable-next-line no-control-regex
const CLEANED = /[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Newlines normalized to LF; control characters made visible (`␀`) rather than passed on. */
export function cleanControls(s: string): string {
  if (!CLEANED.test(s)) return s
  return neutralizeBidi(
    s.replace(/\r\n?/g, '\n').replace(CONTROL, (c) => {
      const code = c.charCodeAt(0)
      if (code < 0x20) return String.fromCharCode(0x2400 + code)
      return code === 0x7f ? '\u2421' : '\ufffd'
    })
  )
}

// What any of `neutralize`'s replacements matches, in one expression: on a text it does not
// match, the first replacement changes nothing, so each next one sees the same text.
const NEUTRALIZED = /@[\w-]|#\d|gh-\d|:\/\/\S|\bwww\./i

/**
 * `@user`, `@org/team`, `#123`, `GH-123`, `owner/repo#123`, bare `https://…`, `www.…` and e-mail
 * addresses lose their power to notify or link.
 */
export function neutralize(s: string): string {
  if (!NEUTRALIZED.test(s)) return s
  return (
    s
      // Mentions and the e-mail autolink both need a word character right after `@`.
      .replace(/@(?=[\w-])/g, '@' + ZWJ)
      // Issue and pull-request references (cross-references notify the other repository),
      // in both their forms: `#123` and `GH-123` (any case).
      .replace(/#(?=\d)/g, '#' + ZWJ)
      .replace(/(gh-)(?=\d)/gi, '$1' + ZWJ)
      // URL autolink literals need a domain character right after the scheme.
      .replace(/(:\/\/)(?=\S)/g, '$1' + ZWJ)
      // `www.` autolinks need the dot right after `www`.
      .replace(/\b(www)(?=\.)/gi, '$1' + ZWJ)
  )
}

/** Log text for a `text` node. */
export function safeText(s: string): string {
  return neutralize(cleanControls(s))
}

/** One line for a table cell, heading or list line: all whitespace runs become one space. */
export function oneLine(s: string): string {
  return cleanControls(s).replace(/\s+/g, ' ').trim()
}

/** Log text for a `code` block: inert already, so only controls and line ends are cleaned. */
export function safeCode(s: string): string {
  return cleanControls(s)
}
