import { z } from 'zod'
import { prepared, type Db } from './db.js'

/**
 * The history of every review change: tags, notes and dispositions (recorded by their own store
 * functions) and the rules-file edits of the review page (redactions, allow entries, private
 * marks), which their caller records with one `appendHistory`. Entries are only ever added: an
 * undo is a new `remove` entry, so who did what, when and why stays readable.
 */
export const HISTORY_KINDS = ['tag', 'note', 'disposition', 'redaction', 'allow', 'private'] as const
export const HistoryKindSchema = z.enum(HISTORY_KINDS)
export type HistoryKind = z.infer<typeof HistoryKindSchema>

export const HistoryActionSchema = z.enum(['add', 'remove'])
export type HistoryAction = z.infer<typeof HistoryActionSchema>

// Not strict: a caller's own description of its change (the review page's rules-file edits) can
// be passed as it is, with the actor and reason added; keys the history has no column for are dropped.
export const HistoryEntryInputSchema = z.object({
  kind: HistoryKindSchema,
  action: HistoryActionSchema,
  /** The session the change is about; none for a rules-file entry that applies everywhere. */
  session: z.string().min(1).nullish(),
  /** The prompt number in the session (1 = first); none for the whole session. */
  prompt: z.number().int().positive().nullish(),
  /** What was added or removed: the label, the note's text, the disposition, the rule's value or pattern. */
  detail: z.string(),
  actor: z.string().trim().min(1),
  reason: z.string().trim().min(1).optional(),
  /** When (ISO 8601); default now. */
  at: z.string().min(1).optional()
})
export type HistoryEntryInput = z.input<typeof HistoryEntryInputSchema>

export const HistoryEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  kind: HistoryKindSchema,
  action: HistoryActionSchema,
  session: z.string().nullable(),
  prompt: z.number().int().nullable(),
  detail: z.string(),
  reason: z.string().nullable()
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

export const HistoryFilterSchema = z.strictObject({
  /** A session id or its prefix. */
  session: z.string().min(1).optional(),
  prompt: z.number().int().positive().optional(),
  kind: HistoryKindSchema.optional(),
  /** The newest `limit` entries (still listed oldest first). */
  limit: z.number().int().positive().optional()
})
export type HistoryFilter = z.input<typeof HistoryFilterSchema>

interface Row {
  id: number
  at: string
  actor: string
  kind: string
  action: string
  session_id: string | null
  prompt: number | null
  detail: string
  reason: string | null
}

const fromRow = (r: Row): HistoryEntry =>
  HistoryEntrySchema.parse({
    id: r.id,
    at: r.at,
    actor: r.actor,
    kind: r.kind,
    action: r.action,
    session: r.session_id,
    prompt: r.prompt,
    detail: r.detail,
    reason: r.reason
  })

/** Records one change; returns the entry as stored. Call inside the change's own transaction. */
export function appendHistory(db: Db, entry: HistoryEntryInput): HistoryEntry {
  const e = HistoryEntryInputSchema.parse(entry)
  const at = e.at ?? new Date().toISOString()
  const r = prepared(db, `INSERT INTO review_history (at, actor, kind, action, session_id, prompt, detail, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
    at,
    e.actor,
    e.kind,
    e.action,
    e.session ?? null,
    e.prompt ?? null,
    e.detail,
    e.reason ?? null
  )
  return {
    id: Number(r.lastInsertRowid),
    at,
    actor: e.actor,
    kind: e.kind,
    action: e.action,
    session: e.session ?? null,
    prompt: e.prompt ?? null,
    detail: e.detail,
    reason: e.reason ?? null
  }
}

/** The history, oldest first, narrowed by session (id or prefix), prompt and kind. */
export function listHistory(db: Db, filter: HistoryFilter = {}): HistoryEntry[] {
  const f = HistoryFilterSchema.parse(filter)
  const where: string[] = []
  const args: unknown[] = []
  if (f.session !== undefined) {
    where.push(`substr(session_id, 1, ?) = ?`)
    args.push(f.session.length, f.session)
  }
  if (f.prompt !== undefined) {
    where.push('prompt = ?')
    args.push(f.prompt)
  }
  if (f.kind !== undefined) {
    where.push('kind = ?')
    args.push(f.kind)
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const sql =
    f.limit === undefined
      ? `SELECT * FROM review_history ${cond} ORDER BY id`
      : `SELECT * FROM (SELECT * FROM review_history ${cond} ORDER BY id DESC LIMIT ?) ORDER BY id`
  if (f.limit !== undefined) args.push(f.limit)
  return (prepared(db, sql).all(...args) as Row[]).map(fromRow)
}

/** One entry by its id. */
export function historyEntry(db: Db, id: number): HistoryEntry | undefined {
  const r = prepared(db, `SELECT * FROM review_history WHERE id = ?`).get(id) as Row | undefined
  return r && fromRow(r)
}
