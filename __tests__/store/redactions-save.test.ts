import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { openStore, type Db } from '../../src/store/db.js'
import { saveRedactions, type RedactionRow } from '../../src/store/redactions.js'

/*
 * saveRedactions leaves a row alone when it would write the values the row holds, and otherwise
 * stores what the plain upsert it replaced stores (the oracle below): the table is the same after
 * any sequence of saves, and a save of what is stored changes no row.
 */

const ORACLE = `INSERT INTO redactions (session_id, event_id, field, detector, actor, reason, count, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (session_id, event_id, field, detector) DO UPDATE SET count = excluded.count, actor = excluded.actor, reason = excluded.reason, at = excluded.at`

function oracleSave(db: Db, rows: RedactionRow[], at: string): void {
  const upsert = db.prepare(ORACLE)
  db.transaction(() => {
    for (const r of rows) upsert.run(r.session_id, r.event_id ?? 0, r.field, r.detector, r.actor, r.reason, r.count, at)
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

  it('stores what the plain upsert stores, for saves that change a count, an actor, a reason, the time or add a row', () => {
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
