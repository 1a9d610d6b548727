import type { BlockContent, PhrasingContent } from 'mdast'
import type { SessionReview } from '../model/review.js'
import { emphasis, inlineCode, joined, label, logLine, paragraph } from './md-nodes.js'

/*
 * A reviewer's tags, notes and dispositions in Markdown: nothing at all for a session without
 * any, so a report of an unreviewed store is byte for byte what it was.
 */

const DISPOSITION_WORDS = { followed: 'followed', ignored: 'ignored', 'needs-review': 'needs review' } as const

/** `Tags: `TICKET-7` · `slow` (prompt 2)` and the session's own notes, under its heading. */
export function sessionReviewBlocks(review: SessionReview | undefined): BlockContent[] {
  if (!review) return []
  const out: BlockContent[] = []
  if (review.tags.length)
    out.push(
      paragraph(
        label('Tags: '),
        ...joined(
          review.tags.map((t) => [inlineCode(t.label), ...(t.prompt === null ? [] : [label(` (prompt ${t.prompt})`)])]),
          ' · '
        )
      )
    )
  for (const n of review.notes) if (n.prompt === null) out.push(paragraph(emphasis(label('Note:')), label(' '), logLine(n.text)))
  return out
}

/** What follows a prompt's line: ` — _needs review_`; nothing without a disposition. */
export function promptDisposition(review: SessionReview | undefined, ordinal: number): PhrasingContent[] {
  const d = review?.dispositions.find((x) => x.prompt === ordinal)
  return d ? [label(' — '), emphasis(label(DISPOSITION_WORDS[d.value]))] : []
}

/** A prompt's notes, each a paragraph under the prompt. */
export function promptNotes(review: SessionReview | undefined, ordinal: number): BlockContent[] {
  if (!review) return []
  return review.notes.filter((n) => n.prompt === ordinal).map((n) => paragraph(emphasis(label('Note:')), label(' '), logLine(n.text)))
}
