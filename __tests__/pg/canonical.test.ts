import { describe, expect, it } from '@jest/globals'
import { canonicalRow, RowSetChecksum } from '../../src/store/pg/canonical.js'
import type { ColumnShape } from '../../src/store/schema-shape.js'

const columns: ColumnShape[] = [
  { name: 'id', type: 'INTEGER', notNull: true, default: null },
  { name: 'ms', type: 'REAL', notNull: false, default: null },
  { name: 'text', type: 'TEXT', notNull: false, default: null }
]

describe('the canonical row', () => {
  it('reads alike whichever engine gave the values', () => {
    // better-sqlite3 with safe integers gives BigInt; pg gives bigint columns as text and float8 as numbers.
    const fromSqlite = canonicalRow('t', columns, { id: 9007199254740993n, ms: 0.1 + 0.2, text: 'a "b"' })
    const fromPg = canonicalRow('t', columns, { id: '9007199254740993', ms: 0.30000000000000004, text: 'a "b"' })
    expect(fromPg).toBe(fromSqlite)
  })

  it('tells NULL from the text "null", and one table from another', () => {
    expect(canonicalRow('t', columns, { id: 1n, ms: null, text: null })).not.toBe(canonicalRow('t', columns, { id: 1n, ms: null, text: 'null' }))
    expect(canonicalRow('t', columns, { id: 1n, ms: null, text: null })).not.toBe(canonicalRow('u', columns, { id: 1n, ms: null, text: null }))
  })
})

describe('the row set checksum', () => {
  const sum = (rows: string[]) => {
    const c = new RowSetChecksum()
    for (const r of rows) c.add(r)
    return c.hex()
  }

  it('does not depend on the order rows are read in', () => {
    expect(sum(['a', 'b', 'c'])).toBe(sum(['c', 'a', 'b']))
  })

  it('changes with any row changed, missing or added', () => {
    const base = sum(['a', 'b', 'c'])
    expect(sum(['a', 'b', 'd'])).not.toBe(base)
    expect(sum(['a', 'b'])).not.toBe(base)
    expect(sum(['a', 'b', 'c', 'c'])).not.toBe(base)
  })
})
