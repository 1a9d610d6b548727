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

/**
 * Records that several sessions hold under the same key (Claude Code's `uuid`: a resumed or forked
 * session copies earlier lines byte for byte, only `sessionId` rewritten, with no pointer back)
 * belong to one of them: the holder whose keyed records end earliest, i.e. the session that
 * existed first. A resume's copies are a prefix of its file, so this is exact for resumes and for
 * chains of them; for a fork that diverged, it picks the branch that stopped first. The rule does
 * not depend on the order files were read in, and totals are right either way.
 */
export function reconcileCopies(db: Db, sessionIds: string[]): number {
  const shared = db.prepare(`SELECT DISTINCT o.session_id AS sid FROM events s JOIN events o ON o.dedupe_key = s.dedupe_key AND o.session_id <> s.session_id
    WHERE s.session_id = ? AND s.dedupe_key IS NOT NULL`)
  const involved = new Set<string>()
  for (const sid of sessionIds) for (const r of shared.all(sid) as { sid: string }[]) involved.add(r.sid).add(sid)
  if (involved.size === 0) return 0
  const ends = new Map<string, string>()
  const end = db.prepare(`SELECT MAX(ts) AS e FROM events WHERE session_id = ? AND dedupe_key IS NOT NULL`)
  for (const sid of involved) ends.set(sid, ((end.get(sid) as { e: string | null }).e ?? '') + '\u0000' + sid)
  const rows = db.prepare(`SELECT e.id, e.dedupe_key AS k, e.session_id AS sid, e.replayed AS r FROM events e
    WHERE e.session_id = ? AND e.dedupe_key IN (SELECT o.dedupe_key FROM events o WHERE o.session_id <> e.session_id AND o.dedupe_key IS NOT NULL)`)
  const holders = new Map<string, { id: number; sid: string; r: number }[]>()
  for (const sid of involved)
    for (const row of rows.iterate(sid) as Iterable<{ id: number; k: string; sid: string; r: number }>) {
      const list = holders.get(row.k) ?? []
      list.push(row)
      holders.set(row.k, list)
    }
  const setEvent = db.prepare(`UPDATE events SET replayed = ? WHERE id = ?`)
  const setTables = TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = ? WHERE event_id = ?`))
  let changed = 0
  db.transaction(() => {
    for (const list of holders.values()) {
      const owner = list.reduce((a, b) => ((ends.get(b.sid) ?? '') < (ends.get(a.sid) ?? '') ? b : a)).sid
      for (const e of list) {
        if (e.r === SUPERSEDED) continue
        const want = e.sid === owner ? 0 : 1
        if (e.r === want) continue
        setEvent.run(want, e.id)
        for (const s of setTables) s.run(want, e.id)
        changed++
      }
    }
  }).immediate()
  return changed
}
