import type { RecordUse } from '../redact/policy.js'
import { prepared, type Db } from './db.js'

/**
 * Whether the provenance table already holds each of a session's rows as `uses` would write them
 * (one use per event, field and detector, as a session cache entry keeps them): the same count,
 * actor and reason. Saving such rows changes nothing (`saveRedactions` leaves a row with the values
 * it would write), so a replayed session whose rows are held need not be saved; a row missing
 * (deleted, or never written) or holding other values (another report of the run wrote it) is
 * not held, and the session's rows are saved as any.
 */
export function provenanceHeld(db: Db, sessionId: string, uses: readonly RecordUse[]): boolean {
  const rows = prepared(db, 'SELECT event_id, field, detector, count, actor, reason FROM redactions WHERE session_id = ?').raw().all(sessionId) as [
    number | null,
    string,
    string,
    number,
    string | null,
    string | null
  ][]
  if (rows.length < uses.length) return false
  const held = new Map<string, [number, string | null, string | null]>()
  for (const [eventId, field, detector, count, actor, reason] of rows) held.set(`${eventId}\0${field}\0${detector}`, [count, actor, reason])
  for (const [eventId, field, detector, count, actor, reason] of uses) {
    const h = held.get(`${eventId ?? 0}\0${field}\0${detector}`)
    if (!h || h[0] !== count || h[1] !== actor || h[2] !== reason) return false
  }
  return true
}
