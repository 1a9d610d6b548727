import type { Db } from '../db.js'
import { SCHEMA_VERSION } from '../migrations.js'
import { parentsFirst, sqliteSchemaShape, type ColumnShape, type SchemaShape } from '../schema-shape.js'
import { ident, inTransaction, type PgClient } from './connect.js'
import { rollbackRun } from './rollback.js'
import { migratePg, PG_SCHEMA_VERSION, pgSchemaVersion } from './schema.js'

/** What `migrate --dry-run` reports for one table. */
export interface TablePlan {
  table: string
  /** Rows the SQLite store has: what a run would copy. */
  rows: number
  /** Rows the PostgreSQL table holds already (0 when it does not exist yet). */
  inTarget: number
  /** Of the rows to copy, how many have a primary key the target holds already: the copy would fail on them. */
  conflicts: number
}

export interface MigrationPlan {
  sourceVersion: number
  /** The target's schema version now; 0 when it has no schema yet. */
  targetVersion: number
  tables: TablePlan[]
}

export const PG_ARRAY_TYPE: Record<string, string> = { INTEGER: 'bigint[]', REAL: 'double precision[]', TEXT: 'text[]', BLOB: 'bytea[]' }
const BATCH_ROWS = 1000
/** Characters of text per batch: events carry whole raw log lines. */
const BATCH_CHARS = 8_000_000

/** The source's schema, refused unless it is the version this build writes (so both engines have the same columns). */
export function sourceShape(source: Db): SchemaShape {
  const version = source.pragma('user_version', { simple: true }) as number
  if (version !== SCHEMA_VERSION)
    throw new Error(
      `the SQLite store is at schema version ${version}, this ai-log-trail writes ${SCHEMA_VERSION}: open it once with this version (e.g. 'ai-log-trail sessions --db FILE') to upgrade it`
    )
  return sqliteSchemaShape(source)
}

export function sourceRows(source: Db, table: string, columns: string[]): Iterable<Record<string, unknown>> {
  const stmt = source.prepare(`SELECT ${columns.map(ident).join(', ')} FROM ${ident(table)}`)
  stmt.safeIntegers(true)
  return stmt.iterate() as Iterable<Record<string, unknown>>
}

/** A value as pg sends it inside an array: integers as text (pg has no BigInt), reals as round-trip text, blobs as bytea hex text. */
export function wireValue(table: string, col: ColumnShape, v: unknown, key: () => string): string | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'bigint' || typeof v === 'number') return String(v)
  if (typeof v === 'string') {
    // PostgreSQL text cannot hold U+0000; failing names the row instead of a bare encoding error.
    if (v.includes('\u0000')) throw new Error(`${table}.${col.name} of row ${key()} contains a NUL character, which PostgreSQL text cannot hold`)
    return v
  }
  // bytea's hex input form: arrays of it are passed as text like every other column.
  if (Buffer.isBuffer(v) && col.type === 'BLOB') return '\\x' + v.toString('hex')
  throw new Error(`${table}.${col.name} of row ${key()} holds a ${Buffer.isBuffer(v) ? 'blob' : typeof v}, not ${col.type}`)
}

/** Streams `table`'s primary keys in batches, as one array per key column. */
function* keyBatches(source: Db, table: string, shape: SchemaShape): Generator<(string | null)[][]> {
  const pk = shape[table].primaryKey
  let batch: (string | null)[][] = pk.map(() => [])
  let n = 0
  for (const row of sourceRows(source, table, pk)) {
    pk.forEach((c, i) => batch[i].push(row[c] === null ? null : String(row[c])))
    if (++n % 5000 === 0) {
      yield batch
      batch = pk.map(() => [])
    }
  }
  if (batch[0].length) yield batch
}

export function unnestOf(shape: SchemaShape, table: string, columns: string[], from = 1): string {
  const types = columns.map((c) => shape[table].columns.find((x) => x.name === c)?.type ?? 'TEXT')
  return `unnest(${types.map((t, i) => `$${from + i}::${PG_ARRAY_TYPE[t] ?? 'text[]'}`).join(', ')})`
}

/** What a copy of `source` into the target would do, without writing anything. */
export async function planMigration(source: Db, client: PgClient): Promise<MigrationPlan> {
  const shape = sourceShape(source)
  const targetVersion = await pgSchemaVersion(client)
  if (targetVersion > PG_SCHEMA_VERSION)
    throw new Error(`the PostgreSQL store is at schema version ${targetVersion}, newer than this ai-log-trail understands (${PG_SCHEMA_VERSION})`)
  const tables: TablePlan[] = []
  for (const table of parentsFirst(shape)) {
    const rows = Number((source.prepare(`SELECT count(*) AS n FROM ${ident(table)}`).get() as { n: number }).n)
    const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [table])).rows[0].t !== null
    const inTarget = exists ? Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(table)}`)).rows[0].n) : 0
    let conflicts = 0
    if (inTarget > 0 && rows > 0) {
      const pk = shape[table].primaryKey
      for (const keys of keyBatches(source, table, shape)) {
        const r = await client.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM ${ident(table)} t JOIN ${unnestOf(shape, table, pk)} AS k(${pk.map(ident).join(', ')}) ON ${pk.map((c) => `t.${ident(c)} = k.${ident(c)}`).join(' AND ')}`,
          keys
        )
        conflicts += Number(r.rows[0].n)
      }
    }
    tables.push({ table, rows, inTarget, conflicts })
  }
  return { sourceVersion: SCHEMA_VERSION, targetVersion, tables }
}

export interface CopyResult {
  runId: number
  copied: { table: string; rows: number }[]
}

/**
 * Copies every table of `source` into the PostgreSQL store as one migration run: the schema is
 * created or upgraded first, each table is copied in one transaction in batches, and the key of
 * every row added is recorded with the run in the same statement, so `rollbackRun` removes exactly
 * those rows. Keys are kept as they are; a key the target holds already fails the run, and a
 * failed run is rolled back before the error is thrown.
 */
export async function copyStore(source: Db, client: PgClient, sourceName: string, onTable?: (table: string, rows: number) => void): Promise<CopyResult> {
  const shape = sourceShape(source)
  await migratePg(client)
  const run = await client.query<{ id: string }>(
    `INSERT INTO migration_runs (source, schema_version, started_at, status) VALUES ($1, $2, $3, 'copying') RETURNING id::text`,
    [sourceName, SCHEMA_VERSION, new Date().toISOString()]
  )
  const runId = Number(run.rows[0].id)
  const copied: { table: string; rows: number }[] = []
  try {
    for (const table of parentsFirst(shape)) {
      const rows = await inTransaction(client, () => copyTable(source, client, shape, table, runId))
      copied.push({ table, rows })
      onTable?.(table, rows)
    }
    await client.query(`UPDATE migration_runs SET status = 'copied', finished_at = $2 WHERE id = $1`, [runId, new Date().toISOString()])
  } catch (e) {
    await rollbackRun(client, runId, 'failed').catch(() => undefined)
    throw e
  }
  return { runId, copied }
}

async function copyTable(source: Db, client: PgClient, shape: SchemaShape, table: string, runId: number): Promise<number> {
  const columns = shape[table].columns
  const names = columns.map((c) => c.name)
  const pk = shape[table].primaryKey
  const sql = `WITH added AS (
  INSERT INTO ${ident(table)} (${names.map(ident).join(', ')}) SELECT * FROM ${unnestOf(shape, table, names)} RETURNING ${pk.map(ident).join(', ')}
) INSERT INTO migration_run_keys (run_id, table_name, key) SELECT $${names.length + 1}, $${names.length + 2}, ARRAY[${pk.map((c) => `${ident(c)}::text`).join(', ')}] FROM added`
  let arrays: (string | null)[][] = names.map(() => [])
  let chars = 0
  let total = 0
  const flush = async () => {
    if (arrays[0].length === 0) return
    await client.query(sql, [...arrays, runId, table])
    total += arrays[0].length
    arrays = names.map(() => [])
    chars = 0
  }
  for (const row of sourceRows(source, table, names)) {
    const key = () => pk.map((c) => String(row[c])).join('/')
    columns.forEach((c, i) => {
      const v = wireValue(table, c, row[c.name], key)
      arrays[i].push(v)
      chars += v?.length ?? 0
    })
    if (arrays[0].length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush()
  }
  await flush()
  // Rows copied with their ids leave an identity's sequence behind: move it past them, so rows
  // written later by PostgreSQL itself get new ids.
  if (pk.length === 1 && columns.find((c) => c.name === pk[0])?.type === 'INTEGER')
    await client.query(
      `SELECT setval(s, coalesce((SELECT max(${ident(pk[0])}) FROM ${ident(table)}), 0) + 1, false) FROM (SELECT pg_get_serial_sequence($1, $2) AS s) q WHERE s IS NOT NULL`,
      [table, pk[0]]
    )
  return total
}
