import { describe, expect, it } from '@jest/globals'
import { openStore } from '../../src/store/db.js'
import { TouchedSessions } from '../../src/store/reconcile-pending.js'

/*
 * The sessions an ingest wrote to are kept in a temporary table of its connection, not in its heap:
 * a first ingest of many small files touches a session a file (docs/performance.md, "a first
 * ingest of many small files").
 */

describe('the sessions an ingest touched', () => {
  it('are kept once each, in the order first touched, and handed on from where the last commit was', () => {
    const db = openStore(':memory:')
    const t = new TouchedSessions(db)
    for (const s of ['b', 'a', 'b', 'c']) t.add(s)
    expect(t.all()).toEqual(['b', 'a', 'c'])
    expect([t.size, t.has('a'), t.has('z')]).toEqual([3, true, false])
    const first = t.since(0)
    expect(first).toEqual({ ids: ['b', 'a', 'c'], count: 3 })
    t.add('a')
    t.add('d')
    expect(t.since(first.count)).toEqual({ ids: ['d'], count: 4 })
  })

  it('are none at the start of the next ingest on the same connection', () => {
    const db = openStore(':memory:')
    new TouchedSessions(db).add('a')
    expect(new TouchedSessions(db).all()).toEqual([])
  })

  it('follow the write transaction they were touched in', () => {
    const db = openStore(':memory:')
    const t = new TouchedSessions(db)
    t.add('kept')
    expect(() =>
      db.transaction(() => {
        t.add('undone')
        throw new Error('batch failed')
      })()
    ).toThrow('batch failed')
    expect(t.all()).toEqual(['kept'])
  })
})
