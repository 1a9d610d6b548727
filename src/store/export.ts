import type { Db } from './db.js'

/*
 * What writing a sanitized copy of the store needs of SQLite (see redact/export.ts): a compact
 * copy, overwriting freed pages, rewriting a text column in place, and dropping what can hold
 * message text outside the text columns.
 */

/** Writes a compacted copy of the database to `path`, with no free page keeping an old value. */
export function vacuumInto(db: Db, path: string): void {
  db.prepare('VACUUM INTO ?').run(path)
}

/** From now on, deleted and replaced content is overwritten with zeros on disk. */
export function enableSecureDelete(db: Db): void {
  db.pragma('secure_delete = ON')
}

/**
 * Drops what only a later ingest needs: each file's parser state (which holds message text), the
 * hash of its first bytes, and the cwd each file gave its sessions (`session_sources`, unredacted).
 */
export function dropParserState(db: Db): void {
  db.prepare('UPDATE files SET parser_state = NULL, head_hash = NULL').run()
  db.prepare('DELETE FROM session_sources').run()
  // Unknown record types are named from the logs' own text: counts are kept, names are not.
  db.prepare('UPDATE format_tallies SET unknown_kinds = NULL').run()
}

/**
 * Rewrites a column page by page (keyset on rowid), so memory stays flat whatever the table's
 * size. `table` and `column` are names from the caller's own list, never from input.
 */
export function rewriteColumn(db: Db, table: string, column: string, f: (v: string) => string): void {
  const page = db.prepare(`SELECT rowid AS k, ${column} AS v FROM ${table} WHERE rowid > ? AND ${column} IS NOT NULL ORDER BY rowid LIMIT 500`)
  const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`)
  for (let last = -1; ;) {
    const rows = page.all(last) as { k: number; v: string }[]
    if (rows.length === 0) return
    for (const r of rows) {
      const out = f(r.v)
      if (out !== r.v) update.run(out, r.k)
    }
    last = rows[rows.length - 1].k
  }
}
