import type { Db } from '../db.js'
import { parentsFirst, sqliteSchemaShape, type ColumnShape } from '../schema-shape.js'
import { canonicalRow, RowSetChecksum, sessionColumn } from './canonical.js'
import { ident } from './connect.js'
import { idReferences, idsFirst, LOCAL_ONLY_COLUMNS, LOCAL_ONLY_TABLES, PUSH_RECORDED_COLUMNS, surrogateTable, WHEN_STORED_COLUMNS } from './natural-keys.js'

/**
 * A checksum per session of a SQLite store's rows with every local id replaced by the natural key
 * of the row it names (`natural-keys.ts`), and the columns saying when the store wrote a row, or
 * that a push computes, left out: two stores that ingested the same logs in any order, by any number of writers, digest alike.
 * Rows of tables not per session are grouped as `table:<name>`.
 */
export function naturalDigests(db: Db): Map<string, { rows: number; hex: string }> {
  const shape = sqliteSchemaShape(db)
  const naturalOf = new Map<string, Map<string, string>>()
  const groups = new Map<string, RowSetChecksum>()
  for (const table of idsFirst(shape, parentsFirst(shape))) {
    if (LOCAL_ONLY_TABLES.has(table)) continue
    const sur = surrogateTable(shape, table)
    const refs = new Map(idReferences(shape, table).map((r) => [r.column, r.target]))
    const skip = new Set([
      ...(sur ? [sur.id] : []),
      ...(WHEN_STORED_COLUMNS[table] ?? []),
      ...(LOCAL_ONLY_COLUMNS[table] ?? []),
      ...(PUSH_RECORDED_COLUMNS[table] ?? [])
    ])
    const kept = shape[table].columns.filter((c) => !skip.has(c.name))
    // A reference is compared as the natural key it names, which is text.
    const asCompared: ColumnShape[] = kept.map((c) => (refs.has(c.name) ? { ...c, type: 'TEXT' } : c))
    const ids = sur ? new Map<string, string>() : null
    if (ids) naturalOf.set(table, ids)
    const stmt = db.prepare(`SELECT * FROM ${ident(table)}`)
    stmt.safeIntegers(true)
    const group = sessionColumn(shape, table)
    for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
      const mapped: Record<string, unknown> = { ...row }
      for (const [col, target] of refs) {
        const v = row[col]
        if (v === null || v === undefined) continue
        mapped[col] = naturalOf.get(target)?.get(String(v)) ?? `missing ${target} ${String(v)}`
      }
      if (ids && sur) ids.set(String(row[sur.id]), JSON.stringify(sur.natural.map((c) => String(mapped[c]))))
      const name = group ? String(row[group]) : `table:${table}`
      let sum = groups.get(name)
      if (!sum) groups.set(name, (sum = new RowSetChecksum()))
      sum.add(canonicalRow(table, asCompared, mapped))
    }
  }
  return new Map([...groups].map(([k, v]) => [k, { rows: v.rows, hex: v.hex() }]))
}
