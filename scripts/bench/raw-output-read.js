// `node scripts/bench/raw-output-read.js <database>`: what a store that kept tools' outputs only in
// the raw-line blocks would cost a report that shows them. Times (CPU, this thread) reading every
// tool result's output from function_results, as a full-mode report does today, against finding
// each tool result's raw line in its block (decompressed once per block, in block order) and
// JSON.parse'ing it: the least a lazy design must do before its source's parser finds the output
// in the record. Best of 3 of each. docs/performance.md (the twelfth round's store sizes) quotes it.
import Database from 'better-sqlite3'
import { RawLineReader } from '../../lib/store/raw-blocks.js'

const path = process.argv[2]
if (!path) {
  console.error('usage: node scripts/bench/raw-output-read.js <database>')
  process.exit(2)
}
const db = new Database(path, { readonly: true })
const cpu = (f) => {
  let best = Infinity
  let out
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage()
    out = f()
    const c = process.cpuUsage(c0)
    best = Math.min(best, (c.user + c.system) / 1e6)
  }
  return { best, out }
}
const typed = cpu(() => {
  let chars = 0
  for (const [o] of db.prepare('SELECT output FROM function_results').raw(true).iterate()) chars += o.length
  return chars
})
const raw = cpu(() => {
  const reader = new RawLineReader(db)
  let chars = 0
  const rows = db.prepare(`SELECT raw_block, raw_item FROM events WHERE kind = 'tool_result' ORDER BY raw_block, raw_item`).iterate()
  for (const at of rows) {
    const line = reader.line(at)
    if (line === null) continue
    chars += line.length
    // Touch the record so the parse cannot be optimized away.
    if (JSON.parse(line) === null) chars--
  }
  return chars
})
const n = db.prepare(`SELECT COUNT(*) AS n FROM function_results`).get().n
console.log(
  JSON.stringify({
    tool_results: n,
    typed_column_cpu_s: +typed.best.toFixed(3),
    typed_chars: typed.out,
    raw_blocks_cpu_s: +raw.best.toFixed(3),
    raw_line_chars: raw.out
  })
)
