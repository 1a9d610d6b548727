import { prepared, type Db } from './db.js'

export interface RedactionRow {
  session_id: string
  event_id: number | null
  field: string
  detector: string
  count: number
  actor: string | null
  reason: string | null
}

/**
 * Records what a redaction pass changed, so it can be audited: the event and field, the detector
 * or override (with its actor and reason), how many values. The replaced text is never stored.
 * A later pass over the same data replaces the counts rather than adding to them. A row's `at` is
 * when its count, actor and reason were first recorded as they stand: a pass that would write the
 * values a row holds leaves the row (and its `at`) as it is, since a warm run replays every
 * session's rows and rewriting them dirtied every page of the table for its commit to write.
 */
export function saveRedactions(db: Db, rows: RedactionRow[], at = new Date().toISOString()): void {
  const upsert = prepared(
    db,
    `INSERT INTO redactions (session_id, event_id, field, detector, actor, reason, count, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (session_id, event_id, field, detector) DO UPDATE SET count = excluded.count, actor = excluded.actor, reason = excluded.reason, at = excluded.at
    WHERE count IS NOT excluded.count OR actor IS NOT excluded.actor OR reason IS NOT excluded.reason`
  )
  db.transaction(() => {
    for (const r of rows) upsert.run(r.session_id, r.event_id ?? 0, r.field, r.detector, r.actor, r.reason, r.count, at)
  }).immediate()
}
