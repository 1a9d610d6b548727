import type { SessionReview } from '../model/review.js'
import type { Db } from '../store/db.js'
import { anyReview, sessionReview } from '../store/review-session.js'

/**
 * The review field of each session of a report, read only when the store holds any review at
 * all: a report of a store nobody reviewed reads nothing more and carries no field.
 */
export function reviewReader(db: Db): (sessionId: string) => { review?: SessionReview } {
  if (!anyReview(db)) return () => ({})
  return (sessionId) => {
    const r = sessionReview(db, sessionId)
    if (!r) return {}
    return {
      review: {
        tags: r.tags.map((t) => ({ prompt: t.prompt, label: t.label })),
        notes: r.notes.map((n) => ({ prompt: n.prompt, text: n.text })),
        dispositions: r.dispositions.map((d) => ({ prompt: d.prompt, value: d.value }))
      }
    }
  }
}
