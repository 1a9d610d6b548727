import type { Db } from '../db.js'
import { parentsFirst, type SchemaShape } from '../schema-shape.js'
import { canonicalRow, RowSetChecksum, sessionColumn } from './canonical.js'
import { ident, inTransaction, type PgClient } from './connect.js'
import { sourceShape } from './copy.js'

/** One session's rows (or, for a table that is not per session, the table's rows) on both sides. */
export interface GroupCheck {
  /** A session id, or `table:<name>` for files, ingest_errors and the other tables not per session. */
  group: string
  sourceRows: number
  targetRows: number
  source: string
  target: string
  ok: boolean
}

export interface Verification {
  runId: number
  tables: { table: string; source: number; target: number; ok: boolean }[]
  groups: GroupCheck[]
  ok: boolean
}

type Groups = Map<string, RowSetChecksum>

function groupOf(shape: SchemaShape, table: string, row: Record<string, unknown>): string {
  const col = sessionColumn(shape, table)
  return col ? String(row[col]) : `table:${table}`
}

function add(groups: Groups, group: string, canonical: string): void {
  let g = groups.get(group)
  if (!g) groups.set(group, (g = new RowSetChecksum()))
  g.add(canonical)
}

const FETCH = 2000

/**
 * Compares the SQLite store with what migration run `runId` added to PostgreSQL: rows per table,
 * and per session a checksum over its rows in every table (`canonical.ts`), read in one pass on
 * each side. Rows other runs added are not looked at.
 */
export async function verifyRun(source: Db, client: PgClient, runId: number): Promise<Verification> {
  const shape = sourceShape(source)
  const tables = parentsFirst(shape)
  const src: Groups = new Map()
  const dst: Groups = new Map()
  const counts: Verification['tables'] = []
  for (const table of tables) {
    const columns = shape[table].columns
    const names = columns.map((c) => ident(c.name)).join(', ')
    const stmt = source.prepare(`SELECT ${names} FROM ${ident(table)}`)
    stmt.safeIntegers(true)
    let sourceCount = 0
    for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
      add(src, groupOf(shape, table, row), canonicalRow(table, columns, row))
      sourceCount++
    }
    const pk = shape[table].primaryKey
    // A cursor, so a large table is never held in memory at once.
    const targetCount = await inTransaction(client, async () => {
      await client.query(
        `DECLARE run_rows NO SCROLL CURSOR FOR SELECT ${columns.map((c) => `t.${ident(c.name)}`).join(', ')} FROM ${ident(table)} t
         JOIN migration_run_keys k ON k.run_id = ${Number(runId)} AND k.table_name = '${table.replace(/'/g, "''")}' AND k.key = ARRAY[${pk.map((c) => `t.${ident(c)}::text`).join(', ')}]`
      )
      let n = 0
      for (;;) {
        const r = await client.query<Record<string, unknown>>(`FETCH ${FETCH} FROM run_rows`)
        for (const row of r.rows) add(dst, groupOf(shape, table, row), canonicalRow(table, columns, row))
        n += r.rows.length
        if (r.rows.length < FETCH) break
      }
      await client.query('CLOSE run_rows')
      return n
    })
    counts.push({ table, source: sourceCount, target: targetCount, ok: sourceCount === targetCount })
  }
  const names = [...new Set([...src.keys(), ...dst.keys()])].sort(
    (a, b) => Number(a.startsWith('table:')) - Number(b.startsWith('table:')) || a.localeCompare(b)
  )
  const empty = new RowSetChecksum()
  const groups = names.map((group) => {
    const s = src.get(group) ?? empty
    const d = dst.get(group) ?? empty
    return { group, sourceRows: s.rows, targetRows: d.rows, source: s.hex(), target: d.hex(), ok: s.rows === d.rows && s.hex() === d.hex() }
  })
  return { runId, tables: counts, groups, ok: counts.every((t) => t.ok) && groups.every((g) => g.ok) }
}

/** Records what the verification found on the run, so a later look at `migration_runs` tells. */
export async function markVerified(client: PgClient, v: Verification): Promise<void> {
  await client.query(`UPDATE migration_runs SET status = $2 WHERE id = $1`, [v.runId, v.ok ? 'verified' : 'mismatch'])
}
