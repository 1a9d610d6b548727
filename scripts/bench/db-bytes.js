// `node scripts/bench/db-bytes.js <database>`: what each table and index of a store holds, from
// SQLite's dbstat virtual table: rows, bytes of cell payload, pages (overflow pages apart) and the
// unused bytes of its pages; then the bytes a table's rows spend on repeated keys (session ids,
// timestamps) and on JSON keys, and the text that is both in a typed column and in the raw blocks.
// docs/performance.md ("where the first ingest's bytes go") quotes it.
import Database from 'better-sqlite3'

const path = process.argv[2]
if (!path) {
  console.error('usage: node scripts/bench/db-bytes.js <database>')
  process.exit(2)
}
const db = new Database(path, { readonly: true })
const mb = (b) => (b / 1e6).toFixed(2).padStart(7)
const total = db.prepare('SELECT SUM(pgsize) AS b FROM dbstat').get().b
const objects = db.prepare("SELECT name, type, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')").all()
const kind = new Map(objects.map((o) => [o.name, o]))
const stats = db
  .prepare(
    `SELECT name, SUM(pgsize) AS bytes, SUM(payload) AS payload, SUM(unused) AS unused,
       SUM(pagetype = 'overflow') AS overflow, SUM(pagetype = 'leaf') AS leaves, SUM(pagetype = 'internal') AS internal,
       SUM(CASE WHEN pagetype = 'leaf' THEN ncell ELSE 0 END) AS cells
     FROM dbstat GROUP BY name ORDER BY bytes DESC`
  )
  .all()
console.log(`database ${mb(total)} MB in ${db.pragma('page_count', { simple: true })} pages of ${db.pragma('page_size', { simple: true })} bytes`)
console.log('object                               of table                 rows     MB  % file  payload MB  unused MB  overflow pages')
for (const s of stats) {
  if (s.bytes < 20000) continue
  const o = kind.get(s.name) ?? {
    type: s.name.startsWith('sqlite_autoindex') ? 'index' : 'table',
    tbl_name: s.name.replace(/^sqlite_autoindex_(.*)_\d+$/, '$1')
  }
  const of = o.type === 'index' ? o.tbl_name : ''
  console.log(
    `${s.name.padEnd(36)} ${of.padEnd(22)} ${String(s.cells).padStart(7)} ${mb(s.bytes)} ${((100 * s.bytes) / total).toFixed(1).padStart(6)} ${mb(s.payload).padStart(11)} ${mb(s.unused).padStart(10)} ${String(s.overflow).padStart(15)}`
  )
}
const tables = {}
for (const s of stats) {
  const o = kind.get(s.name)
  const t = o ? o.tbl_name : s.name.replace(/^sqlite_autoindex_(.*)_\d+$/, '$1')
  tables[t] ??= { table: 0, index: 0 }
  tables[t][o?.type === 'table' || (!o && !s.name.startsWith('sqlite_autoindex')) ? 'table' : 'index'] += s.bytes
}
console.log('\ntable with its indexes                 table MB  index MB')
for (const [t, v] of Object.entries(tables).sort((a, b) => b[1].table + b[1].index - a[1].table - a[1].index)) {
  if (v.table + v.index < 50000) continue
  console.log(`${t.padEnd(38)} ${mb(v.table)}   ${mb(v.index)}`)
}

const sum = (sql) => db.prepare(sql).get().b ?? 0
const bytesOf = (t, c) => sum(`SELECT SUM(length(CAST(${c} AS BLOB))) AS b FROM ${t}`)
console.log('\ncolumn bytes (as stored, UTF-8)')
const columns = [
  ['function_results', 'output'],
  ['function_calls', 'arguments'],
  ['function_calls', 'command'],
  ['rate_limit_messages', 'windows'],
  ['agent_reasoning_messages', 'text'],
  ['prompts', 'text'],
  ['turn_context_messages', 'cwd'],
  ['events', 'payload'],
  ['events', 'dedupe_key'],
  ['raw_blocks', 'data']
]
for (const [t, c] of columns) console.log(`${(t + '.' + c).padEnd(38)} ${mb(bytesOf(t, c))} MB`)

// Keys every typed row repeats: the session id and the timestamp, which events already holds.
console.log('\nrepeated keys: session_id and ts bytes per table (events holds both for every event)')
let repeated = 0
for (const t of [
  'events',
  'prompts',
  'token_messages',
  'turn_context_messages',
  'agent_reasoning_messages',
  'function_calls',
  'function_results',
  'rate_limit_messages',
  'files_touched'
]) {
  const hasTs = db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'ts'`).get(t)
  const sid = bytesOf(t, 'session_id')
  const ts = hasTs ? bytesOf(t, 'ts') : 0
  if (t !== 'events') repeated += sid + ts
  console.log(`${t.padEnd(38)} session_id ${mb(sid)} MB  ts ${mb(ts)} MB`)
}
console.log(`${'typed tables, both keys'.padEnd(38)} ${mb(repeated)} MB`)

// JSON keys: the bytes of "key": in events.payload and in the JSON columns.
const keyBytes = (t, c) =>
  sum(
    `SELECT SUM(length(j.key) + 3) AS b FROM ${t}, json_tree(${t}.${c}) AS j WHERE ${t}.${c} <> '' AND json_valid(${t}.${c}) AND j.key IS NOT NULL AND typeof(j.key) = 'text'`
  )
console.log('\nJSON keys ("key": bytes)')
for (const [t, c] of [
  ['events', 'payload'],
  ['rate_limit_messages', 'windows']
])
  console.log(`${(t + '.' + c).padEnd(38)} ${mb(keyBytes(t, c))} MB of ${mb(bytesOf(t, c))} MB`)
console.log('\nevents.payload per kind: rows, MB')
for (const r of db
  .prepare(`SELECT kind, COUNT(*) AS n, SUM(length(CAST(payload AS BLOB))) AS b, SUM(payload = '') AS empty FROM events GROUP BY kind ORDER BY b DESC`)
  .all())
  console.log(`${r.kind.padEnd(20)} ${String(r.n).padStart(7)} ${mb(r.b)}  (${r.empty} empty)`)
