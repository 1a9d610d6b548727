import type { SessionReview } from '../model/review.js'
import { escapeHtml, escapeLogText } from './html-escape.js'

/*
 * A reviewer's tags, notes and dispositions in the HTML report: empty strings for a session
 * without any, so a report of an unreviewed store is byte for byte what it was.
 */

const DISPOSITION_WORDS = { followed: 'followed', ignored: 'ignored', 'needs-review': 'needs review' } as const

/** The session's tags as badges (a prompt's with its number). */
export function tagBadges(review: SessionReview | undefined): string {
  if (!review) return ''
  return review.tags.map((t) => `<span class="badge tag">${escapeLogText(t.label)}${t.prompt === null ? '' : ` <b>#${t.prompt}</b>`}</span>`).join(' ')
}

/** The session's own notes, one paragraph each. */
export function sessionNotes(review: SessionReview | undefined): string {
  if (!review) return ''
  return review.notes
    .filter((n) => n.prompt === null)
    .map((n) => `<p class="note">${escapeLogText(n.text)}</p>`)
    .join('')
}

/** A prompt's disposition as a badge in its head line. */
export function dispositionBadge(review: SessionReview | undefined, ordinal: number): string {
  const d = review?.dispositions.find((x) => x.prompt === ordinal)
  return d ? ` <span class="badge disposition">${escapeHtml(DISPOSITION_WORDS[d.value])}</span>` : ''
}

/** A prompt's notes, under its text. */
export function promptNotes(review: SessionReview | undefined, ordinal: number): string {
  if (!review) return ''
  return review.notes
    .filter((n) => n.prompt === ordinal)
    .map((n) => `<p class="note">${escapeLogText(n.text)}</p>`)
    .join('')
}
