// Child process of `npm run bench`: the floor for any ingester that keeps every line in SQLite.
// Reads the files as the ingest does (whole chunks split on newlines), decodes each line and
// inserts it as one row of a one-column table, with the store's pragmas and batch size: no
// JSON.parse, no normalized rows, no indexes. Prints one JSON line with the time it took.
// Usage: node scripts/bench/store-floor-child.js <database> <file>...
import Database from 'better-sqlite3'
import { closeSync, openSync, readSync } from 'node:fs'

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
const chunk = 1 << 20
const buf = Buffer.allocUnsafe(chunk)
let lines = 0
for (const f of files) {
  const fd = openSync(f, 'r')
  try {
    let pos = 0
    let carry = null
    for (;;) {
      const n = readSync(fd, buf, 0, chunk, pos)
      if (n === 0) break
      pos += n
      let data = buf.subarray(0, n)
      if (carry) {
        data = Buffer.concat([carry, data])
        carry = null
      }
      let from = 0
      for (;;) {
        const nl = data.indexOf(10, from)
        if (nl === -1) break
        if (nl > from) pending.push(data.toString('utf8', from, nl))
        from = nl + 1
        if (pending.length >= BATCH) {
          flush(pending)
          lines += pending.length
          pending = []
        }
      }
      if (from < data.length) carry = Buffer.from(data.subarray(from))
    }
    if (carry && carry.length) pending.push(carry.toString('utf8'))
  } finally {
    closeSync(fd)
  }
}
flush(pending)
lines += pending.length
db.pragma('wal_checkpoint(PASSIVE)')
db.close()
process.stdout.write(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, lines }) + '\n')
