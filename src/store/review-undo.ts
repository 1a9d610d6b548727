import { prepared, type Db } from './db.js'
import { historyEntry, listHistory, type HistoryEntry } from './review-history.js'
import { settled, storedPrompt, type ReviewChange } from './review-change.js'
import { clearDisposition, DispositionSchema, setDisposition } from './review-dispositions.js'
import { addNote, removeNote } from './review-notes.js'
import { addTag, removeTag } from './review-tags.js'
import { ReviewTargetError } from './review-target.js'

/**
 * Reverses one history entry by making the opposite change, which is itself recorded: the
 * history is never edited. Returns the entries the undo added. Rules-file entries (redaction,
 * allow, private) live in the rules file, not here: the review page and `redactions remove` undo those.
 */
export function undoHistory(db: Db, id: number, change: ReviewChange): HistoryEntry[] {
  const e = historyEntry(db, id)
  if (!e) throw new ReviewTargetError(`no history entry ${id}`)
  if (e.kind !== 'tag' && e.kind !== 'note' && e.kind !== 'disposition')
    throw new ReviewTargetError(`history entry ${id} is a rules-file ${e.kind} entry: undo it on the review page or with ai-log-trail redactions remove`)
  const c = settled(change)
  const withReason = { ...c, reason: c.reason ?? `undo of #${id}` }
  const before = listHistory(db, { limit: 1 })[0]?.id ?? 0
  const changed = db
    .transaction((): boolean => {
      if (e.session === null) throw new ReviewTargetError(`history entry ${id} names no session`)
      const target = { session: e.session, prompt: e.prompt }
      switch (e.kind) {
        case 'tag':
          return e.action === 'add' ? removeTag(db, { ...target, label: e.detail }, withReason) : addTag(db, { ...target, label: e.detail }, withReason)
        case 'note': {
          if (e.action === 'remove') return addNote(db, { ...target, text: e.detail }, withReason) !== undefined
          // The newest note of that text on that session or prompt: the one the entry added, or its twin.
          const noteId = prepared(db, `SELECT MAX(id) FROM review_notes WHERE session_id = ? AND prompt = ? AND text = ?`)
            .pluck()
            .get(e.session, storedPrompt(e.prompt), e.detail) as number | null
          return noteId !== null && removeNote(db, noteId, withReason) !== undefined
        }
        default: {
          if (e.prompt === null) throw new ReviewTargetError(`history entry ${id} names no prompt`)
          const value = DispositionSchema.parse(e.detail)
          const now = prepared(db, `SELECT value FROM review_dispositions WHERE session_id = ? AND prompt = ?`).pluck().get(e.session, e.prompt) as
            string | undefined
          if (e.action === 'remove') return setDisposition(db, { session: e.session, prompt: e.prompt }, value, withReason)
          if (now !== value) return false
          return clearDisposition(db, { session: e.session, prompt: e.prompt }, withReason)
        }
      }
    })
    .immediate()
  if (!changed) throw new ReviewTargetError(`history entry ${id} has nothing left to undo: a later change already reversed it`)
  return listHistory(db, { limit: 2 }).filter((h) => h.id > before)
}
