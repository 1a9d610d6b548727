// The floor for any ingester that keeps every line in SQLite: the files read as the ingest reads
// them (whole chunks split on newlines), each line decoded and inserted as one row of a one-column
// table, with the store's pragmas and batch size: no JSON.parse, no normalized rows, no indexes.
// Used by store-floor-child.js (npm run bench) and experiments.js (its `floor` variant).
import Database from 'better-sqlite3'
import { forEachLine } from './lines.js'

const BATCH = 2000

/** Stores every line of `files` in a fresh database at `database`; the number of lines. */
export function storeFloor(database, files) {
  const db = new Database(database)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('cache_size = -32768')
  db.pragma('wal_autocheckpoint = 20000')
  db.exec('CREATE TABLE lines (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO lines (text) VALUES (?)')
  const flush = db.transaction((rows) => {
    for (const r of rows) insert.run(r)
  })
  let lines = 0
  let pending = []
  forEachLine(files, (buf, from, to) => {
    pending.push(buf.toString('utf8', from, to))
    if (pending.length >= BATCH) {
      flush(pending)
      lines += pending.length
      pending = []
    }
  })
  flush(pending)
  lines += pending.length
  db.pragma('wal_checkpoint(PASSIVE)')
  db.close()
  return lines
}
