import { normalizeDefault, type ForeignKeyShape, type SchemaShape } from '../schema-shape.js'
import type { PgClient } from './connect.js'

/** PostgreSQL's types in the SQLite spelling the shapes compare in. */
const TYPE_NAMES: Record<string, string> = { bigint: 'INTEGER', text: 'TEXT', 'double precision': 'REAL', bytea: 'BLOB' }

const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }

const byText = (a: string[], b: string[]) => a.join(',').localeCompare(b.join(','))

/** The shape of the PostgreSQL store in the connection's schema, leaving out `except` (its own bookkeeping). */
export async function pgSchemaShape(client: PgClient, except: readonly string[] = []): Promise<SchemaShape> {
  const columns = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = current_schema()
       -- Tables only: views over the store (the team's totals, docs/database.md) are not part of it.
       AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
     ORDER BY table_name, ordinal_position`
  )
  const constraints = await client.query<{
    table_name: string
    contype: string
    cols: string[]
    ref: string | null
    refcols: string[] | null
    confdeltype: string
  }>(
    `SELECT c.conrelid::regclass::text AS table_name, c.contype,
       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
       c.confrelid::regclass::text AS ref,
       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS refcols,
       c.confdeltype
     FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
     WHERE r.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')`
  )
  const indexes = await client.query<{ table_name: string; name: string; cols: string[]; partial: boolean }>(
    `SELECT t.relname::text AS table_name, i.relname::text AS name,
       ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
       x.indpred IS NOT NULL AS partial
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))`
  )
  const shape: SchemaShape = {}
  for (const c of columns.rows) {
    if (except.includes(c.table_name)) continue
    const t = (shape[c.table_name] ??= { columns: [], primaryKey: [], unique: [], indexes: [], foreignKeys: [] })
    t.columns.push({
      name: c.column_name,
      type: TYPE_NAMES[c.data_type] ?? c.data_type,
      notNull: c.is_nullable === 'NO',
      default: normalizeDefault(c.column_default)
    })
  }
  for (const c of constraints.rows) {
    const t = shape[c.table_name]
    if (!t) continue
    if (c.contype === 'p') t.primaryKey = c.cols
    else if (c.contype === 'u') t.unique.push(c.cols)
    else
      t.foreignKeys.push({
        columns: c.cols,
        table: c.ref ?? '',
        refColumns: c.refcols ?? [],
        onDelete: ON_DELETE[c.confdeltype] ?? c.confdeltype
      } satisfies ForeignKeyShape)
  }
  for (const i of indexes.rows) shape[i.table_name]?.indexes.push({ name: i.name, columns: i.cols, partial: i.partial })
  for (const t of Object.values(shape)) {
    t.unique.sort(byText)
    t.indexes.sort((a, b) => a.name.localeCompare(b.name))
    t.foreignKeys.sort((a, b) => byText(a.columns, b.columns))
  }
  return shape
}
