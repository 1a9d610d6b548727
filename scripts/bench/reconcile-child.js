// Child process of `npm run bench`: reconciles every session of a filled store again, as a first
// ingest reconciles every session it touched, and prints one JSON line with the time per keyed row.
// Given a fresh database and a corpus as well, it first ingests the corpus into it on this thread
// and times the reconciliation that ingest runs at its end (`first_ingest_*`): reconciling a filled
// store again changes no row, so only the ingest's own call times the rows a first ingest changes.
// The work must be linear in the rows involved: a per-row time that grows from one corpus size to
// the next is a quadratic step (docs/performance.md, "Inputs that were once quadratic").
// Usage: node scripts/bench/reconcile-child.js <database> [<fresh database> <corpus>]
import { ingestOnThisThread } from '../../lib/ingest/ingest.js'
import { openStore } from '../../lib/index.js'
import { reconcileCopies, reconcileFormats } from '../../lib/store/reconcile.js'

const cpuSecondsSince = (before) => {
  const cpu = process.cpuUsage(before)
  return (cpu.user + cpu.system) / 1e6
}
const keyedRowsOf = (db) => db.prepare('SELECT COUNT(*) FROM events WHERE dedupe_key IS NOT NULL').pluck().get()

const [database, fresh, corpus] = process.argv.slice(2)
let firstIngest = {}
if (fresh && corpus) {
  const db = openStore(fresh)
  let seconds = 0
  let cpuSeconds = 0
  const result = await ingestOnThisThread(
    db,
    [corpus],
    {},
    {
      reconcile: (run) => {
        const cpuBefore = process.cpuUsage()
        const started = process.hrtime.bigint()
        run()
        seconds = Number(process.hrtime.bigint() - started) / 1e9
        cpuSeconds = cpuSecondsSince(cpuBefore)
      }
    }
  )
  const keyedRows = keyedRowsOf(db)
  db.close()
  firstIngest = {
    first_ingest_sessions: result.sessions,
    first_ingest_seconds: seconds,
    first_ingest_cpu_seconds: cpuSeconds,
    first_ingest_cpu_us_per_keyed_row: (1e6 * cpuSeconds) / Math.max(1, keyedRows)
  }
}

const db = openStore(database)
const sessions = db.prepare('SELECT id FROM sessions').pluck().all()
const keyedRows = keyedRowsOf(db)
const cpuBefore = process.cpuUsage()
const started = process.hrtime.bigint()
const changed = reconcileCopies(db, sessions) + reconcileFormats(db, sessions)
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const cpuSeconds = cpuSecondsSince(cpuBefore)
db.close()
process.stdout.write(
  JSON.stringify({
    sessions: sessions.length,
    keyed_rows: keyedRows,
    changed,
    seconds,
    cpu_seconds: cpuSeconds,
    // CPU time, not wall time: on a shared machine only the CPU time compares between runs.
    cpu_us_per_keyed_row: (1e6 * cpuSeconds) / Math.max(1, keyedRows),
    ...firstIngest
  }) + '\n'
)
