import { createHash } from 'node:crypto'
import type { ColumnShape, SchemaShape } from '../schema-shape.js'

/**
 * One serialization of a row for both engines, so that a row read from SQLite and the same row read
 * back from PostgreSQL hash alike: integers as decimal text (SQLite gives BigInt, pg gives text),
 * reals as JavaScript's shortest round-trip text (PostgreSQL's float8 output is round-trip too),
 * text as itself, blobs as hex, NULL as null.
 */
export function canonicalValue(col: ColumnShape, v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (col.type === 'INTEGER') return BigInt(v as bigint | number | string).toString()
  if (col.type === 'REAL') return String(Number(v))
  // SQLite gives a blob as a Buffer, pg gives bytea as one too.
  if (col.type === 'BLOB' && Buffer.isBuffer(v)) return v.toString('hex')
  if (typeof v !== 'string') throw new Error(`column ${col.name} holds a ${typeof v}, not text`)
  return v
}

export function canonicalRow(table: string, columns: ColumnShape[], row: Record<string, unknown>): string {
  return JSON.stringify([table, ...columns.map((c) => canonicalValue(c, row[c.name]))])
}

/** The column that says which session a row belongs to, or null for tables that are not per session. */
export function sessionColumn(shape: SchemaShape, table: string): string | null {
  if (table === 'sessions') return 'id'
  return shape[table].columns.some((c) => c.name === 'session_id') ? 'session_id' : null
}

const MOD = 1n << 256n

/**
 * A checksum of a set of rows that does not depend on the order they are read in: the sum of the
 * rows' SHA-256 digests modulo 2^256. Both engines are then read in one pass each, without sorting
 * a session's rows in memory, and rows are unique by their key, so no two can cancel.
 */
export class RowSetChecksum {
  rows = 0
  private sum = 0n
  add(canonical: string): void {
    this.sum = (this.sum + BigInt('0x' + createHash('sha256').update(canonical).digest('hex'))) % MOD
    this.rows++
  }
  hex(): string {
    return this.sum.toString(16).padStart(64, '0')
  }
}
