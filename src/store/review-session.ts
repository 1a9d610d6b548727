import { prepared, type Db } from './db.js'
import { dispositionsOfSession, type ReviewDisposition } from './review-dispositions.js'
import { notesOfSession, type ReviewNote } from './review-notes.js'
import { tagsOfSession, type ReviewTag } from './review-tags.js'

/** Everything a review put on one session and its prompts, as a report carries it. */
export interface SessionReviewRows {
  tags: ReviewTag[]
  notes: ReviewNote[]
  dispositions: ReviewDisposition[]
}

/** Whether the store holds any review row at all: a report of a store without any reads nothing more. */
export function anyReview(db: Db): boolean {
  return (
    (
      prepared(
        db,
        `SELECT EXISTS (SELECT 1 FROM review_tags) OR EXISTS (SELECT 1 FROM review_notes) OR EXISTS (SELECT 1 FROM review_dispositions) AS any`
      ).get() as { any: number }
    ).any === 1
  )
}

/** One session's tags, notes and dispositions; undefined when it has none. */
export function sessionReview(db: Db, sessionId: string): SessionReviewRows | undefined {
  const tags = tagsOfSession(db, sessionId)
  const notes = notesOfSession(db, sessionId)
  const dispositions = dispositionsOfSession(db, sessionId)
  if (tags.length + notes.length + dispositions.length === 0) return undefined
  return { tags, notes, dispositions }
}
