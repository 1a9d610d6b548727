/**
 * Rows of a query read a page at a time (keyset pagination): `fetch` gets the last row of the
 * previous page (null for the first) and returns at most `size` rows after it. Only one page is
 * held at a time, so a table of any size is read in bounded memory, and no statement stays open
 * between pages (the caller may run other queries on the same connection while it iterates).
 */
export function* paged<R>(size: number, fetch: (after: R | null, size: number) => R[]): Generator<R> {
  let after: R | null = null
  for (;;) {
    const rows = fetch(after, size)
    yield* rows
    if (rows.length < size) return
    after = rows[rows.length - 1]
  }
}

/** Column names by table, from the database's schema (what a database source recognizes). */
export function tableColumns(db: { prepare(sql: string): { all(...params: unknown[]): unknown[] } }): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
  for (const { name } of tables) out[name] = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name)
  return out
}

/** True when `table` exists with every one of `columns`. */
export function hasColumns(tables: Record<string, string[]>, table: string, columns: readonly string[]): boolean {
  const have = tables[table]
  return have !== undefined && columns.every((c) => have.includes(c))
}
