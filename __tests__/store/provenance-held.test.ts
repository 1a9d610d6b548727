import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { RecordUse } from '../../src/redact/policy.js'
import { openStore, type Db } from '../../src/store/db.js'
import { provenanceHeld } from '../../src/store/provenance-held.js'
import { saveRedactions } from '../../src/store/redactions.js'

/* Self-written rows: the uses of one session as a session cache entry keeps them, saved or not. */

const USES: RecordUse[] = [
  [null, 'cwd', 'home-path', 2, null, null],
  [7, 'prompt', 'email', 1, null, null],
  [7, 'prompt', 'override:ann', 4, 'ann', 'a name']
]

const save = (db: Db, sessionId: string, uses: RecordUse[]) =>
  saveRedactions(
    db,
    uses.map(([event_id, field, detector, count, actor, reason]) => ({ session_id: sessionId, event_id, field, detector, count, actor, reason })),
    't1'
  )

let db: Db
beforeEach(() => {
  db = openStore(':memory:')
})
afterEach(() => {
  db.close()
})

describe('provenanceHeld', () => {
  it('holds a session whose rows are saved as its uses would save them, other rows of it beside them', () => {
    save(db, 's1', [...USES, [9, 'output', 'aws', 1, null, null]])
    save(db, 's2', [[7, 'prompt', 'email', 5, null, null]])
    expect(provenanceHeld(db, 's1', USES)).toBe(true)
    expect(provenanceHeld(db, 's1', [])).toBe(true)
  })

  it('does not hold a session with a row missing or holding another count, actor or reason', () => {
    expect(provenanceHeld(db, 's1', USES)).toBe(false)
    save(db, 's1', USES.slice(0, 2))
    expect(provenanceHeld(db, 's1', USES)).toBe(false)
    for (const changed of [
      [7, 'prompt', 'override:ann', 5, 'ann', 'a name'],
      [7, 'prompt', 'override:ann', 4, 'bob', 'a name'],
      [7, 'prompt', 'override:ann', 4, 'ann', null]
    ] as RecordUse[]) {
      save(db, 's1', [changed])
      expect(provenanceHeld(db, 's1', USES)).toBe(false)
    }
    save(db, 's1', USES)
    expect(provenanceHeld(db, 's1', USES)).toBe(true)
    expect(provenanceHeld(db, 's2', USES)).toBe(false)
  })
})
