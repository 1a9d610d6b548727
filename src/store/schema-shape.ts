import type { Db } from './db.js'

/**
 * A store's schema as both engines can describe it, in the SQLite spelling of types: the
 * PostgreSQL store must have the same shape as the SQLite one (`__tests__/pg/schema.test.ts`), and
 * `migrate` copies table by table and column by column from it.
 */
export interface ColumnShape {
  name: string
  /** INTEGER, REAL, TEXT or BLOB */
  type: string
  notNull: boolean
  /** The default as SQL text without casts or quotes, or null. */
  default: string | null
}

export interface ForeignKeyShape {
  columns: string[]
  table: string
  refColumns: string[]
  /** CASCADE, SET NULL, NO ACTION, … */
  onDelete: string
}

export interface TableShape {
  columns: ColumnShape[]
  primaryKey: string[]
  /** Column lists of UNIQUE constraints, sorted. */
  unique: string[][]
  /** Indexes created by name (not the ones behind a key or UNIQUE), sorted by name. */
  indexes: { name: string; columns: string[]; partial: boolean }[]
  foreignKeys: ForeignKeyShape[]
}

export type SchemaShape = Record<string, TableShape>

/** The default of a column in one spelling: `'0'::double precision`, `0` and `'0'` are all `0`. */
export function normalizeDefault(d: string | null | undefined): string | null {
  if (d === null || d === undefined) return null
  let s = d.trim()
  for (;;) {
    const cast = /^\(?(.*?)\)?::[a-z ]+$/i.exec(s)
    if (!cast) break
    s = cast[1]
  }
  return s.replace(/^'(.*)'$/, '$1')
}

const byText = (a: string[], b: string[]) => a.join(',').localeCompare(b.join(','))

/** The shape of a SQLite store. */
export function sqliteSchemaShape(db: Db): SchemaShape {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[]
  ).map((t) => t.name)
  const shape: SchemaShape = {}
  for (const t of tables) {
    const info = db.prepare(`SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?) ORDER BY cid`).all(t) as {
      name: string
      type: string
      nn: number
      dflt: string | null
      pk: number
    }[]
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
    const indexList = db.prepare(`SELECT name, origin, partial FROM pragma_index_list(?)`).all(t) as { name: string; origin: string; partial: number }[]
    const indexColumns = (name: string) =>
      (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(name) as { name: string }[]).map((c) => c.name)
    const fkRows = db
      .prepare(`SELECT id, seq, "table" AS ref, "from" AS col, "to" AS refcol, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`)
      .all(t) as {
      id: number
      ref: string
      col: string
      refcol: string | null
      on_delete: string
    }[]
    const fks = new Map<number, ForeignKeyShape>()
    for (const r of fkRows) {
      const fk = fks.get(r.id) ?? { columns: [], table: r.ref, refColumns: [], onDelete: r.on_delete }
      fk.columns.push(r.col)
      fk.refColumns.push(r.refcol ?? '')
      fks.set(r.id, fk)
    }
    shape[t] = {
      columns: info.map((c) => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.nn === 1 || c.pk > 0, default: normalizeDefault(c.dflt) })),
      primaryKey,
      unique: indexList
        .filter((i) => i.origin === 'u')
        .map((i) => indexColumns(i.name))
        .sort(byText),
      indexes: indexList
        .filter((i) => i.origin === 'c')
        .map((i) => ({ name: i.name, columns: indexColumns(i.name), partial: i.partial === 1 }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: [...fks.values()].sort((a, b) => byText(a.columns, b.columns))
    }
  }
  return shape
}

/**
 * The store's tables in an order that copies parents before the rows that refer to them (reverse
 * it to delete). Ties keep name order so two runs copy alike.
 */
export function parentsFirst(shape: SchemaShape): string[] {
  const order: string[] = []
  const placed = new Set<string>()
  const visit = (t: string, path: Set<string>) => {
    if (placed.has(t) || path.has(t) || !shape[t]) return
    path.add(t)
    for (const fk of shape[t].foreignKeys) if (fk.table !== t) visit(fk.table, path)
    placed.add(t)
    order.push(t)
  }
  for (const t of Object.keys(shape).sort()) visit(t, new Set())
  return order
}
