/**
 * Hygiene for log text before it enters a Markdown node. remark-stringify already escapes
 * Markdown syntax (pipes, backticks, `<`, `[`, `!`), but some things are not syntax to it and
 * still act on GitHub: mentions, issue references and autolink literals (a bare URL or e-mail
 * becomes a link again when GFM parses the output). Those are broken with an invisible
 * zero-width joiner, so the text still reads the same.
 */

export const ZWJ = '\u200d'

// C0/C1 controls (except tab and newline), and the bidi overrides behind "Trojan Source"
// tricks that make text read differently from what it is.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g

/** Newlines normalized to LF; control characters made visible (`␀`) rather than passed on. */
export function cleanControls(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0)
      if (code < 0x20) return String.fromCharCode(0x2400 + code)
      return code === 0x7f ? '\u2421' : '\ufffd'
    })
    .replace(BIDI, '\ufffd')
}

/**
 * `@user`, `@org/team`, `#123`, `owner/repo#123`, bare `https://…`, `www.…` and e-mail
 * addresses lose their power to notify or link.
 */
export function neutralize(s: string): string {
  return (
    s
      // Mentions and the e-mail autolink both need a word character right after `@`.
      .replace(/@(?=[\w-])/g, '@' + ZWJ)
      // Issue and pull-request references (cross-references notify the other repository).
      .replace(/#(?=\d)/g, '#' + ZWJ)
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
