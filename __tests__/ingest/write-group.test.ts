import { describe, expect, it } from '@jest/globals'
import { openStore } from '../../src/store/db.js'
import { WriteGroup } from '../../src/ingest/write-group.js'

function store() {
  const db = openStore(':memory:')
  db.exec('CREATE TABLE t (n INTEGER)')
  return db
}

const count = (db: ReturnType<typeof store>) => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n

describe('batches committed in groups', () => {
  it('keeps one transaction open until the group holds enough lines or characters', () => {
    const db = store()
    const group = new WriteGroup(db, { lines: 3, chars: 100 })
    group.begin()
    db.prepare('INSERT INTO t VALUES (1)').run()
    group.wrote(2, 10)
    expect(db.inTransaction).toBe(true)
    group.begin()
    group.wrote(1, 10)
    expect(db.inTransaction).toBe(false)
    group.begin()
    group.wrote(0, 100)
    expect(db.inTransaction).toBe(false)
    expect(count(db)).toBe(1)
  })

  it('undoes every batch of an uncommitted group on failure, and what was committed before stays', () => {
    const db = store()
    const group = new WriteGroup(db, { lines: 2, chars: 1e9 })
    group.begin()
    db.prepare('INSERT INTO t VALUES (1)').run()
    group.wrote(2, 0)
    group.begin()
    db.prepare('INSERT INTO t VALUES (2)').run()
    group.wrote(1, 0)
    group.rollback()
    expect(db.inTransaction).toBe(false)
    expect(count(db)).toBe(1)
  })

  it('leaves a transaction the caller opened to the caller', () => {
    const db = store()
    db.exec('BEGIN')
    const group = new WriteGroup(db, { lines: 1, chars: 1 })
    group.begin()
    db.prepare('INSERT INTO t VALUES (1)').run()
    group.wrote(5, 5)
    group.commit()
    group.rollback()
    expect(db.inTransaction).toBe(true)
    db.exec('ROLLBACK')
    expect(count(db)).toBe(0)
  })
})
