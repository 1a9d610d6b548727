import { z } from 'zod'
import type { Db } from '../store/db.js'
import type { ReviewChange } from '../store/review-change.js'
import { clearDisposition, DispositionSchema, dispositionsOfSession, setDisposition, type ReviewDisposition } from '../store/review-dispositions.js'
import { addNote, notesOfSession, type ReviewNote } from '../store/review-notes.js'
import { addTag, removeTag, tagsOfSession, type ReviewTag } from '../store/review-tags.js'
import { checkPrompt, resolveSession } from '../store/review-target.js'

/*
 * The page's tags, notes and dispositions: the bodies it posts, checked, and the same store
 * functions `ai-log-trail tag|note|disposition` call, so a change made on the page is stored and
 * recorded in the history exactly as one made on the command line.
 */

const SessionSchema = z.string().min(1).max(200)
const PromptSchema = z.number().int().positive()
const ReasonSchema = z.string().trim().max(500).optional()

export const TagRequestSchema = z.strictObject({
  session: SessionSchema,
  /** Absent or null: the whole session. */
  prompt: PromptSchema.nullish(),
  label: z.string().max(200),
  remove: z.boolean().optional(),
  reason: ReasonSchema
})
export type TagRequest = z.infer<typeof TagRequestSchema>

export const DispositionRequestSchema = z.strictObject({
  session: SessionSchema,
  prompt: PromptSchema,
  /** Null clears it. */
  value: DispositionSchema.nullable(),
  reason: ReasonSchema
})
export type DispositionRequest = z.infer<typeof DispositionRequestSchema>

export const NoteRequestSchema = z.strictObject({
  session: SessionSchema,
  prompt: PromptSchema.nullish(),
  text: z.string().max(10_000),
  reason: ReasonSchema
})
export type NoteRequest = z.infer<typeof NoteRequestSchema>

/** One session's marks as stored: the reviewer's own words, for the reviewer's own screen. */
export interface SessionMarks {
  tags: ReviewTag[]
  notes: ReviewNote[]
  dispositions: ReviewDisposition[]
}

/** The session and prompt a request names, checked against the store (a wrong one is a ReviewTargetError). */
function target(db: Db, session: string, prompt: number | null | undefined): { session: string; prompt: number | undefined } {
  const id = resolveSession(db, session)
  if (prompt !== undefined && prompt !== null) checkPrompt(db, id, prompt)
  return { session: id, prompt: prompt ?? undefined }
}

const changeOf = (actor: string, reason: string | undefined): ReviewChange => ({ actor, reason: reason?.trim() || undefined })

/** Adds or removes a tag; false when there was nothing to change (already tagged, or no such tag). */
export function changeTag(db: Db, r: TagRequest, actor: string): boolean {
  const t = { ...target(db, r.session, r.prompt), label: r.label }
  return r.remove ? removeTag(db, t, changeOf(actor, r.reason)) : addTag(db, t, changeOf(actor, r.reason))
}

/** Sets or clears a prompt's disposition; false when it already was so. */
export function changeDisposition(db: Db, r: DispositionRequest, actor: string): boolean {
  const { session } = target(db, r.session, r.prompt)
  const t = { session, prompt: r.prompt }
  return r.value === null ? clearDisposition(db, t, changeOf(actor, r.reason)) : setDisposition(db, t, r.value, changeOf(actor, r.reason))
}

export function addPageNote(db: Db, r: NoteRequest, actor: string): ReviewNote {
  return addNote(db, { ...target(db, r.session, r.prompt), text: r.text }, changeOf(actor, r.reason))
}

export function sessionMarks(db: Db, session: string): SessionMarks {
  return { tags: tagsOfSession(db, session), notes: notesOfSession(db, session), dispositions: dispositionsOfSession(db, session) }
}
