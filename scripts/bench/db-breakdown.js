// `node scripts/bench/db-breakdown.js <database>`: where a store's bytes are. Pages per table and
// index from SQLite's dbstat virtual table (better-sqlite3 compiles it in), the bytes of the large
// text columns and of the compressed raw-line blocks, and the stored payload bytes per event kind.
// Run it on `npm run bench -- --keep`'s database (.bench/run-*/bench.sqlite); docs/performance.md
// quotes it.
import Database from 'better-sqlite3'
const path = process.argv[2]
if (!path) {
  console.error('usage: node scripts/bench/db-breakdown.js <database>')
  process.exit(2)
}
const db = new Database(path, { readonly: true })
try {
  const rows = db.prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`).all()
  const tot = rows.reduce((a, r) => a + r.bytes, 0)
  for (const r of rows) console.log(r.name.padEnd(36), (r.bytes / 1e6).toFixed(2).padStart(8), 'MB', ((100 * r.bytes) / tot).toFixed(1).padStart(5), '%')
  console.log('total'.padEnd(36), (tot / 1e6).toFixed(2).padStart(8), 'MB')
} catch (e) {
  console.log('dbstat', e.message)
}
const col = (t, c) => db.prepare(`SELECT COALESCE(SUM(length(CAST(${c} AS BLOB))),0) AS b FROM ${t}`).get().b / 1e6
console.log(
  'raw_blocks.data MB (compressed raw lines)',
  col('raw_blocks', 'data').toFixed(2),
  'events.payload MB',
  col('events', 'payload').toFixed(2),
  'function_results.output MB',
  col('function_results', 'output').toFixed(2),
  'function_calls.arguments',
  col('function_calls', 'arguments').toFixed(2),
  'prompts.text',
  col('prompts', 'text').toFixed(2),
  'reasoning',
  col('agent_reasoning_messages', 'text').toFixed(2)
)
for (const r of db.prepare(`SELECT kind, COUNT(*) n, SUM(length(CAST(payload AS BLOB))) b FROM events GROUP BY kind ORDER BY b DESC`).all())
  console.log(r.kind.padEnd(20), r.n, (r.b / 1e6).toFixed(2))
