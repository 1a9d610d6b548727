import { z } from 'zod'
import { prepared, type Db } from './db.js'
import { appendHistory } from './review-history.js'
import { promptOf, settled, storedPrompt, type ReviewChange } from './review-change.js'

export const NoteTextSchema = z.string().trim().min(1, 'a note needs text').max(10_000, 'a note is at most 10000 characters')

export interface NoteTarget {
  session: string
  /** The prompt number (1 = first); null or absent for the whole session. */
  prompt?: number | null
  text: string
}

export interface ReviewNote {
  id: number
  session: string
  prompt: number | null
  text: string
  actor: string
  at: string
}

interface Row {
  id: number
  session_id: string
  prompt: number
  text: string
  actor: string
  at: string
}

const fromRow = (r: Row): ReviewNote => ({ id: r.id, session: r.session_id, prompt: promptOf(r.prompt), text: r.text, actor: r.actor, at: r.at })

/** Adds a note to a session or prompt; returns it with its id (what `removeNote` takes). */
export function addNote(db: Db, target: NoteTarget, change: ReviewChange): ReviewNote {
  const text = NoteTextSchema.parse(target.text)
  const c = settled(change)
  return db
    .transaction(() => {
      const r = prepared(db, `INSERT INTO review_notes (session_id, prompt, text, actor, at) VALUES (?, ?, ?, ?, ?)`).run(
        target.session,
        storedPrompt(target.prompt),
        text,
        c.actor,
        c.at
      )
      appendHistory(db, { kind: 'note', action: 'add', session: target.session, prompt: target.prompt ?? undefined, detail: text, ...c })
      return { id: Number(r.lastInsertRowid), session: target.session, prompt: target.prompt ?? null, text, actor: c.actor, at: c.at }
    })
    .immediate()
}

/** Removes a note by its id; returns what was removed, or undefined (and no history) when there is no such note. */
export function removeNote(db: Db, id: number, change: ReviewChange): ReviewNote | undefined {
  const c = settled(change)
  return db
    .transaction(() => {
      const r = prepared(db, `SELECT * FROM review_notes WHERE id = ?`).get(id) as Row | undefined
      if (!r) return undefined
      prepared(db, `DELETE FROM review_notes WHERE id = ?`).run(id)
      const note = fromRow(r)
      appendHistory(db, { kind: 'note', action: 'remove', session: note.session, prompt: note.prompt ?? undefined, detail: note.text, ...c })
      return note
    })
    .immediate()
}

/** Notes oldest first, narrowed to a session (id or prefix). */
export function listNotes(db: Db, filter: { session?: string } = {}): ReviewNote[] {
  const rows =
    filter.session === undefined
      ? prepared(db, `SELECT * FROM review_notes ORDER BY id`).all()
      : prepared(db, `SELECT * FROM review_notes WHERE substr(session_id, 1, ?) = ? ORDER BY id`).all(filter.session.length, filter.session)
  return (rows as Row[]).map(fromRow)
}

/** One session's notes, by the notes' index (the report reads them session by session). */
export function notesOfSession(db: Db, sessionId: string): ReviewNote[] {
  return (prepared(db, `SELECT * FROM review_notes WHERE session_id = ? ORDER BY prompt, id`).all(sessionId) as Row[]).map(fromRow)
}
