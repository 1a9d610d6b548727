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
  const byFormat =
    db.prepare(`SELECT f.format AS format, SUM(t.total) AS total FROM token_messages t JOIN events e ON e.id = t.event_id JOIN files f ON f.id = e.file_id
    WHERE t.session_id = ? AND t.counted = 1 AND t.replayed IN (0, ${SUPERSEDED}) GROUP BY f.format ORDER BY total DESC, f.format`)
  const reset = [
    db.prepare(`UPDATE events SET replayed = 0 WHERE session_id = ? AND replayed = ${SUPERSEDED}`),
    ...TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = 0 WHERE session_id = ? AND replayed = ${SUPERSEDED}`))
  ]
  // The session's rows are found through its index and their files by key: a list of the files of
  // a format (`file_id IN (SELECT id FROM files WHERE format = ?)`) scanned every file of the store
  // for each session read through two formats.
  const markEvents = db.prepare(
    `UPDATE events SET replayed = ${SUPERSEDED} WHERE replayed = 0 AND id IN (SELECT e.id FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ? AND f.format = ?)`
  )
  const markTables = TABLES.map((t) =>
    db.prepare(
      `UPDATE ${t} SET replayed = ${SUPERSEDED} WHERE session_id = ? AND replayed = 0 AND event_id IN (SELECT e.id FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ? AND f.format = ?)`
    )
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
 *
 * Only keys the given sessions hold are looked at, and each through the dedupe index: the keys go
 * into a temporary table, a grouped pass over the dedupe index alone keeps those held more than
 * once, a second pass over their rows keeps those with more than one holder, and their rows are
 * read by key (CROSS JOIN keeps the keys outermost: the planner, knowing nothing of a temporary
 * table, would otherwise walk the whole dedupe index). The work is linear in the rows of those
 * sessions and of the sessions sharing keys with them, however many times a key repeats.
 */
export function reconcileCopies(db: Db, sessionIds: string[]): number {
  if (sessionIds.length === 0) return 0
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS reconcile_keys (k TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS reconcile_shared (k TEXT PRIMARY KEY) WITHOUT ROWID;`)
  const keysOf = db.prepare(`INSERT OR IGNORE INTO temp.reconcile_keys (k) SELECT dedupe_key FROM events WHERE session_id = ? AND dedupe_key IS NOT NULL`)
  // Most keys have one row: the keys held more than once are found in the dedupe index alone (no
  // table row read), and only theirs are read to drop those held by one session.
  const repeated = db.prepare(`INSERT INTO temp.reconcile_shared (k) SELECT c.k FROM temp.reconcile_keys c CROSS JOIN events h ON h.dedupe_key = c.k
    GROUP BY c.k HAVING COUNT(*) > 1`)
  const oneHolder = db.prepare(`DELETE FROM temp.reconcile_shared WHERE k IN (SELECT c.k FROM temp.reconcile_shared c CROSS JOIN events h ON h.dedupe_key = c.k
    GROUP BY c.k HAVING COUNT(DISTINCT h.session_id) = 1)`)
  const holders = db.prepare(
    `SELECT h.id AS id, h.dedupe_key AS k, h.session_id AS sid, h.replayed AS r FROM temp.reconcile_shared c CROSS JOIN events h ON h.dedupe_key = c.k ORDER BY c.k`
  )
  const end = db.prepare(`SELECT MAX(ts) AS e FROM events WHERE session_id = ? AND dedupe_key IS NOT NULL`)
  const clear = db.prepare(`DELETE FROM temp.reconcile_keys`)
  const clearShared = db.prepare(`DELETE FROM temp.reconcile_shared`)
  const setEvent = db.prepare(`UPDATE events SET replayed = ? WHERE id = ?`)
  const setTables = TABLES.map((t) => db.prepare(`UPDATE ${t} SET replayed = ? WHERE event_id = ?`))
  let changed = 0
  db.transaction(() => {
    clear.run()
    clearShared.run()
    for (const sid of new Set(sessionIds)) keysOf.run(sid)
    repeated.run()
    oneHolder.run()
    const ends = new Map<string, string>()
    const endOf = (sid: string): string => {
      let e = ends.get(sid)
      if (e === undefined) {
        e = ((end.get(sid) as { e: string | null }).e ?? '') + '\u0000' + sid
        ends.set(sid, e)
      }
      return e
    }
    // Rows come grouped by key, so one key's holders are in hand at a time.
    let list: { id: number; k: string; sid: string; r: number }[] = []
    const settle = () => {
      if (list.length === 0) return
      const owner = list.reduce((a, b) => (endOf(b.sid) < endOf(a.sid) ? b : a)).sid
      for (const e of list) {
        if (e.r === SUPERSEDED) continue
        const want = e.sid === owner ? 0 : 1
        if (e.r === want) continue
        setEvent.run(want, e.id)
        for (const s of setTables) s.run(want, e.id)
        changed++
      }
      list = []
    }
    for (const row of holders.all() as { id: number; k: string; sid: string; r: number }[]) {
      if (list.length > 0 && list[0].k !== row.k) settle()
      list.push(row)
    }
    settle()
    clear.run()
    clearShared.run()
  }).immediate()
  return changed
}
