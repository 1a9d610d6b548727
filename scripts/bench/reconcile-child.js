// Child process of `npm run bench`: reconciles every session of a filled store again, as a first
// ingest reconciles every session it touched, and prints one JSON line with the time per keyed row.
// The work must be linear in the rows involved: a per-row time that grows from one corpus size to
// the next is a quadratic step (docs/performance.md, "Inputs that were once quadratic").
// Usage: node scripts/bench/reconcile-child.js <database>
import { openStore } from '../../lib/index.js'
import { reconcileCopies, reconcileFormats } from '../../lib/store/reconcile.js'

const db = openStore(process.argv[2])
const sessions = db.prepare('SELECT id FROM sessions').pluck().all()
const keyedRows = db.prepare('SELECT COUNT(*) FROM events WHERE dedupe_key IS NOT NULL').pluck().get()
const cpuBefore = process.cpuUsage()
const started = process.hrtime.bigint()
const changed = reconcileCopies(db, sessions) + reconcileFormats(db, sessions)
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const cpu = process.cpuUsage(cpuBefore)
const cpuSeconds = (cpu.user + cpu.system) / 1e6
db.close()
process.stdout.write(
  JSON.stringify({
    sessions: sessions.length,
    keyed_rows: keyedRows,
    changed,
    seconds,
    cpu_seconds: cpuSeconds,
    // CPU time, not wall time: on a shared machine only the CPU time compares between runs.
    cpu_us_per_keyed_row: (1e6 * cpuSeconds) / Math.max(1, keyedRows)
  }) + '\n'
)
