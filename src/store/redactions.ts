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

/** Rows handed to one statement: what a statement's JSON text holds at most. */
const ROWS_PER_STATEMENT = 1_000

/**
 * Records what a redaction pass changed, so it can be audited: the event and field, the detector
 * or override (with its actor and reason), how many values. The replaced text is never stored.
 * A later pass over the same data replaces the counts rather than adding to them. A row's `at` is
 * when its count, actor and reason were first recorded as they stand: a pass that would write the
 * values a row holds leaves the row (and its `at`) as it is, since a warm run replays every
 * session's rows and rewriting them dirtied every page of the table for its commit to write.
 * The rows go to SQLite as JSON, a page per statement: one statement per row cost more in calls
 * than the upserts themselves.
 */
export function saveRedactions(db: Db, rows: RedactionRow[], at = new Date().toISOString()): void {
  if (rows.length === 0) return
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join's ON (its documented parsing ambiguity).
  const upsert = prepared(
    db,
    `INSERT INTO redactions (session_id, event_id, field, detector, actor, reason, count, at)
    SELECT r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, r.value ->> 6, ? FROM json_each(?) AS r WHERE true
    ON CONFLICT (session_id, event_id, field, detector) DO UPDATE SET count = excluded.count, actor = excluded.actor, reason = excluded.reason, at = excluded.at
    WHERE count IS NOT excluded.count OR actor IS NOT excluded.actor OR reason IS NOT excluded.reason`
  )
  db.transaction(() => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const page = rows
        .slice(i, i + ROWS_PER_STATEMENT)
        .map((r) => [utf8(r.session_id), r.event_id ?? 0, utf8(r.field), utf8(r.detector), r.actor && utf8(r.actor), r.reason && utf8(r.reason), r.count])
      upsert.run(at, JSON.stringify(page))
    }
  }).immediate()
}

/**
 * The text a bound parameter stores: a lone surrogate becomes U+FFFD, as the driver's UTF-8
 * encoding makes it, where JSON would carry it escaped for SQLite to decode into invalid UTF-8.
 */
function utf8(text: string): string {
  // isWellFormed and toWellFormed: ES2024 (Node 20+), not yet in the project's TypeScript lib.
  const t = text as unknown as { isWellFormed(): boolean; toWellFormed(): string }
  return t.isWellFormed() ? text : t.toWellFormed()
}
