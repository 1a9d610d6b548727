import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { openStore, type Db } from '../../src/store/db.js'
import { saveRedactions, type RedactionRow } from '../../src/store/redactions.js'

/*
 * saveRedactions stores what the oracle below stores, reading each row before it writes it: a new
 * row is inserted; a stored row whose count, actor or reason differ takes the new values and the
 * save's time; a stored row saved with the values it holds is left as it is, its
 * `at` still the time those values were first recorded (docs/redaction.md, "Provenance").
 */

const ORACLE_INSERT = `INSERT INTO redactions (session_id, event_id, field, detector, actor, reason, count, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (session_id, event_id, field, detector) DO UPDATE SET count = excluded.count, actor = excluded.actor, reason = excluded.reason, at = excluded.at`
const ORACLE_HELD = `SELECT count, actor, reason FROM redactions WHERE session_id = ? AND event_id = ? AND field = ? AND detector = ?`

function oracleSave(db: Db, rows: RedactionRow[], at: string): void {
  const upsert = db.prepare(ORACLE_INSERT)
  const held = db.prepare(ORACLE_HELD)
  db.transaction(() => {
    for (const r of rows) {
      const h = held.get(r.session_id, r.event_id ?? 0, r.field, r.detector) as { count: number; actor: string | null; reason: string | null } | undefined
      if (h && h.count === r.count && h.actor === r.actor && h.reason === r.reason) continue
      upsert.run(r.session_id, r.event_id ?? 0, r.field, r.detector, r.actor, r.reason, r.count, at)
    }
  })()
}

const table = (db: Db) => db.prepare('SELECT session_id, event_id, field, detector, actor, reason, count, at FROM redactions ORDER BY id').all()
const changes = (db: Db) => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n

const row = (over: Partial<RedactionRow> = {}): RedactionRow => ({
  session_id: 's1',
  event_id: 1,
  field: 'prompt',
  detector: 'email',
  count: 2,
  actor: null,
  reason: null,
  ...over
})

let db: Db
let oracle: Db
beforeEach(() => {
  db = openStore(':memory:')
  oracle = openStore(':memory:')
})
afterEach(() => {
  db.close()
  oracle.close()
})

describe('saveRedactions', () => {
  it('changes no row when every row is saved again with the same values and time', () => {
    const rows = [row(), row({ event_id: 2, detector: 'aws' }), row({ event_id: null, field: 'title', actor: 'ann', reason: 'name' })]
    saveRedactions(db, rows, '2026-01-01T00:00:00.000Z')
    const before = table(db)
    const n = changes(db)
    saveRedactions(db, rows, '2026-01-01T00:00:00.000Z')
    expect(changes(db)).toBe(n)
    expect(table(db)).toEqual(before)
  })

  it("keeps a row's time when it is saved again unchanged at a later time, and takes the new time when its count changes", () => {
    const t1 = '2026-01-01T00:00:00.000Z'
    const t2 = '2026-01-02T00:00:00.000Z'
    saveRedactions(db, [row(), row({ event_id: 2 })], t1)
    const n = changes(db)
    saveRedactions(db, [row(), row({ event_id: 2 })], t2)
    expect(changes(db)).toBe(n)
    saveRedactions(db, [row(), row({ event_id: 2, count: 5 })], t2)
    expect(table(db)).toEqual([
      { ...row(), at: t1 },
      { ...row({ event_id: 2, count: 5 }), at: t2 }
    ])
  })

  it('writes a row again when it was deleted, and keeps the order, values and nulls of many rows', () => {
    const many = Array.from({ length: 2_345 }, (_, i) =>
      row({
        session_id: `s${i % 7}`,
        event_id: i < 7 ? null : i,
        detector: i % 3 ? 'email' : 'aws',
        count: i + 1,
        actor: i % 4 ? null : 'ann',
        reason: i % 6 ? null : 'why \u00e9 "q"'
      })
    )
    saveRedactions(db, many, 't1')
    oracleSave(oracle, many, 't1')
    expect(table(db)).toEqual(table(oracle))
    expect(table(db)).toHaveLength(2_345)
    db.prepare(`DELETE FROM redactions WHERE session_id = 's3'`).run()
    oracle.prepare(`DELETE FROM redactions WHERE session_id = 's3'`).run()
    saveRedactions(db, many, 't2')
    oracleSave(oracle, many, 't2')
    expect(table(db)).toEqual(table(oracle))
    // Only the deleted session's rows are written again, with this save's time.
    const written = (table(db) as { session_id: string; at: string }[]).map((r) => [r.session_id === 's3', r.at === 't2'])
    expect(written.filter(([s3]) => s3).length).toBeGreaterThan(0)
    expect(written.every(([s3, t2]) => s3 === t2)).toBe(true)
  })

  it('stores a text with a lone surrogate as the oracle stores it', () => {
    const rows = [row({ session_id: 's\ud800x', field: 'f\udc00', actor: '\ud83d', reason: 'ok \ud83d\ude00' })]
    saveRedactions(db, rows, 't1')
    oracleSave(oracle, rows, 't1')
    expect(table(db)).toEqual(table(oracle))
    expect(table(db)[0]).toMatchObject({ session_id: 's\ufffdx', reason: 'ok \ud83d\ude00' })
  })

  it("applies a save's rows in order when one key comes twice", () => {
    const rows = [row({ count: 1 }), row({ count: 2, actor: 'ann' }), row({ event_id: 2 })]
    saveRedactions(db, rows, 't1')
    oracleSave(oracle, rows, 't1')
    expect(table(db)).toEqual(table(oracle))
    expect(table(db)[0]).toMatchObject({ count: 2, actor: 'ann' })
  })

  it('stores what the oracle stores, for saves that change a count, an actor, a reason, the time or add a row', () => {
    const t1 = '2026-01-01T00:00:00.000Z'
    const t2 = '2026-01-02T00:00:00.000Z'
    const saves: [RedactionRow[], string][] = [
      [[row(), row({ event_id: 2 })], t1],
      [[row(), row({ event_id: 2 })], t1],
      [[row({ count: 3 }), row({ event_id: 2 })], t1],
      [[row({ count: 3, actor: 'ann' }), row({ event_id: 2, reason: 'why' })], t1],
      [[row({ count: 3, actor: 'ann' }), row({ event_id: 2, reason: 'why' })], t2],
      [[row({ count: 3, actor: null }), row({ event_id: 3 })], t2],
      [[row({ count: 3, actor: null }), row({ event_id: 3 })], t2]
    ]
    for (const [rows, at] of saves) {
      const n = changes(db)
      saveRedactions(db, rows, at)
      const same = JSON.stringify(table(oracle))
      oracleSave(oracle, rows, at)
      expect(table(db)).toEqual(table(oracle))
      // A save the oracle left unchanged writes nothing here.
      if (JSON.stringify(table(oracle)) === same) expect(changes(db)).toBe(n)
      else expect(changes(db)).toBeGreaterThan(n)
    }
  })
})
