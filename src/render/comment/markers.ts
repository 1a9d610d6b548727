import { ZWJ } from '../safe-text.js'

/** Finds this tool's sticky comment; the version lets a future layout replace an older one. */
export const COMMENT_MARKER = '<!-- ai-log-trail:pr-comment v1 -->'

/**
 * Log text that quotes one of this tool's hidden markers (the comment's, or the release
 * section's start and end) would be taken for the marker and end or restart a section. A
 * zero-width joiner inside the quote breaks the match and still reads the same; it is applied
 * to rendered Markdown, so the quote is caught whether it sits in text, code or a table.
 */
export function defuseMarkers(markdown: string): string {
  return markdown.replace(/(<!--\s*ai-log-trail):/g, `$1${ZWJ}:`)
}
