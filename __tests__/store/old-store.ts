import Database from 'better-sqlite3'
import type { Db } from '../../src/store/db.js'
import { migrate } from '../../src/store/migrations.js'
import { RawLineReader, type RawAddress } from '../../src/store/raw-blocks.js'

/**
 * Writes `source` (a store at the newest version) to `path` as a store at `version` (before 9)
 * held it: that version's tables, each filled with the columns it has, and each event's raw line
 * in its `raw` column. The ingest writes the newest schema only, so an older store is derived.
 */
export function copyAtVersion(source: Db, path: string, version: number): void {
  const old = new Database(path)
  old.pragma('journal_mode = WAL')
  migrate(old, version)
  const tables = old.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`).pluck().all() as string[]
  old.close()
  source.prepare('ATTACH ? AS old').run(path)
  try {
    source.pragma('foreign_keys = OFF')
    source.transaction(() => {
      for (const t of tables) {
        const have = new Set(source.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(t) as string[])
        const cols = (source.prepare(`SELECT name FROM pragma_table_info(?, 'old')`).pluck().all(t) as string[]).filter((c) => have.has(c))
        source.exec(`INSERT INTO old.${t} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM main.${t}`)
      }
      const reader = new RawLineReader(source)
      const setRaw = source.prepare('UPDATE old.events SET raw = ? WHERE id = ?')
      for (const e of source.prepare('SELECT id, raw_block, raw_item FROM main.events WHERE raw_block IS NOT NULL ORDER BY id').all() as ({
        id: number
      } & RawAddress)[])
        setRaw.run(reader.line(e), e.id)
    })()
  } finally {
    source.pragma('foreign_keys = ON')
    source.prepare('DETACH old').run()
  }
}
