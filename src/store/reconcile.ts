import type { Db } from './db.js'

/** `replayed` value for a record that another log format of the same session also holds. */
export const SUPERSEDED = 2

const TABLES = ['prompts', 'token_messages', 'function_calls'] as const

/**
 * One session can reach the store through two formats at once: Claude Code's transcript and the
 * stream-json or execution file of the same run, say. Their records carry different keys, so
 * they would be counted twice. When a session has counted usage from more than one format, the
 * format with the largest total is kept and the others' records are marked superseded
 * (`replayed = 2`), which every total already excludes. Recomputed on each ingest, so a file that
 * grows can change which format wins.
 */
export function reconcileFormats(db: Db, sessionIds: string[]): number {
  const byFormat = db.prepare(`SELECT f.format AS format, SUM(t.total) AS total FROM token_messages t JOIN events e ON e.id = t.event_id JOIN files f ON f.id = e.file_id
    WHERE t.session_id = ? AND t.counted = 1 AND t.replayed IN (0, ${SUPERSEDED}) GROUP BY f.format ORDER BY total DESC, f.format`)
  const reset = [
    db.prepare(`UPDATE events SET replayed = 0 WHERE session_id = ? AND replayed = ${SUPERSEDED}`),
    ...TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = 0 WHERE session_id = ? AND replayed = ${SUPERSEDED}`))
  ]
  const markEvents = db.prepare(`UPDATE events SET replayed = ${SUPERSEDED} WHERE session_id = ? AND replayed = 0 AND file_id IN (SELECT id FROM files WHERE format = ?)`)
  const markTables = TABLES.map((t) =>
    db.prepare(`UPDATE ${t} SET replayed = ${SUPERSEDED} WHERE session_id = ? AND replayed = 0 AND event_id IN (SELECT e.id FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ? AND f.format = ?)`)
  )
  let superseded = 0
  db.transaction(() => {
    for (const sid of sessionIds) {
      for (const r of reset) r.run(sid)
      const formats = byFormat.all(sid) as { format: string; total: number }[]
      if (formats.length < 2) continue
      for (const { format } of formats.slice(1)) {
        for (const m of markTables) m.run(sid, sid, format)
        superseded += markEvents.run(sid, format).changes
      }
    }
  }).immediate()
  return superseded
}
