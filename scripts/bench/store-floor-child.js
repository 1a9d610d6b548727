// Child process of `npm run bench`: the floor for any ingester that keeps every line in SQLite.
// Reads the files as the ingest does (whole chunks split on newlines), decodes each line and
// inserts it as one row of a one-column table, with the store's pragmas and batch size: no
// JSON.parse, no normalized rows, no indexes. Prints one JSON line with the time it took.
// Usage: node scripts/bench/store-floor-child.js <database> <file>...
import Database from 'better-sqlite3'
import { forEachLine } from './lines.js'

const [database, ...files] = process.argv.slice(2)
const started = process.hrtime.bigint()
const db = new Database(database)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('cache_size = -32768')
db.pragma('wal_autocheckpoint = 20000')
db.exec('CREATE TABLE lines (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')
const insert = db.prepare('INSERT INTO lines (text) VALUES (?)')
const BATCH = 2000
let pending = []
const flush = db.transaction((rows) => {
  for (const r of rows) insert.run(r)
})
let lines = 0
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
process.stdout.write(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, lines }) + '\n')
