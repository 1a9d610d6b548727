import Database from 'better-sqlite3'
import type { Db } from './db.js'

/** Every column of every table of the store (SQLite's own tables aside): any may hold text, whatever its declared type. */
export function tableColumns(db: Db): { table: string; column: string }[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  return tables.flatMap((table) =>
    (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]).map((column) => ({ table, column }))
  )
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Passes every text value of one column through `f` and writes back the ones it changes, page by
 * page on the rowid, so memory stays flat whatever the table's size. Returns how many changed.
 */
export function rewriteTextValues(db: Db, table: string, column: string, f: (value: string) => string): number {
  const t = quoteName(table)
  const c = quoteName(column)
  const page = db.prepare(`SELECT rowid AS k, ${c} AS v FROM ${t} WHERE rowid > ? AND typeof(${c}) = 'text' ORDER BY rowid LIMIT 500`)
  const update = db.prepare(`UPDATE ${t} SET ${c} = ? WHERE rowid = ?`)
  let changed = 0
  for (let last = Number.MIN_SAFE_INTEGER; ;) {
    const rows = page.all(last) as { k: number; v: string }[]
    if (rows.length === 0) return changed
    for (const r of rows) {
      const out = f(r.v)
      if (out !== r.v) {
        update.run(out, r.k)
        changed++
      }
    }
    last = rows[rows.length - 1].k
  }
}

/**
 * Runs `change` in one transaction with freed pages zeroed, then rebuilds the file when anything
 * changed, so no old page keeps a replaced value.
 */
export function rewriteSecurely(db: Db, change: () => number): number {
  db.pragma('secure_delete = ON')
  const changed = db.transaction(change).immediate()
  if (changed > 0) db.exec('VACUUM')
  return changed
}

/**
 * Opens a finished database file (a sanitized export) as it is: no migration and no change of
 * journal mode, so a file nothing is written to keeps its bytes.
 */
export function openFinishedStore(path: string): Db {
  return new Database(path, { fileMustExist: true })
}
