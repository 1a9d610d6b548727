import { z } from 'zod'
import type { HashedLiteral } from '../config/schema.js'
import { findOccurrences, hashLiteral } from '../redact/hashed-literal.js'
import { addRuleText, appendEntryText, entriesAt, removeEntryText, SECTIONS, type NewRule, type Section } from './rules-file.js'
import { looksSecret } from './secret-looking.js'

export { looksSecret } from './secret-looking.js'
import { parseDocument } from 'yaml'

/*
 * The review entries of the rules file — one text redacted in one field, a detector's false
 * positive allowed, a session or prompt made private — as the page and `redactions` add, list
 * and remove them. Every edit returns a short note of what it did, for the audit history.
 */

/** What an edit of the rules file did, in a line: for the audit history and the page's status. */
export interface RulesEditNote {
  kind: 'redaction' | 'allow' | 'private'
  action: 'add' | 'remove'
  session?: string
  prompt?: number
  detail: string
}

export interface Edited {
  text: string
  note: RulesEditNote
}

/** Who and when, written with every entry. */
export interface Audit {
  actor: string
  date: string
  reason: string
}

const FieldSchema = z.enum(['prompt', 'text', 'arguments', 'output'])
const ReasonSchema = z.string().trim().min(1).max(500)

/** One selected text of one field, to redact there only. */
export const OccurrenceSchema = z.strictObject({
  session: z.string().min(4),
  field: FieldSchema,
  /** A prompt's number in the session: the prompt itself (field prompt), or with `action` the event under it. */
  prompt: z.number().int().positive().optional(),
  /** The event's place under `prompt` (1 = first): the form that stays right when the database is rebuilt. */
  action: z.number().int().positive().optional(),
  /** The event's id in this database: the old form, for an event before the first prompt. */
  event: z.number().int().positive().optional(),
  value: z
    .string()
    .min(1)
    .max(4096)
    .refine((v) => !v.includes('[REDACTED:'), 'the selection holds a redaction marker: select the value itself, in the raw text if need be'),
  reason: ReasonSchema.default('redacted in review')
})
export type Occurrence = z.input<typeof OccurrenceSchema>

/** A value one detector should not have redacted. */
export const AllowSchema = z.strictObject({
  detector: z.string().min(1).max(100),
  value: z.string().min(1).max(4096),
  reason: ReasonSchema.default('false positive, allowed in review')
})
export type AllowRequest = z.input<typeof AllowSchema>

/** A session, or one prompt of it, to publish empty. */
export const PrivateSchema = z.strictObject({
  session: z.string().min(4),
  prompt: z.number().int().positive().optional(),
  reason: ReasonSchema.default('private, marked in review')
})
export type PrivateRequest = z.input<typeof PrivateSchema>

function where(o: { field: string; prompt?: number; action?: number; event?: number }): string {
  if (o.action !== undefined) return `the ${o.field} of action ${o.action} under prompt ${o.prompt}`
  return o.prompt !== undefined ? `prompt ${o.prompt}` : `the ${o.field} of event ${o.event}`
}

/** Whether the occurrence names its place one way only: a prompt by number, any other field by its place under a prompt or its event id. */
function namedOnce(o: { field: string; prompt?: number; action?: number; event?: number }): boolean {
  if (o.field === 'prompt') return o.prompt !== undefined && o.action === undefined && o.event === undefined
  return o.event !== undefined ? o.prompt === undefined && o.action === undefined : o.prompt !== undefined && o.action !== undefined
}

function shown(find: string | HashedLiteral): string {
  return typeof find === 'string' ? JSON.stringify(find) : `a hashed value of ${find.length} characters`
}

/**
 * Adds a find-override for one selected text of one field. `raw` is that field's raw text: the
 * selection must be found in it as the engine will look for it, or nothing is written. A
 * secret-looking selection is written as a hashed literal, never in clear.
 */
export function addOccurrence(text: string, input: Occurrence, raw: string, audit: Omit<Audit, 'reason'>, file?: string): Edited {
  const o = OccurrenceSchema.parse(input)
  if (!namedOnce(o)) throw new Error('a prompt is named by its number, any other field by its place under a prompt (prompt and action) or its event id')
  const find = looksSecret(o.value) ? hashLiteral(o.value) : o.value
  if (findOccurrences(raw, find).length === 0)
    throw new Error('the selection is not in the raw text of this field as selected: select whole words, or select them in the raw text')
  const entry = {
    session: o.session,
    ...(o.event !== undefined ? { event: o.event } : { prompt: o.prompt, ...(o.action !== undefined ? { action: o.action } : {}) }),
    field: o.field,
    find,
    actor: audit.actor,
    date: audit.date,
    reason: o.reason
  }
  return {
    text: appendEntryText(text, 'overrides', entry, file),
    note: { kind: 'redaction', action: 'add', session: o.session, prompt: o.prompt, detail: `redact ${shown(find)} in ${where(o)}` }
  }
}

/** Adds a rule redacting the value everywhere (written hashed when it looks secret); the note describes the entry, never a hashed value. */
export function addRule(text: string, input: NewRule, file?: string): Edited {
  const out = addRuleText(text, input, file)
  const added = listEntries(out)
    .filter((e) => e.section === 'rules')
    .at(-1)
  return { text: out, note: { kind: 'redaction', action: 'add', detail: added?.detail ?? 'rule added' } }
}

/** Adds an allow entry: `value` is kept from `detector` only. The value is written in clear: it is not secret. */
export function addAllow(text: string, input: AllowRequest, audit: Omit<Audit, 'reason'>, file?: string): Edited {
  const a = AllowSchema.parse(input)
  const entry = { detector: a.detector, value: a.value, actor: audit.actor, date: audit.date, reason: a.reason }
  return {
    text: appendEntryText(text, 'allow.entries', entry, file),
    note: { kind: 'allow', action: 'add', detail: `allow ${JSON.stringify(a.value)} for ${a.detector}` }
  }
}

export function addPrivate(text: string, input: PrivateRequest, audit: Omit<Audit, 'reason'>, file?: string): Edited {
  const p = PrivateSchema.parse(input)
  const entry = { session: p.session, ...(p.prompt !== undefined ? { prompt: p.prompt } : {}), actor: audit.actor, date: audit.date, reason: p.reason }
  return {
    text: appendEntryText(text, 'private', entry, file),
    note: {
      kind: 'private',
      action: 'add',
      session: p.session,
      prompt: p.prompt,
      detail: p.prompt === undefined ? 'session private' : `prompt ${p.prompt} private`
    }
  }
}

/** One entry of the rules file the page and `redactions` manage. */
export interface ListedEntry {
  /** `<section>[<index>]`: how `remove` names it. */
  ref: string
  section: Section
  index: number
  kind: RulesEditNote['kind']
  session?: string
  prompt?: number
  actor?: string
  date?: string
  reason?: string
  /** What it does, in a line; a hashed value is named by its length only. */
  detail: string
  entry: Record<string, unknown>
}

const KIND: Record<Section, RulesEditNote['kind']> = { rules: 'redaction', overrides: 'redaction', 'allow.entries': 'allow', private: 'private' }

function describeEntry(section: Section, e: Record<string, unknown>): string {
  const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined)
  const num = (k: string) => (typeof e[k] === 'number' ? (e[k] as number) : undefined)
  switch (section) {
    case 'rules': {
      const what = Array.isArray(e.literals)
        ? `literals ${JSON.stringify(e.literals)}`
        : Array.isArray(e.words)
          ? `words ${JSON.stringify(e.words)}`
          : `pattern ${str('pattern')}`
      return `rule ${str('id')}: ${what}`
    }
    case 'overrides': {
      const at = where({ field: str('field') ?? 'prompt', prompt: num('prompt'), action: num('action'), event: num('event') })
      if (e.find === undefined) return `replace ${at} with ${JSON.stringify(str('replacement') ?? '')}`
      return `redact ${shown(e.find as string | HashedLiteral)} in ${at}`
    }
    case 'allow.entries':
      return `allow ${e.value !== undefined ? JSON.stringify(str('value')) : `pattern ${str('pattern')}`} for ${str('detector')}`
    case 'private':
      return num('prompt') === undefined ? 'session private' : `prompt ${num('prompt')} private`
  }
}

function dateOf(v: unknown): string | undefined {
  return v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : undefined
}

/** Every entry of the managed lists, in file order per list. */
export function listEntries(text: string): ListedEntry[] {
  const doc = parseDocument(text)
  if (doc.errors.length) throw new Error(doc.errors[0].message)
  const value = (doc.toJS() ?? {}) as Record<string, unknown>
  const out: ListedEntry[] = []
  for (const section of SECTIONS) {
    entriesAt(value, section).forEach((raw, index) => {
      const e = (raw ?? {}) as Record<string, unknown>
      out.push({
        ref: `${section}[${index}]`,
        section,
        index,
        kind: KIND[section],
        ...(typeof e.session === 'string' ? { session: e.session } : {}),
        ...(typeof e.prompt === 'number' ? { prompt: e.prompt } : {}),
        ...(typeof e.actor === 'string' ? { actor: e.actor } : {}),
        ...(dateOf(e.date) ? { date: dateOf(e.date) } : {}),
        ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
        detail: describeEntry(section, e),
        entry: e
      })
    })
  }
  return out
}

/** `<section>[<index>]`, as `listEntries` names an entry. */
export function parseRef(ref: string): { section: Section; index: number } {
  const m = /^([a-z.]+)\[(\d+)\]$/.exec(ref)
  const section = SECTIONS.find((s) => s === m?.[1])
  if (!m || !section) throw new Error(`not an entry reference: ${ref} (expected one of ${SECTIONS.map((s) => `${s}[N]`).join(', ')})`)
  return { section, index: Number(m[2]) }
}

/** Removes one entry, every other byte kept; `expected` guards against a file changed since it was listed. */
export function removeEntry(text: string, ref: string, expected?: unknown, file?: string): Edited {
  const { section, index } = parseRef(ref)
  const listed = listEntries(text).find((e) => e.ref === ref)
  const out = removeEntryText(text, section, index, expected, file)
  if (!listed) throw new Error(`no entry ${ref}`)
  return {
    text: out,
    note: { kind: listed.kind, action: 'remove', session: listed.session, prompt: listed.prompt, detail: `removed: ${listed.detail}` }
  }
}
