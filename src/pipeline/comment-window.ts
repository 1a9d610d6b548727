import { COMMENT_LIMIT } from '../render/comment/index.js'

/**
 * How much of each field the comment's report carries and redacts: far wider than the few hundred
 * characters a comment shows, so a secret crossing the cut is still whole where redaction looks.
 */
export const COMMENT_FIELD_CHARS = 8 * 1024

/** What `renderComment` leaves room for by default: GitHub's limit less the link line added when posting. */
export const COMMENT_BUDGET = COMMENT_LIMIT - 1_024
export const RELEASE_BUDGET = 100_000

/** The window the comment's report is built under, which the session cache's entries are made for. */
export const COMMENT_CACHE_WINDOW = { maxFieldChars: COMMENT_FIELD_CHARS, budget: Math.max(COMMENT_BUDGET, RELEASE_BUDGET) }
