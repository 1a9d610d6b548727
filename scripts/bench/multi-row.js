// The events rows of a store written again into a fresh store (the same schema and pragmas): one
// row per statement, as the writer does, against N rows per multi-row statement
// (`INSERT … VALUES (…), (…), …`). The multi-row arguments are built before the clock starts, so
// only better-sqlite3's calls and SQLite's statements are timed. Prints CPU milliseconds per run.
// `--drop-indexes` drops events' three indexes first (their share of a row's cost; a measure only).
// Usage: node scripts/bench/multi-row.js <store made by ingest-child.js> [--repeat 3] [--sizes 1,8,32,64] [--drop-indexes]
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../lib/index.js'

const args = process.argv.slice(2)
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt)
const source = new Database(args[0], { readonly: true })
const repeat = Number(opt('--repeat', 3))
const sizes = opt('--sizes', '1,8,32,64').split(',').map(Number)
const dropIndexes = args.includes('--drop-indexes')
const columns = (table) =>
  source
    .prepare(`SELECT * FROM ${table} LIMIT 0`)
    .columns()
    .map((c) => c.name)
const events = source.prepare('SELECT * FROM events ORDER BY id').raw().all()
const files = source.prepare('SELECT * FROM files ORDER BY id').raw().all()
const scratch = join(tmpdir(), `multi-row-${process.pid}.sqlite`)

function run(n) {
  for (const s of ['', '-wal', '-shm']) rmSync(scratch + s, { force: true })
  const db = openStore(scratch)
  if (dropIndexes) for (const index of ['events_session', 'events_dedupe_holder', 'events_links']) db.exec(`DROP INDEX ${index}`)
  const fc = columns('files')
  const insertFile = db.prepare(`INSERT INTO files (${fc.join(', ')}) VALUES (${fc.map(() => '?').join(', ')})`)
  db.transaction(() => files.forEach((r) => insertFile.run(r)))()
  const ec = columns('events')
  const tuple = `(${ec.map(() => '?').join(', ')})`
  const head = `INSERT OR IGNORE INTO events (${ec.join(', ')}) VALUES `
  const one = db.prepare(head + tuple)
  const many = n > 1 ? db.prepare(head + Array.from({ length: n }, () => tuple).join(', ')) : null
  const groups = []
  if (many) for (let i = 0; i + n <= events.length; i += n) groups.push(events.slice(i, i + n).flat())
  const before = process.cpuUsage()
  db.exec('BEGIN')
  for (const g of groups) many.run(g)
  for (let i = groups.length * n; i < events.length; i++) one.run(events[i])
  db.exec('COMMIT')
  const cpu = process.cpuUsage(before)
  db.close()
  return (cpu.user + cpu.system) / 1000
}

for (let r = 0; r < repeat; r++)
  for (const n of sizes)
    process.stdout.write(JSON.stringify({ rows_per_statement: n, rows: events.length, indexes: !dropIndexes, cpu_ms: Math.round(run(n)) }) + '\n')
for (const s of ['', '-wal', '-shm']) rmSync(scratch + s, { force: true })
