import type { ListedReport, SessionList } from '../select/session-list.js'
import { z } from 'zod'
import { ReportSchema, SessionReportSchema, type SessionReport } from '../select/report.js'
import { partKind } from './region.js'

const recordInside = new WeakMap<z.ZodType, boolean>()

/** Whether a value of `schema` can hold a record, the one thing `canonical` has to reorder. */
function holdsRecord(schema: z.ZodType): boolean {
  let holds = recordInside.get(schema)
  if (holds === undefined) {
    if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) holds = holdsRecord(schema.unwrap() as z.ZodType)
    else if (schema instanceof z.ZodArray) holds = holdsRecord(schema.element as z.ZodType)
    else if (schema instanceof z.ZodObject) holds = Object.values(schema.shape as Record<string, z.ZodType>).some(holdsRecord)
    else holds = schema instanceof z.ZodRecord
    recordInside.set(schema, holds)
  }
  return holds
}

/**
 * Object keys in schema order (what `parse` yields), record keys sorted, so the same report is
 * the same bytes however its producer happened to build it. Parts without a record are already
 * in order and are passed on as they are, rather than copied turn by turn and action by action.
 */
function canonical(value: unknown, schema: z.ZodType): unknown {
  if (value === null || value === undefined || !holdsRecord(schema)) return value
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) return canonical(value, schema.unwrap() as z.ZodType)
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => canonical(v, schema.element as z.ZodType))
  if (schema instanceof z.ZodObject && typeof value === 'object') {
    const shape = schema.shape as Record<string, z.ZodType>
    const obj = value as Record<string, unknown>
    return Object.fromEntries(Object.keys(obj).map((k) => [k, shape[k] ? canonical(obj[k], shape[k]) : obj[k]]))
  }
  if (schema instanceof z.ZodRecord && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, canonical(obj[k], schema.valueType as z.ZodType)])
    )
  }
  return value
}

/**
 * The report as JSON: validated against the schema first (a renderer never publishes a report
 * the schema does not describe), stable key order, 2-space indent, trailing newline.
 */
export function renderJson(report: ListedReport): string {
  const parts = jsonParts(report)
  // What `jsonText` writes a session at a time, in one call: indenting each session's text again
  // and joining the parts costs more than the stringifying (tests hold the two to the same bytes).
  return JSON.stringify({ ...parts.frame, sessions: [...parts.sessions] }, null, 2) + '\n'
}

/**
 * The JSON report's values, validated and in canonical order: the report without its sessions
 * (`sessions` empty) and the sessions one at a time, so a writer never holds the whole document.
 */
export function jsonParts(report: ListedReport): { frame: Record<string, unknown>; sessions: Iterable<unknown> } {
  const frame = canonical(ReportSchema.parse({ ...report, sessions: [] }), ReportSchema) as Record<string, unknown>
  return { frame, sessions: canonicalSessions(report.sessions) }
}

function* canonicalSessions(sessions: SessionList): Generator<unknown> {
  for (const s of sessions) yield canonicalSession(s)
}

/** A session of the JSON report: validated, in canonical order. */
export function canonicalSession(s: SessionReport): unknown {
  return canonical(SessionReportSchema.parse(s), SessionReportSchema)
}

/** Marks where the sessions go in the frame's text; a NUL is escaped in JSON text, so no value's text can hold it. */
const SESSIONS_SLOT = '\0sessions slot\0'
const INDENT = '    '

/**
 * The bytes of `JSON.stringify({ ...frame, sessions: [...sessions] }, null, 2) + '\n'`, a session
 * at a time: each session is stringified alone and indented to its depth (JSON text holds a line
 * break only between tokens, never inside a string), the frame around them once.
 */
export function* jsonText(frame: Record<string, unknown>, sessions: Iterable<unknown>): Generator<string> {
  const framed = jsonFrameText(frame)
  yield framed.head
  let first = true
  for (const s of sessions) {
    yield jsonSessionText(s, first)
    first = false
  }
  yield framed.tail(!first)
}

/** `jsonText`'s text before the sessions, and after them (`any`: whether there was one). */
export function jsonFrameText(frame: Record<string, unknown>): { head: string; tail: (any: boolean) => string } {
  const framed = JSON.stringify({ ...frame, sessions: SESSIONS_SLOT }, null, 2)
  const slot = `\n  "sessions": ${JSON.stringify(SESSIONS_SLOT)}`
  const at = framed.indexOf(slot)
  if (at < 0) throw new Error('the JSON report has no sessions')
  const open = at + slot.length - JSON.stringify(SESSIONS_SLOT).length
  return { head: framed.slice(0, open), tail: (any) => (any ? '\n  ]' : '[]') + framed.slice(at + slot.length) + '\n' }
}

const JSON_SESSION = partKind('json.session', jsonSessionText, canonical, canonicalSession)

/**
 * The key of a session's text in `jsonText` (src/render/region.ts `Part`): of the session's
 * digest, and whether it comes first (its lead).
 */
export function jsonSessionPart(digest: string, first: boolean): string {
  return `${JSON_SESSION}\0${first ? 'first' : ''}\0${digest}`
}

/** A session's text in `jsonText`, with what comes before it. */
export function jsonSessionText(s: unknown, first: boolean): string {
  return (first ? '[\n' : ',\n') + INDENT + JSON.stringify(s, null, 2).replace(/\n/g, '\n' + INDENT)
}
