// `npm run bench -- --db postgres://…`: the ingest's figures on PostgreSQL beside SQLite, from one
// run on one corpus: first ingest and unchanged re-run (median of three) into a new SQLite file and
// into a new database of the given server, with the PostgreSQL run's time split into seeding the
// writer's staging store, the ingest into it, and the push. The database is created for the run
// (the URL's role needs CREATEDB) and dropped after it unless --keep. See docs/performance.md.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** The URL with its password hidden, as it may be printed. */
function shown(url) {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}

async function admin(url, sql) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await c.query(sql)
  } finally {
    await c.end()
  }
}

function pgChild(root, url, paths) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'pg-ingest-child.js'), url, ...paths], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20
  })
  if (r.status !== 0) throw new Error(`PostgreSQL ingest child failed (${r.status ?? r.signal}): ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop())
}

/**
 * @param {{ root: string, url: string, corpusDir: string, corpusMb: number, runDir: string, keep: boolean,
 *   ingestChild: (database: string, paths: string[]) => any, median: (xs: number[]) => number, log: (s?: string) => void }} o
 */
export async function measurePostgres(o) {
  const { root, url, corpusDir, corpusMb, runDir, log, median } = o
  const name = `ai_log_trail_bench_${process.pid}_${randomBytes(3).toString('hex')}`
  await admin(url, `CREATE DATABASE ${name}`)
  const u = new URL(url)
  u.pathname = `/${name}`
  const target = u.toString()
  const version = (await admin(target, 'SHOW server_version')).rows[0].server_version
  log(`PostgreSQL ${version}: new database ${shown(target)}`)
  const load = [loadavg()[0]]
  try {
    const sqlite = join(runDir, 'bench.sqlite')
    log('SQLite: first ingest (child process) ...')
    const sFirst = o.ingestChild(sqlite, [corpusDir])
    log(`  ${sFirst.files} files, ${sFirst.sessions} sessions, ${sFirst.events} events in ${sFirst.seconds.toFixed(2)} s`)
    log('SQLite: unchanged re-run x3 ...')
    const sRerun = median([0, 1, 2].map(() => o.ingestChild(sqlite, [corpusDir]).seconds))
    log(`  ${sRerun.toFixed(3)} s`)
    load.push(loadavg()[0])

    log('PostgreSQL: first ingest (child process: staging, ingest, push) ...')
    const pFirst = pgChild(root, target, [corpusDir])
    log(
      `  ${pFirst.files} files, ${pFirst.sessions} sessions, ${pFirst.events} events in ${pFirst.seconds.toFixed(2)} s: seed ${pFirst.seed_seconds.toFixed(2)} s, ingest ${pFirst.ingest_seconds.toFixed(2)} s, push ${pFirst.push_seconds.toFixed(2)} s (${pFirst.pushed_rows} rows)`
    )
    if (pFirst.events !== sFirst.events) log(`  warning: ${pFirst.events} events, the SQLite ingest stored ${sFirst.events}`)
    log('PostgreSQL: unchanged re-run x3 ...')
    const pReruns = [0, 1, 2].map(() => pgChild(root, target, [corpusDir]))
    for (const r of pReruns)
      if (r.files !== 0 || r.pushed_sessions !== 0) log(`  warning: re-run read ${r.files} file(s), pushed ${r.pushed_sessions} session(s)`)
    const mid = [...pReruns].sort((a, b) => a.seconds - b.seconds)[1]
    log(
      `  ${mid.seconds.toFixed(3)} s: seed ${mid.seed_seconds.toFixed(3)} s, ingest ${mid.ingest_seconds.toFixed(3)} s, push ${mid.push_seconds.toFixed(3)} s`
    )
    load.push(loadavg()[0])
    const size = Number((await admin(target, `SELECT pg_database_size(current_database())::text AS n`)).rows[0].n)
    const out = {
      corpus_mb: Math.round(corpusMb * 10) / 10,
      cores: cpus().length,
      load_1min: load.map((x) => Math.round(x * 100) / 100),
      postgres: version,
      sqlite: { first_s: sFirst.seconds, rerun_s: sRerun, database_mb: fileMb(sqlite) },
      pg: {
        first_s: pFirst.seconds,
        first_seed_s: pFirst.seed_seconds,
        first_ingest_s: pFirst.ingest_seconds,
        first_push_s: pFirst.push_seconds,
        pushed_rows: pFirst.pushed_rows,
        rerun_s: mid.seconds,
        rerun_seed_s: mid.seed_seconds,
        rerun_ingest_s: mid.ingest_seconds,
        rerun_push_s: mid.push_seconds,
        database_mb: size / 1e6
      }
    }
    const f = (x) => x.toFixed(2)
    log('')
    log(`                      SQLite     PostgreSQL   (${out.corpus_mb} MB corpus, load ${out.load_1min.join(' / ')} on ${out.cores} cores)`)
    log(
      `first ingest        ${f(out.sqlite.first_s).padStart(7)} s  ${f(out.pg.first_s).padStart(8)} s   push ${f(out.pg.first_push_s)} s = ${Math.round((100 * out.pg.first_push_s) / out.pg.first_s)} %`
    )
    log(
      `unchanged re-run    ${out.sqlite.rerun_s.toFixed(3).padStart(7)} s  ${out.pg.rerun_s.toFixed(3).padStart(8)} s   push ${out.pg.rerun_push_s.toFixed(3)} s`
    )
    log(`database            ${f(out.sqlite.database_mb).padStart(6)} MB  ${f(out.pg.database_mb).padStart(7)} MB`)
    return out
  } finally {
    if (o.keep) log(`kept ${shown(target)}`)
    else await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}

function fileMb(path) {
  let n = 0
  for (const s of ['', '-wal', '-shm']) if (existsSync(path + s)) n += statSync(path + s).size
  return n / 1e6
}
