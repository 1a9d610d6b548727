import type { EventPayload } from '../model/events.js'
import { prepared, type Db } from './db.js'
import { restorePayload, TYPED_TABLES } from './payload.js'

/**
 * Any stored event's payload as its source gave it, put back together from `events.payload` and
 * the typed table of its kind (store/payload.ts): for audits and re-processing, one record at a time.
 */
export function readEventPayload(db: Db, eventId: number): EventPayload | undefined {
  const e = prepared(db, 'SELECT kind, payload FROM events WHERE id = ?').get(eventId) as { kind: string; payload: string } | undefined
  if (!e) return undefined
  const table = TYPED_TABLES[e.kind as keyof typeof TYPED_TABLES]
  const row = table ? (prepared(db, `SELECT * FROM ${table} WHERE event_id = ?`).get(eventId) as Record<string, unknown> | undefined) : undefined
  return restorePayload(e.kind, e.payload, row)
}
