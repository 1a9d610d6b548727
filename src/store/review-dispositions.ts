import { DISPOSITIONS, DispositionSchema, type Disposition } from '../model/review.js'
import { prepared, type Db } from './db.js'
import { appendHistory } from './review-history.js'
import { settled, type ReviewChange } from './review-change.js'

export { DISPOSITIONS, DispositionSchema, type Disposition }

/** A disposition as a person may type it: `needs review`, `Needs_Review` and `needs-review` are one. */
export function parseDisposition(v: string): Disposition | undefined {
  const r = DispositionSchema.safeParse(
    v
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
  )
  return r.success ? r.data : undefined
}

export interface DispositionTarget {
  session: string
  /** The prompt number (1 = first): a disposition is always a prompt's. */
  prompt: number
}

export interface ReviewDisposition {
  session: string
  prompt: number
  value: Disposition
  actor: string
  at: string
}

interface Row {
  session_id: string
  prompt: number
  value: string
  actor: string
  at: string
}

const fromRow = (r: Row): ReviewDisposition => ({ session: r.session_id, prompt: r.prompt, value: DispositionSchema.parse(r.value), actor: r.actor, at: r.at })

function current(db: Db, t: DispositionTarget): Row | undefined {
  return prepared(db, `SELECT * FROM review_dispositions WHERE session_id = ? AND prompt = ?`).get(t.session, t.prompt) as Row | undefined
}

/**
 * Sets a prompt's disposition; false (and no history) when it already has that one. Replacing
 * another value records its removal first, so each history entry can be undone on its own.
 */
export function setDisposition(db: Db, target: DispositionTarget, value: Disposition, change: ReviewChange): boolean {
  const v = DispositionSchema.parse(value)
  const c = settled(change)
  return db
    .transaction(() => {
      const was = current(db, target)
      if (was?.value === v) return false
      if (was) appendHistory(db, { kind: 'disposition', action: 'remove', session: target.session, prompt: target.prompt, detail: was.value, ...c })
      prepared(
        db,
        `INSERT INTO review_dispositions (session_id, prompt, value, actor, at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (session_id, prompt) DO UPDATE SET value = excluded.value, actor = excluded.actor, at = excluded.at`
      ).run(target.session, target.prompt, v, c.actor, c.at)
      appendHistory(db, { kind: 'disposition', action: 'add', session: target.session, prompt: target.prompt, detail: v, ...c })
      return true
    })
    .immediate()
}

/** Clears a prompt's disposition; false (and no history) when it had none. */
export function clearDisposition(db: Db, target: DispositionTarget, change: ReviewChange): boolean {
  const c = settled(change)
  return db
    .transaction(() => {
      const was = current(db, target)
      if (!was) return false
      prepared(db, `DELETE FROM review_dispositions WHERE session_id = ? AND prompt = ?`).run(target.session, target.prompt)
      appendHistory(db, { kind: 'disposition', action: 'remove', session: target.session, prompt: target.prompt, detail: was.value, ...c })
      return true
    })
    .immediate()
}

/** Dispositions in session and prompt order, narrowed to a session (id or prefix). */
export function listDispositions(db: Db, filter: { session?: string } = {}): ReviewDisposition[] {
  const rows =
    filter.session === undefined
      ? prepared(db, `SELECT * FROM review_dispositions ORDER BY session_id, prompt`).all()
      : prepared(db, `SELECT * FROM review_dispositions WHERE substr(session_id, 1, ?) = ? ORDER BY session_id, prompt`).all(
          filter.session.length,
          filter.session
        )
  return (rows as Row[]).map(fromRow)
}

/** One session's dispositions, by the table's key. */
export function dispositionsOfSession(db: Db, sessionId: string): ReviewDisposition[] {
  return (prepared(db, `SELECT * FROM review_dispositions WHERE session_id = ? ORDER BY prompt`).all(sessionId) as Row[]).map(fromRow)
}
