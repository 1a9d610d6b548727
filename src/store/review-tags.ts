import { z } from 'zod'
import { prepared, type Db } from './db.js'
import { appendHistory } from './review-history.js'
import { promptOf, settled, storedPrompt, type ReviewChange } from './review-change.js'

/** A free-form label (a ticket, a theme) on a session or on one of its prompts. */
export const TagLabelSchema = z
  .string()
  .trim()
  .min(1, 'a tag needs a label')
  .max(200, 'a tag label is at most 200 characters')
  .refine((l) => !/[\r\n]/.test(l), 'a tag label is one line')

export interface TagTarget {
  session: string
  /** The prompt number (1 = first); null or absent for the whole session. */
  prompt?: number | null
  label: string
}

export interface ReviewTag {
  session: string
  prompt: number | null
  label: string
  actor: string
  at: string
}

interface Row {
  session_id: string
  prompt: number
  label: string
  actor: string
  at: string
}

const fromRow = (r: Row): ReviewTag => ({ session: r.session_id, prompt: promptOf(r.prompt), label: r.label, actor: r.actor, at: r.at })

/** Tags a session or prompt; false (and no history) when it already has that tag. */
export function addTag(db: Db, target: TagTarget, change: ReviewChange): boolean {
  const label = TagLabelSchema.parse(target.label)
  const c = settled(change)
  return db
    .transaction(() => {
      const r = prepared(db, `INSERT OR IGNORE INTO review_tags (session_id, prompt, label, actor, at) VALUES (?, ?, ?, ?, ?)`).run(
        target.session,
        storedPrompt(target.prompt),
        label,
        c.actor,
        c.at
      )
      if (r.changes === 0) return false
      appendHistory(db, { kind: 'tag', action: 'add', session: target.session, prompt: target.prompt ?? undefined, detail: label, ...c })
      return true
    })
    .immediate()
}

/** Removes a tag; false (and no history) when there was none. */
export function removeTag(db: Db, target: TagTarget, change: ReviewChange): boolean {
  const label = TagLabelSchema.parse(target.label)
  const c = settled(change)
  return db
    .transaction(() => {
      const r = prepared(db, `DELETE FROM review_tags WHERE session_id = ? AND prompt = ? AND label = ?`).run(
        target.session,
        storedPrompt(target.prompt),
        label
      )
      if (r.changes === 0) return false
      appendHistory(db, { kind: 'tag', action: 'remove', session: target.session, prompt: target.prompt ?? undefined, detail: label, ...c })
      return true
    })
    .immediate()
}

/** Tags in session, prompt and label order, narrowed to a session (id or prefix) or a label. */
export function listTags(db: Db, filter: { session?: string; label?: string } = {}): ReviewTag[] {
  const where: string[] = []
  const args: unknown[] = []
  if (filter.session !== undefined) {
    where.push('substr(session_id, 1, ?) = ?')
    args.push(filter.session.length, filter.session)
  }
  if (filter.label !== undefined) {
    where.push('label = ? COLLATE NOCASE')
    args.push(filter.label.trim())
  }
  const sql = `SELECT * FROM review_tags ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY session_id, prompt, label`
  return (prepared(db, sql).all(...args) as Row[]).map(fromRow)
}

/** The sessions that carry any of `labels` (compared without case), on the session or on one of its prompts. */
export function sessionsTagged(db: Db, labels: readonly string[]): Set<string> {
  const wanted = [...new Set(labels.map((l) => l.trim().toLowerCase()))]
  if (wanted.length === 0) return new Set()
  const rows = db
    .prepare(`SELECT DISTINCT session_id FROM review_tags WHERE lower(label) IN (${wanted.map(() => '?').join(', ')})`)
    .pluck()
    .all(...wanted) as string[]
  return new Set(rows)
}

/** One session's tags, by the table's key. */
export function tagsOfSession(db: Db, sessionId: string): ReviewTag[] {
  return (prepared(db, `SELECT * FROM review_tags WHERE session_id = ? ORDER BY prompt, label`).all(sessionId) as Row[]).map(fromRow)
}
