// `npm run bench [-- --mb N] [--seed N] [--json] [--profile] [--keep]`
//
// Generates (or reuses) a deterministic corpus of Codex and Claude Code logs under .bench/ and
// measures, in one run: the one-thread parse-only limit, first ingest (with and without the parse
// worker), the floor of storing every line in SQLite, unchanged re-run, the
// warm dry-run job, redaction, full-mode report rendering, the ingest's peak RSS, the Action
// bundle's cold start and `collect` on an unchanged history, then prints where each target stands.
// See docs/performance.md for what each figure means and the results.
//
// Progress and the table go to stderr; with --json, one JSON object is the last line of stdout.
// Builds lib/ first (tsc -p tsconfig.build.json) when it is missing or older than src/.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { writeCorners } from './bench/corners.js'
import { ensureCorpus } from './bench/corpus.js'
import { forEachLine, sampleLines } from './bench/lines.js'
import { formatSummary, summarizeProfile } from './bench/profile-summary.js'

const root = resolve(import.meta.dirname, '..')
const log = (s = '') => process.stderr.write(s + '\n')

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    corners: { type: 'boolean', default: false },
    collect: { type: 'boolean', default: false },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})
if (args.help) {
  log(`usage: npm run bench -- [--mb N] [--seed N] [--json] [--profile] [--keep]

  --mb N       corpus size in MB (10^6 bytes; default 200), kept in .bench/corpus-<N>mb/
  --seed N     PRNG seed of the corpus (default 1)
  --json       print the figures as one JSON object on the last line of stdout
  --profile    instead of measuring, CPU-profile one ingest of the corpus (node --cpu-prof)
               and print the top self-time functions; the .cpuprofile stays in .bench/
  --keep       keep the working database (.bench/run-*/bench.sqlite) after the run
  --corners    instead, time the inputs that were once quadratic (identical lines in one session,
               one line of tens of MB) at three sizes each; see scripts/bench/corners.js
  --collect    instead, time only \`collect --all\` on the corpus: once, then on the unchanged
               history (a figure that moves with the machine's load: repeat it on a loaded one)
  --db URL     instead, the ingest's figures on the PostgreSQL server at URL (postgres://…) beside
               SQLite: first ingest and unchanged re-run, with the push's share; the run creates a
               database of its own there and drops it; see scripts/bench/pg-ingest.js`)
  process.exit(0)
}
const mb = Number(args.mb)
const seed = Number(args.seed)
if (!(mb > 0) || !Number.isInteger(seed)) {
  log('--mb must be a positive number and --seed an integer')
  process.exit(2)
}

// ---------------------------------------------------------------------------------------
// lib/ up to date
// ---------------------------------------------------------------------------------------

function newestMtime(dir) {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue
    const t = statSync(join(e.parentPath, e.name)).mtimeMs
    if (t > newest) newest = t
  }
  return newest
}

function ensureLib() {
  const entry = join(root, 'lib', 'index.js')
  const stale = !existsSync(entry) || statSync(entry).mtimeMs < newestMtime(join(root, 'src'))
  if (!stale) return
  log('lib/ is missing or older than src/: building (tsc -p tsconfig.build.json)')
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2]
  })
  if (r.status !== 0) {
    if (!existsSync(entry)) {
      log('build failed and there is no lib/ to measure')
      process.exit(1)
    }
    log('warning: build failed; measuring the existing lib/')
  }
}

ensureLib()
const lib = await import('../lib/index.js')

if (args.corners) {
  const dir = join(root, '.bench', 'corners')
  const out = []
  for (const c of writeCorners(root, join(dir, 'inputs'))) {
    const database = join(dir, 'corner.sqlite')
    for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true })
    const r = ingestChild(database, [c.path])
    out.push({ case: c.name, seconds: round(r.seconds), events: r.events, errors: r.errors })
    log(`${c.name.padEnd(24)} ${r.seconds.toFixed(2).padStart(7)} s  ${r.events} events`)
  }
  rmSync(dir, { recursive: true, force: true })
  if (args.json) process.stdout.write(JSON.stringify({ corners: out }) + '\n')
  process.exit(0)
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function round(x, digits = 3) {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

function dbBytes(path) {
  let n = 0
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) n += statSync(path + suffix).size
  return n
}

/** Runs scripts/bench/ingest-child.js in its own process; returns its JSON line. */
function ingestChild(database, paths, nodeArgs = [], env = {}) {
  const r = spawnSync(process.execPath, [...nodeArgs, join(root, 'scripts', 'bench', 'ingest-child.js'), database, ...paths], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20
  })
  if (r.status !== 0) throw new Error(`ingest child failed (${r.status ?? r.signal}): ${r.stderr}`)
  const last = r.stdout.trim().split('\n').pop()
  return JSON.parse(last)
}

/**
 * The limit for a JS ingester on one thread: whole 1 MiB chunks, split on newlines, each line
 * decoded and JSON.parse'd. Nothing is kept.
 */
function parseOnly(files) {
  let lines = 0
  let keys = 0
  const t0 = process.hrtime.bigint()
  const bytes = forEachLine(files, (buf, from, to) => {
    const o = JSON.parse(buf.toString('utf8', from, to))
    // Touch the result so the parse cannot be optimized away.
    if (o.type) keys++
    lines++
  })
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return { seconds, bytes, lines, keys }
}

function spawnMs(args, opts) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', ...opts })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  return { ms, r }
}

/**
 * CPU seconds (user + system) of this process's finished children, from /proc/self/stat; null
 * where there is none. On a shared machine a child's CPU time moves far less than its wall time.
 */
function childrenCpuS() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ')
    // After the command name: state is field 3, cutime and cstime fields 16 and 17, in clock ticks.
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return null
  }
}

/** The first `repository_url` a Codex session of the corpus names (sessions with none have no remote). */
function corpusRemote(files) {
  for (const f of files) {
    if (!f.includes(`${join('codex', 'sessions')}`)) continue
    const m = /"repository_url":"([^"]+)"/.exec(readFileSync(f, 'utf8').slice(0, 8192))
    if (m) return m[1]
  }
  return 'https://github.com/example-org/none.git'
}

/**
 * Times `ai-log-trail collect --all` in a new repository whose agents' places are the corpus: once
 * to fill its working database and `.ai-logs/`, then twice more with nothing changed (the faster).
 */
function measureCollect() {
  const d = mkdtempSync(join(tmpdir(), 'alt-bench-collect-'))
  try {
    const repo = join(d, 'repo')
    mkdirSync(join(d, 'home'))
    mkdirSync(repo)
    const git = (...a) => spawnSync('git', a, { cwd: repo, encoding: 'utf8' })
    git('init', '-q')
    git('remote', 'add', 'origin', corpusRemote(files))
    const env = { PATH: process.env.PATH, HOME: join(d, 'home'), CODEX_HOME: join(corpusDir, 'codex'), CLAUDE_CONFIG_DIR: join(corpusDir, 'claude') }
    const run = () => {
      const cpu0 = childrenCpuS()
      const { ms, r } = spawnMs([join(root, 'bin', 'ai-log-trail.js'), 'collect', '--all', '--json'], { cwd: repo, env, maxBuffer: 64 << 20 })
      const cpu1 = childrenCpuS()
      if (r.status !== 0) throw new Error(`collect failed (${r.status ?? r.signal}): ${r.stderr}`)
      return { seconds: ms / 1000, cpu_s: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, out: JSON.parse(r.stdout) }
    }
    const first = run()
    const again = [run(), run()]
    for (const a of again) {
      if (a.out.staged.some((f) => f.status !== 'unchanged')) log('  warning: collect on the unchanged history rewrote a copy')
      // Answered from its record of the copies, an unchanged run must still count what the first one did.
      if (a.out.redactions !== first.out.redactions || JSON.stringify(a.out.late) !== JSON.stringify(first.out.late))
        log('  warning: collect on the unchanged history counted other redactions than the run that made the copies')
    }
    const best = again[0].seconds <= again[1].seconds ? again[0] : again[1]
    return { first_s: first.seconds, copies: first.out.staged.length, unchanged_s: best.seconds, unchanged_cpu_s: best.cpu_s }
  } finally {
    rmSync(d, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------

const benchDir = join(root, '.bench')
mkdirSync(benchDir, { recursive: true })
const corpusDir = join(benchDir, `corpus-${mb}mb`)
log(`corpus: ${corpusDir} (seed ${seed})`)
const corpus = ensureCorpus(corpusDir, mb, seed, log)
log(
  `  ${corpus.reused ? 'reused' : `generated in ${corpus.generate_s.toFixed(1)} s`}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB (Codex ${(corpus.codex_bytes / 1e6).toFixed(1)} MB, Claude Code ${(corpus.claude_bytes / 1e6).toFixed(1)} MB)`
)
const files = listFiles(corpusDir)
const corpusMb = corpus.bytes / 1e6

if (args.collect) {
  const load = loadavg()[0]
  const c = measureCollect()
  const cpu = c.unchanged_cpu_s === null ? '' : `, CPU ${c.unchanged_cpu_s.toFixed(2)} s`
  log(
    `collect --all: first ${c.first_s.toFixed(2)} s (${c.copies} copies), unchanged ${c.unchanged_s.toFixed(2)} s${cpu}; load ${load.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`
  )
  if (args.json)
    console.log(
      JSON.stringify({
        corpus_mb: round(corpusMb, 1),
        collect_first_s: round(c.first_s),
        collect_unchanged_s: round(c.unchanged_s),
        collect_unchanged_cpu_s: c.unchanged_cpu_s === null ? null : round(c.unchanged_cpu_s),
        collect_copies: c.copies,
        load_avg_1m: [round(load, 2), round(loadavg()[0], 2)]
      })
    )
  process.exit(0)
}

const runDir = join(benchDir, `run-${mb}mb-${process.pid}`)
rmSync(runDir, { recursive: true, force: true })
mkdirSync(runDir, { recursive: true })
const database = join(runDir, 'bench.sqlite')

if (args.profile) {
  const profDir = join(benchDir, `profile-${mb}mb`)
  rmSync(profDir, { recursive: true, force: true })
  log(`profiling one ingest of ${corpusMb.toFixed(1)} MB into a fresh database (node --cpu-prof)`)
  const r = ingestChild(database, [corpusDir], ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', 'ingest.cpuprofile'])
  const file = join(profDir, 'ingest.cpuprofile')
  log(`ingest under the profiler: ${r.seconds.toFixed(2)} s; profile: ${file}`)
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), root)
  writeFileSync(join(profDir, 'summary.json'), JSON.stringify(summary, null, 2))
  console.log(formatSummary(summary, 30))
  if (!args.keep) rmSync(runDir, { recursive: true, force: true })
  process.exit(0)
}

if (args.db) {
  const { measurePostgres } = await import('./bench/pg-ingest.js')
  const out = await measurePostgres({ root, url: args.db, corpusDir, corpusMb, runDir, keep: args.keep, ingestChild, median, log })
  if (!args.keep) rmSync(runDir, { recursive: true, force: true })
  if (args.json) process.stdout.write(JSON.stringify(out) + '\n')
  process.exit(0)
}

const loadBefore = loadavg()[0]

// 1. Parse-only limit: best of two passes (the first also warms the page cache for both).
log('parse-only (one thread, chunks + split + JSON.parse) ...')
const parses = [parseOnly(files), parseOnly(files)]
const parse = parses.reduce((a, b) => (a.seconds <= b.seconds ? a : b))
const parseMbS = parse.bytes / 1e6 / parse.seconds
log(`  ${parse.lines} lines in ${parse.seconds.toFixed(2)} s: ${parseMbS.toFixed(1)} MB/s`)

// 2. First ingest, in a child so its peak RSS is the ingest's own.
log('first ingest (child process) ...')
const first = ingestChild(database, [corpusDir])
if (first.errors) log(`  warning: ${first.errors} ingest error(s), e.g. ${JSON.stringify(first.first_errors[0])}`)
const ingestMbS = corpusMb / first.seconds
log(
  `  ${first.files} files, ${first.sessions} sessions, ${first.events} events in ${first.seconds.toFixed(2)} s (CPU ${first.cpu_seconds.toFixed(2)} s): ${ingestMbS.toFixed(1)} MB/s, peak RSS ${first.peak_rss_mb.toFixed(0)} MB, parsed on the ${first.parsed_on === 'worker' ? 'worker thread' : 'main thread'}`
)
const databaseMb = dbBytes(database) / 1e6

// 2a. Reconciliation timed alone: the one a first ingest runs at its end (in a second ingest of
// the corpus, on the child's thread), and every session of the filled store reconciled again. Its
// time per keyed row at two corpus sizes says whether it stays linear.
log("reconciliation: a first ingest's, and every session again (child process) ...")
const reconcileDb = join(runDir, 'reconcile.sqlite')
const dropReconcileDb = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(reconcileDb + suffix, { force: true })
}
dropReconcileDb()
const reconcileRun = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'reconcile-child.js'), database, reconcileDb, corpusDir], {
  cwd: root,
  encoding: 'utf8'
})
dropReconcileDb()
if (reconcileRun.status !== 0) throw new Error(`reconcile child failed (${reconcileRun.status ?? reconcileRun.signal}): ${reconcileRun.stderr}`)
const reconcile = JSON.parse(reconcileRun.stdout.trim().split('\n').pop())
if (reconcile.changed !== 0) log(`  warning: reconciling again changed ${reconcile.changed} row(s)`)
log(
  `  first ingest's: ${reconcile.first_ingest_sessions} sessions in ${reconcile.first_ingest_seconds.toFixed(3)} s (CPU ${reconcile.first_ingest_cpu_seconds.toFixed(3)} s): ${reconcile.first_ingest_cpu_us_per_keyed_row.toFixed(2)} µs of CPU per keyed row`
)
log(
  `  again: ${reconcile.keyed_rows} keyed rows of ${reconcile.sessions} sessions in ${reconcile.seconds.toFixed(3)} s (CPU ${reconcile.cpu_seconds.toFixed(3)} s): ${reconcile.cpu_us_per_keyed_row.toFixed(2)} µs of CPU per row`
)

// 2b. The same ingest with parsing on the other thread than the default chose, and the floor
// of storing every line.
const otherOn = first.parsed_on === 'worker' ? 'thread' : 'worker'
log(`first ingest, parsing on the ${otherOn === 'worker' ? 'worker thread' : 'main thread'} (child process) ...`)
const otherDb = join(runDir, 'other.sqlite')
const other = ingestChild(otherDb, [corpusDir], [], { AI_LOG_TRAIL_PARSE_WORKER: otherOn === 'worker' ? '1' : '0' })
rmSync(otherDb, { force: true })
log(`  ${other.seconds.toFixed(2)} s: ${(corpusMb / other.seconds).toFixed(1)} MB/s, peak RSS ${other.peak_rss_mb.toFixed(0)} MB`)
const byThread = { [first.parsed_on]: first, [other.parsed_on]: other }
log('store floor: every line as one row of a one-column table (child process) ...')
const floorDb = join(runDir, 'floor.sqlite')
const floorRun = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'store-floor-child.js'), floorDb, ...files], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 << 20
})
if (floorRun.status !== 0) throw new Error(`store-floor child failed (${floorRun.status ?? floorRun.signal}): ${floorRun.stderr}`)
const floor = JSON.parse(floorRun.stdout.trim().split('\n').pop())
const floorMbS = corpusMb / floor.seconds
rmSync(floorDb, { force: true })
log(`  ${floor.lines} rows in ${floor.seconds.toFixed(2)} s: ${floorMbS.toFixed(1)} MB/s`)

// 3. Unchanged re-run: median of three.
log('unchanged re-run x3 ...')
const reruns = [0, 1, 2].map(() => ingestChild(database, [corpusDir]))
for (const r of reruns)
  if (r.files !== 0 || r.unchanged_files !== first.files) log(`  warning: re-run read ${r.files} file(s), left ${r.unchanged_files} alone`)
const rerunS = median(reruns.map((r) => r.seconds))
log(`  ${rerunS.toFixed(3)} s (${((100 * rerunS) / first.seconds).toFixed(2)} % of the first ingest)`)

// 4. The dry-run job (CLI), database already filled, corpus unchanged; run by a child that
// reports the process's peak RSS once the command is done. The first run fills the redaction
// cache (what a run after an ingest of new logs pays); the warm figure is the run after it, as
// every re-run of the job over unchanged logs is (scripts/bench/warm-dry-run.js takes a median).
// The installed CLI runs its bundle (lib/cli-bundle/, bin/ai-log-trail.js): built here from lib/ as
// just compiled, and run by the child, so the figure is what a user's `ai-log-trail dry-run` takes
// (a checkout's bin/ runs lib/ instead; scripts/bench/warm-dry-run.js --lib measures that).
log('dry-run job over the filled database (CLI): first, then warm ...')
const bundleBuild = spawnSync(process.execPath, [join(root, 'scripts', 'bundle-cli.js')], { cwd: root, stdio: ['ignore', 2, 2] })
const dryEntry = bundleBuild.status === 0 ? 'bundle' : 'lib'
if (dryEntry === 'lib') log('  warning: the CLI bundle did not build; measuring lib/ as compiled')
const dryOut = join(runDir, 'dry-run')
const dryRun = (env = {}, args = [], out = dryOut, logs = corpusDir, db = database) => {
  const dry = spawnMs(
    [join(root, 'scripts', 'bench', 'dry-run-child.js'), 'dry-run', logs, '--db', db, '--out', out, '--quiet', '--now', '2026-01-01T00:00:00Z', ...args],
    { cwd: runDir, maxBuffer: 256 << 20, env: { ...process.env, AI_LOG_TRAIL_CLI_BUNDLE: dryEntry === 'bundle' ? '1' : '0', ...env } }
  )
  if (dry.r.status !== 0) throw new Error(`dry-run failed (${dry.r.status}): ${dry.r.stderr}`)
  return { s: dry.ms / 1000, peak: JSON.parse(dry.r.stdout.trim().split('\n').pop()).peak_rss_mb, said: dry.r.stderr.trim().split('\n').pop() }
}
const dryFirst = dryRun()
log(`  first (redaction cache empty): ${dryFirst.s.toFixed(2)} s, peak RSS ${dryFirst.peak.toFixed(0)} MB`)
const dryWarm = dryRun()
const dryRunS = dryWarm.s
const dryPeak = dryWarm.peak
log(`  warm (${dryEntry}): ${dryRunS.toFixed(2)} s, peak RSS ${dryPeak.toFixed(0)} MB (${dryWarm.said})`)
// The warm run above replays the job memo (nothing it depends on changed); with the memo off, the
// job rebuilds its files from the caches, as a run after any change to its inputs does.
const dryRebuilt = dryRun({ AI_LOG_TRAIL_JOB_MEMO: '0' })
log(`  warm, the job memo off: ${dryRebuilt.s.toFixed(2)} s, peak RSS ${dryRebuilt.peak.toFixed(0)} MB`)
// The same job in full mode, every format, into a folder of its own: the first run redacts every
// full text (the runs above cached only what summary mode shows) and makes the memo's entry; the
// run after it over the unchanged history replays it.
const fullArgs = ['--mode', 'full', '--formats', 'md,json,html,csv']
const dryFullOut = join(runDir, 'dry-run-full')
const dryFullFirst = dryRun({}, fullArgs, dryFullOut)
log(`  full mode, first: ${dryFullFirst.s.toFixed(2)} s, peak RSS ${dryFullFirst.peak.toFixed(0)} MB`)
const dryFullWarm = dryRun({}, fullArgs, dryFullOut)
log(`  full mode, warm: ${dryFullWarm.s.toFixed(2)} s, peak RSS ${dryFullWarm.peak.toFixed(0)} MB (${dryFullWarm.said})`)
// The same full-mode job after a small change, which the job memo cannot replay: one session's log
// grown by one line, then a new session's log. On a copy of the corpus (hard links; a changed log a
// real copy, so the corpus itself is never written) ingested into a store of its own and reported
// once in full mode before the change. CPU (user + system) beside wall time: the machine may be shared.
log('full mode after one session grew, then after a new session (a copy of the corpus) ...')
const grownDir = join(runDir, 'grown-corpus')
const grownDb = join(runDir, 'grown.sqlite')
const grownOut = join(runDir, 'dry-run-grown')
const linked = spawnSync('cp', ['-al', corpusDir, grownDir], { stdio: ['ignore', 2, 2] })
if (linked.status !== 0) spawnSync('cp', ['-r', corpusDir, grownDir], { stdio: ['ignore', 2, 2] })
ingestChild(grownDb, [grownDir])
dryRun({}, fullArgs, grownOut, grownDir, grownDb)
const rollouts = listFiles(grownDir).filter((f) => f.includes(join('codex', 'sessions')) && f.endsWith('.jsonl'))
const lastTs = (text) => /"timestamp":"([^"]+)"/.exec(text.slice(text.lastIndexOf('\n', text.length - 2)))?.[1] ?? '2026-01-01T00:00:00.000Z'
const grownLog = rollouts[Math.floor(rollouts.length / 2)]
const grownText = readFileSync(grownLog, 'utf8')
rmSync(grownLog)
writeFileSync(
  grownLog,
  grownText +
    JSON.stringify({
      timestamp: lastTs(grownText),
      type: 'event_msg',
      payload: { type: 'user_message', message: 'one more prompt, for the bench', images: [] }
    }) +
    '\n'
)
const measured = (run) => {
  const cpu0 = childrenCpuS()
  const r = run()
  const cpu1 = childrenCpuS()
  return { ...r, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }
}
const dryGrown = measured(() => dryRun({}, fullArgs, grownOut, grownDir, grownDb))
log(`  one session grew: ${dryGrown.s.toFixed(2)} s, CPU ${dryGrown.cpu?.toFixed(2)} s, peak RSS ${dryGrown.peak.toFixed(0)} MB`)
// A new session: a log copied under another session id (its UUID's first group changed).
const sourceLog = rollouts[Math.floor(rollouts.length / 3)]
const uuid = /([0-9a-f]{8})(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/.exec(sourceLog)
if (uuid) {
  const other = ((parseInt(uuid[1], 16) ^ 0x5eed) >>> 0).toString(16).padStart(8, '0') + uuid[2]
  writeFileSync(sourceLog.replace(uuid[1] + uuid[2], other), readFileSync(sourceLog, 'utf8').replaceAll(uuid[1] + uuid[2], other))
}
const dryNewSession = measured(() => dryRun({}, fullArgs, grownOut, grownDir, grownDb))
log(`  a new session: ${dryNewSession.s.toFixed(2)} s, CPU ${dryNewSession.cpu?.toFixed(2)} s, peak RSS ${dryNewSession.peak.toFixed(0)} MB`)

// 5. Report: select + redact, then every format, in full mode (and summary mode for comparison).
// In a child with a larger heap: a full-mode report of the whole corpus holds all its text.
log('report: full mode, every format (child process) ...')
const rep = spawnSync(process.execPath, ['--max-old-space-size=12288', join(root, 'scripts', 'bench', 'report-child.js'), database], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 << 20
})
if (rep.status !== 0) throw new Error(`report child failed (${rep.status ?? rep.signal}): ${rep.stderr}`)
const reportRun = JSON.parse(rep.stdout.trim().split('\n').pop())
const perFormat = Object.fromEntries(Object.entries(reportRun.full.per_format_s).map(([k, v]) => [k, round(v)]))
log(
  `  ${reportRun.full.sessions} sessions; select+redact ${reportRun.full.build_s.toFixed(2)} s, render ${reportRun.full.render_s.toFixed(2)} s (${Object.entries(
    perFormat
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}), ${(reportRun.full.bytes / 1e6).toFixed(1)} MB written; peak RSS ${reportRun.peak_rss_mb.toFixed(0)} MB`
)
log(`  summary mode: select+redact ${reportRun.summary.build_s.toFixed(2)} s, render ${reportRun.summary.render_s.toFixed(3)} s`)
log(
  `  full mode again, its findings cached: select+redact ${reportRun.full_repeat.build_s.toFixed(2)} s, render ${reportRun.full_repeat.render_s.toFixed(2)} s`
)

// 6. Redaction engine over a sample of the corpus's lines.
log('redaction (redactLine, built-in detectors) ...')
const sample = sampleLines(files, Math.min(8e6, corpus.bytes))
const opts = { detectors: lib.builtinDetectors }
let findings = 0
const t0 = process.hrtime.bigint()
for (const l of sample.lines) findings += lib.redactLine(l, opts).findings.length
const redactS = Number(process.hrtime.bigint() - t0) / 1e9
const redactMbS = sample.bytes / 1e6 / redactS
log(`  ${sample.lines.length} lines, ${(sample.bytes / 1e6).toFixed(1)} MB in ${redactS.toFixed(2)} s: ${redactMbS.toFixed(2)} MB/s (${findings} findings)`)

// 7. Cold start of the Action bundle over an empty folder, and of bare Node for reference.
log('action cold start (dist/index.js, empty folder) x5 ...')
const distEntry = join(root, 'dist', 'index.js')
// `npm run bundle` deletes and rewrites dist/: give a bundle in progress a minute to finish.
for (let waited = 0; !existsSync(distEntry) && waited < 60; waited++) {
  if (waited === 0) log('  dist/index.js is missing; waiting up to 60 s for a bundle in progress')
  await new Promise((r) => setTimeout(r, 1000))
}
let coldMs = null
if (existsSync(distEntry)) {
  const runs = []
  for (let i = 0; i < 5; i++) {
    const d = mkdtempSync(join(tmpdir(), 'alt-bench-'))
    try {
      mkdirSync(join(d, 'empty'))
      mkdirSync(join(d, 'workspace'))
      writeFileSync(join(d, 'output'), '')
      const { ms, r } = spawnMs([distEntry], {
        cwd: d,
        env: { PATH: process.env.PATH, INPUT_PATHS: join(d, 'empty'), GITHUB_OUTPUT: join(d, 'output'), RUNNER_TEMP: d, GITHUB_WORKSPACE: join(d, 'workspace') }
      })
      if (r.status !== 0) {
        log(`  warning: dist/index.js failed (${r.status}): ${r.stdout}${r.stderr}`)
        break
      }
      runs.push(ms)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  }
  if (runs.length === 5) coldMs = median(runs)
} else {
  log('  warning: dist/index.js is missing (npm run bundle)')
}
const nodeMs = median([0, 1, 2, 3, 4].map(() => spawnMs(['-e', '0']).ms))
log(`  ${coldMs?.toFixed(0)} ms (bare node -e 0: ${nodeMs.toFixed(0)} ms)`)

// 8. `collect` on an already-collected history: the corpus as the agents' own places, read for a
// repository whose remote is the first one a Codex session of the corpus names.
log('collect --all, then again on the unchanged history x2 (CLI) ...')
const collectRun = measureCollect()
log(`  first ${collectRun.first_s.toFixed(2)} s (${collectRun.copies} copies), unchanged ${collectRun.unchanged_s.toFixed(2)} s`)

const loadAfter = loadavg()[0]
if (!args.keep) rmSync(runDir, { recursive: true, force: true })

const cpu = cpus()
const out = {
  corpus_mb: round(corpusMb, 1),
  corpus_files: corpus.files,
  sessions: first.sessions,
  events: first.events,
  parse_only_mb_s: round(parseMbS, 1),
  ingest_s: round(first.seconds),
  ingest_cpu_s: round(first.cpu_seconds),
  ingest_mb_s: round(ingestMbS, 1),
  ingest_ratio: round(ingestMbS / parseMbS),
  ingest_parsed_on: first.parsed_on,
  ingest_errors: first.errors,
  ingest_worker_s: round(byThread.worker.seconds),
  ingest_worker_peak_rss_mb: round(byThread.worker.peak_rss_mb, 1),
  ingest_thread_s: round(byThread.thread.seconds),
  ingest_thread_peak_rss_mb: round(byThread.thread.peak_rss_mb, 1),
  reconcile_s: round(reconcile.seconds, 3),
  reconcile_cpu_s: round(reconcile.cpu_seconds, 3),
  reconcile_cpu_us_per_row: round(reconcile.cpu_us_per_keyed_row),
  reconcile_first_ingest_s: round(reconcile.first_ingest_seconds, 3),
  reconcile_first_ingest_cpu_s: round(reconcile.first_ingest_cpu_seconds, 3),
  reconcile_first_ingest_cpu_us_per_row: round(reconcile.first_ingest_cpu_us_per_keyed_row),
  store_floor_mb_s: round(floorMbS, 1),
  ingest_pct_of_store_floor: round((100 * ingestMbS) / floorMbS, 1),
  database_mb: round(databaseMb, 1),
  rerun_s: round(rerunS, 4),
  rerun_pct_of_ingest: round((100 * rerunS) / first.seconds, 2),
  dry_run_first_s: round(dryFirst.s),
  dry_run_warm_s: round(dryRunS),
  dry_run_warm_rebuilt_s: round(dryRebuilt.s),
  dry_run_entry: dryEntry,
  dry_run_peak_rss_mb: round(dryPeak, 1),
  dry_run_full_first_s: round(dryFullFirst.s),
  dry_run_full_first_peak_rss_mb: round(dryFullFirst.peak, 1),
  dry_run_full_warm_s: round(dryFullWarm.s),
  dry_run_full_warm_peak_rss_mb: round(dryFullWarm.peak, 1),
  dry_run_full_grown_s: round(dryGrown.s),
  dry_run_full_grown_cpu_s: dryGrown.cpu === null ? null : round(dryGrown.cpu),
  dry_run_full_grown_peak_rss_mb: round(dryGrown.peak, 1),
  dry_run_full_new_session_s: round(dryNewSession.s),
  dry_run_full_new_session_cpu_s: dryNewSession.cpu === null ? null : round(dryNewSession.cpu),
  dry_run_full_new_session_peak_rss_mb: round(dryNewSession.peak, 1),
  redact_mb_s: round(redactMbS, 2),
  redact_sample_mb: round(sample.bytes / 1e6, 1),
  report_s: round(reportRun.full.render_s),
  report_per_format_s: perFormat,
  report_build_s: round(reportRun.full.build_s),
  report_sessions: reportRun.full.sessions,
  report_mb: round(reportRun.full.bytes / 1e6, 1),
  report_peak_rss_mb: round(reportRun.peak_rss_mb, 1),
  report_summary_s: round(reportRun.summary.render_s),
  report_summary_build_s: round(reportRun.summary.build_s),
  report_repeat_s: round(reportRun.full_repeat.render_s),
  report_repeat_build_s: round(reportRun.full_repeat.build_s),
  peak_rss_mb: round(first.peak_rss_mb, 1),
  dist_cold_start_ms: coldMs === null ? null : round(coldMs, 1),
  collect_first_s: round(collectRun.first_s),
  collect_unchanged_s: round(collectRun.unchanged_s),
  collect_unchanged_cpu_s: collectRun.unchanged_cpu_s === null ? null : round(collectRun.unchanged_cpu_s),
  collect_copies: collectRun.copies,
  ingest_isolated: first.isolated,
  node_start_ms: round(nodeMs, 1),
  load_avg_1m: [round(loadBefore, 2), round(loadAfter, 2)],
  machine: {
    cpus: cpu.length,
    model: cpu[0]?.model ?? 'unknown',
    memory_gb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`
  }
}

const rows = [
  ['corpus', `${out.corpus_mb} MB, ${out.corpus_files} files, ${out.sessions} sessions, ${out.events} events`],
  ['parse-only limit (1 thread)', `${out.parse_only_mb_s} MB/s`],
  [
    'first ingest',
    `${out.ingest_s} s (CPU ${out.ingest_cpu_s} s) = ${out.ingest_mb_s} MB/s (${(100 * out.ingest_ratio).toFixed(0)} % of parse-only, ${out.ingest_pct_of_store_floor} % of the store floor); parsed on ${out.ingest_parsed_on}; database ${out.database_mb} MB`
  ],
  ['first ingest, parse worker', `${out.ingest_worker_s} s, peak RSS ${out.ingest_worker_peak_rss_mb} MB`],
  ['first ingest, no parse worker', `${out.ingest_thread_s} s, peak RSS ${out.ingest_thread_peak_rss_mb} MB`],
  [
    "a first ingest's reconciliation",
    `${out.reconcile_first_ingest_s} s (CPU ${out.reconcile_first_ingest_cpu_s} s), ${out.reconcile_first_ingest_cpu_us_per_row} µs of CPU per keyed row`
  ],
  ['reconcile every session again', `${out.reconcile_s} s (CPU ${out.reconcile_cpu_s} s), ${out.reconcile_cpu_us_per_row} µs of CPU per keyed row`],
  ['store floor (lines as rows)', `${out.store_floor_mb_s} MB/s`],
  ['unchanged re-run', `${out.rerun_s} s (${out.rerun_pct_of_ingest} % of first ingest)`],
  [
    'dry-run job, warm (CLI)',
    `${out.dry_run_warm_s} s (${out.dry_run_entry}), peak RSS ${out.dry_run_peak_rss_mb} MB (first run, cache empty: ${out.dry_run_first_s} s; warm with the job memo off: ${out.dry_run_warm_rebuilt_s} s)`
  ],
  [
    'dry-run job, full mode, every format (CLI)',
    `first ${out.dry_run_full_first_s} s, peak RSS ${out.dry_run_full_first_peak_rss_mb} MB; warm ${out.dry_run_full_warm_s} s, peak RSS ${out.dry_run_full_warm_peak_rss_mb} MB`
  ],
  ['redaction (redactLine)', `${out.redact_mb_s} MB/s over ${out.redact_sample_mb} MB`],
  ['report, full mode, all formats', `${out.report_s} s render for ${out.report_sessions} sessions (+ ${out.report_build_s} s select+redact)`],
  ['report, summary mode, all formats', `${out.report_summary_s} s render (+ ${out.report_summary_build_s} s select+redact)`],
  ['peak RSS of the ingest', `${out.peak_rss_mb} MB (${out.ingest_isolated ? 'on its own worker thread' : 'on the main thread'})`],
  ['action cold start', `${out.dist_cold_start_ms} ms (bare node: ${out.node_start_ms} ms)`],
  [
    'collect --all (CLI)',
    `first ${out.collect_first_s} s, unchanged history ${out.collect_unchanged_s} s${out.collect_unchanged_cpu_s === null ? '' : ` (CPU ${out.collect_unchanged_cpu_s} s)`} (${out.collect_copies} copies)`
  ],
  ['load average (1 min)', `${out.load_avg_1m[0]} before, ${out.load_avg_1m[1]} after`],
  ['machine', `${out.machine.cpus} x ${out.machine.model}, ${out.machine.memory_gb} GiB, Node ${out.machine.node}`]
]
const w = Math.max(...rows.map((r) => r[0].length))
const table = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')
out.targets = targetRows(out)
const targetTable = formatTargets(out.targets)
if (args.json) {
  log('')
  log(table)
  log('')
  log(targetTable)
  console.log(JSON.stringify(out))
} else {
  console.log('')
  console.log(table)
  console.log('')
  console.log(targetTable)
}

/**
 * Where each target of the issue #19 stands at this run's size: the target, what was measured, and
 * whether it is met. The collect target is this bench's own (#19 names the measurement, no figure).
 */
function targetRows(o) {
  const pct = (x) => `${x.toFixed(1)} %`
  const perThousand = (build, render) => ((build + render) / Math.max(1, o.report_sessions)) * 1000
  const reportS = perThousand(o.report_build_s, o.report_s)
  const repeatS = perThousand(o.report_repeat_build_s, o.report_repeat_s)
  const fullWarmS = perThousand(o.dry_run_full_warm_s, 0)
  return [
    {
      target: 'first ingest >= 22 % of the parse-only limit',
      measured: `${pct(100 * o.ingest_ratio)} of ${o.parse_only_mb_s} MB/s (${pct(o.ingest_pct_of_store_floor)} of the ${o.store_floor_mb_s} MB/s store floor)`,
      met: o.ingest_ratio >= 0.22
    },
    { target: 'unchanged re-run < 5 % of the first ingest', measured: `${o.rerun_s} s, ${pct(o.rerun_pct_of_ingest)}`, met: o.rerun_pct_of_ingest < 5 },
    {
      target: 'warm dry-run (CLI) < 1 s',
      measured: `${o.dry_run_warm_s} s (the job memo replayed; rebuilt from the caches with it off: ${o.dry_run_warm_rebuilt_s} s)`,
      met: o.dry_run_warm_s < 1
    },
    { target: `ingest peak RSS < 250 MB (at ${o.corpus_mb} MB)`, measured: `${o.peak_rss_mb} MB`, met: o.peak_rss_mb < 250 },
    {
      target: 'full report < 2 s per 1,000 sessions',
      measured: `${reportS.toFixed(2)} s per 1,000 (select + redact ${o.report_build_s} s, render ${o.report_s} s, ${o.report_sessions} sessions); repeated, findings cached: ${repeatS.toFixed(2)} s per 1,000; a full-mode dry-run over the unchanged history, the job memo replayed: ${fullWarmS.toFixed(2)} s per 1,000`,
      met: reportS < 2
    },
    {
      target: 'Action cold start < 400 ms',
      measured: o.dist_cold_start_ms === null ? 'not measured (no dist/)' : `${o.dist_cold_start_ms} ms`,
      met: o.dist_cold_start_ms !== null && o.dist_cold_start_ms < 400
    },
    { target: 'collect on an unchanged history < 1 s', measured: `${o.collect_unchanged_s} s (${o.collect_copies} copies)`, met: o.collect_unchanged_s < 1 }
  ]
}

function formatTargets(targets) {
  const head = ['target', 'measured', 'met']
  const cells = targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'no'])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  return [head, ...cells]
    .map((c) =>
      c
        .map((x, i) => x.padEnd(widths[i]))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
