// Child process of `npm run bench -- --db postgres://…`: ingests the given paths into the
// PostgreSQL store at <url> the way `ai-log-trail ingest --db <url>` does (a private staging store
// seeded with the team store's files, then pushed), and prints one JSON line with where the time
// went: seeding the staging, the ingest into it, and the push (this machine's other files of the
// sessions read, then the upsert), wall and CPU, not counting Node's start-up.
// Usage: node scripts/bench/pg-ingest-child.js <url> <path>...
import { ingestPaths, openStore } from '../../lib/index.js'
import { withLocalStore } from '../../lib/store/pg/local-store.js'

const [url, ...paths] = process.argv.slice(2)
const now = () => Number(process.hrtime.bigint()) / 1e9
const started = now()
const cpuBefore = process.cpuUsage()
let ingestStarted = 0
let ingestEnded = 0
let pushed = { sessions: 0, rows: 0 }
const result = await withLocalStore(
  url,
  'write',
  async (path) => {
    ingestStarted = now()
    const db = openStore(path)
    try {
      return await ingestPaths(db, paths)
    } finally {
      db.close()
      ingestEnded = now()
    }
  },
  (r) => (pushed = r)
)
const ended = now()
const cpu = process.cpuUsage(cpuBefore)
process.stdout.write(
  JSON.stringify({
    seconds: ended - started,
    seed_seconds: ingestStarted - started,
    ingest_seconds: ingestEnded - ingestStarted,
    push_seconds: ended - ingestEnded,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    files: result.files,
    unchanged_files: result.unchanged_files,
    sessions: result.sessions,
    events: result.events,
    errors: result.errors.length,
    pushed_sessions: pushed.sessions,
    pushed_rows: pushed.rows
  }) + '\n'
)
