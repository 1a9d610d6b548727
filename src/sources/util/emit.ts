import { createHash } from 'node:crypto'
import type { EventPayload } from '../../model/events.js'
import type { ParseRecord } from '../types.js'

/** A payload plus the key that recognizes the same record in another file (a twin or a history copy). */
export interface Keyed {
  payload: EventPayload
  dedupe_key?: string | null
}

/**
 * Appends the events of one record of a document or held-back journal entry. The record's JSON
 * goes on the first event only: there is no single source line to keep, and once is enough.
 */
export function emitRecord(out: ParseRecord[], sessionId: string, line: number, ts: string | null, items: Keyed[], raw?: string): void {
  items.forEach((it, i) => {
    out.push({
      type: 'event',
      event: { session_id: sessionId, ts, line, payload: it.payload, dedupe_key: it.dedupe_key ?? null, ...(i === 0 && raw !== undefined ? { raw } : {}) }
    })
  })
}

/** A short stable digest for keys built from free text (prompt texts), so keys stay small. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}
