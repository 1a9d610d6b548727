// What the first ingest's time is made of, measured by taking pieces away, without touching src/.
// Each variant runs in its own process over the same corpus (build it first with `npm run bench`).
//
// Usage: node scripts/bench/experiments.js [--mb 50] [--repeat 2] [variant ...]
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(import.meta.dirname, '..', '..')

const VARIANTS = {
  /** Lines read by the library's reader and fed to the format's parser; records dropped. */
  async normalize(files, lib) {
    await normalizeAll(files, lib, () => {})
  },
  /** As normalize, plus the per-event SHA-1 record key and JSON.stringify of each payload (the parse worker's share). */
  async 'normalize+key+stringify'(files, lib) {
    await normalizeAll(files, lib, (sessionId, text, seq, payload) => {
      createHash('sha1').update(sessionId).update('\0').update(text).update('\0').update(String(seq)).digest('base64url')
      JSON.stringify(payload)
    })
  },
  /** The real ingest into a file database (the baseline). */
  async ingest(files, lib, dir) {
    await ingestInto(lib, join(dir, 'x.sqlite'), dir)
  },
  /** The real ingest with parsing kept on the main thread (no parse worker). */
  async 'ingest-thread'(files, lib, dir) {
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, { worker: false })
  },
  /** The real ingest into a database created with 16 KiB pages instead of 4 KiB. */
  async 'ingest-page-16k'(files, lib, dir) {
    const path = join(dir, 'x.sqlite')
    const { default: Database } = await import('better-sqlite3')
    const fresh = new Database(path)
    fresh.pragma('page_size = 16384')
    fresh.exec('VACUUM')
    fresh.close()
    await ingestInto(lib, path, dir)
  },
  /** The real ingest into an in-memory database: no file I/O at all. */
  async 'ingest-memory'(files, lib, dir) {
    await ingestInto(lib, ':memory:', dir)
  },
  /** No automatic WAL checkpoints during the ingest, one at the end (included), 64 MiB page cache. */
  async 'ingest-one-checkpoint'(files, lib, dir) {
    await ingestInto(
      lib,
      join(dir, 'x.sqlite'),
      dir,
      (db) => {
        db.pragma('wal_autocheckpoint = 0')
        db.pragma('cache_size = -65536')
      },
      (db) => db.pragma('wal_checkpoint(TRUNCATE)')
    )
  },
  /**
   * Every index no write reads dropped for the load and built again just before reconciliation,
   * which reads them (included): the session indexes of events and the typed tables, the links and
   * raw-block indexes. The dedupe index stays: every keyed event looks its key up, and without it
   * each lookup scans.
   */
  async 'ingest-late-indexes'(files, lib, dir) {
    const idx = [
      'events_session ON events(session_id, ts)',
      "events_links ON events(session_id) WHERE kind = 'link'",
      'prompts_session ON prompts(session_id)',
      'token_messages_session ON token_messages(session_id)',
      'turn_context_session ON turn_context_messages(session_id)',
      'function_calls_session ON function_calls(session_id, call_id)',
      'function_results_session ON function_results(session_id, call_id)',
      'files_touched_session ON files_touched(session_id)',
      'status_snapshots_session ON status_snapshots(session_id)',
      'raw_blocks_file ON raw_blocks(file_id)'
    ]
    await ingestInto(
      lib,
      join(dir, 'x.sqlite'),
      dir,
      (db) => {
        for (const i of idx) db.exec(`DROP INDEX IF EXISTS ${i.split(' ')[0]}`)
        // The ingest's first statement after its writes: the indexes are built there.
        const prepare = db.prepare.bind(db)
        db.prepare = (sql) => {
          if (sql === 'SELECT session_id FROM reconcile_pending') for (const i of idx) db.exec(`CREATE INDEX IF NOT EXISTS ${i}`)
          return prepare(sql)
        }
      },
      undefined,
      { isolate: false }
    )
  },
  /** No "does another file hold this key?" lookup before each keyed event (the lookups' share; replayed flags then differ). */
  async 'ingest-no-key-lookup'(files, lib, dir) {
    const { StoreWriter } = await import('../../lib/store/writer.js')
    const event = StoreWriter.prototype.event
    const none = { get: () => undefined }
    StoreWriter.prototype.event = function (...args) {
      this.s.seenKeyBefore = none
      this.s.seenKeyAfter = none
      return event.apply(this, args)
    }
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /** Raw blocks written uncompressed (the zstd share of the ingest): the block writer is wrapped for this run only. */
  async 'ingest-no-zstd'(files, lib, dir) {
    const { RawBlockWriter } = await import('../../lib/store/raw-blocks.js')
    RawBlockWriter.prototype.close = function () {
      if (this.blockId !== null && this.items.length > 0)
        this.db.prepare('INSERT INTO raw_blocks (id, file_id, data) VALUES (?, ?, ?)').run(this.blockId, this.fileId, Buffer.from(this.items.join('\n')))
      this.discard()
    }
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /** No raw line is kept (no raw-line blocks): the writer is wrapped for this run only. */
  async 'ingest-no-raw'(files, lib, dir) {
    const { StoreWriter } = await import('../../lib/store/writer.js')
    const event = StoreWriter.prototype.event
    StoreWriter.prototype.event = function (fileId, agent, seq, ev, _raw, payloadJson) {
      return event.call(this, fileId, agent, seq, ev, null, payloadJson)
    }
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /**
   * The store floor in this series (store-floor.js, as scripts/bench/store-floor-child.js runs it).
   */
  async floor(files, _lib, dir) {
    const { storeFloor } = await import('./store-floor.js')
    storeFloor(join(dir, 'x.sqlite'), files)
  },
  /** The one-thread parse-only limit in this series: lines split and JSON.parse'd (as scripts/bench.js). */
  async 'parse-only'(files) {
    const { forEachLine } = await import('./lines.js')
    let keys = 0
    forEachLine(files, (buf, from, to) => {
      if (JSON.parse(buf.toString('utf8', from, to)).type) keys++
    })
    if (keys < 0) throw new Error('unreachable')
  },
  /**
   * The real ingest on the calling thread, parsing there too: the baseline of the lean-* variants,
   * which wrap the writer's prototype (a wrap in this thread does not reach the ingest's own worker).
   */
  async 'main-thread'(files, lib, dir) {
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /**
   * No typed rows: each event is its events row only, with the payload remainder the real ingest
   * stores there (a typed field's text is left in the raw blocks alone). The upper bound of "typed
   * rows built lazily", and of "text left only in the raw blocks".
   */
  async 'lean-no-typed'(files, lib, dir) {
    await withWriter(lib, (w) => noTypedRows(w))
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /** As lean-no-typed, but events.payload holds each whole payload as JSON: "events only", no fact lost. */
  async 'lean-events-only'(files, lib, dir) {
    await withWriter(
      lib,
      (w) => noTypedRows(w),
      (ev) => JSON.stringify(ev.payload)
    )
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /**
   * Typed columns folded into events: one row per event, the typed fields in columns of events
   * (nullable, one set shared by the kinds), the payload remainder as today, and the two partial
   * indexes the typed tables' queries would need there (a call's result by session and call id, a
   * session's calls by replayed flag and tool). The session indexes of the typed tables are
   * covered by events_session.
   */
  async 'lean-folded'(files, lib, dir) {
    await withWriter(lib, (w) => foldTypedRows(w), undefined, foldedValues)
    await ingestInto(
      lib,
      join(dir, 'x.sqlite'),
      dir,
      (db) => {
        for (const c of FOLDED_COLUMNS) db.exec(`ALTER TABLE events ADD COLUMN ${c}`)
        db.exec(`CREATE INDEX events_results ON events(session_id, f_call_id) WHERE kind = 'tool_result'`)
        db.exec(`CREATE INDEX events_calls ON events(session_id, replayed, f_name) WHERE kind = 'tool_call'`)
      },
      undefined,
      ONE_THREAD
    )
  },
  /**
   * No per-event row at all: the events insert and the typed ones write nothing (each event is given
   * a made-up row id, and the turns and touched paths that refer to it are left out too), while
   * files, sessions and the compressed raw-line blocks are written as today. What the ingest costs besides its per-event rows: the bound of any store design that keeps
   * this parser, these keys and the raw blocks.
   */
  async 'lean-no-rows'(files, lib, dir) {
    let id = 0
    await withWriter(lib, (w) => {
      noTypedRows(w)
      // Their rows refer to the event's: 1,800 turns and 3,400 touched paths at 200 MB.
      w.s.turn = NOOP
      w.s.touched = NOOP
      w.s.event = { run: () => ({ changes: 1, lastInsertRowid: ++id }) }
    })
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /**
   * As lean-no-rows, and no raw line kept either: what the ingest costs besides everything it
   * stores per event (reading, parsing, keys, payload JSON, files, sessions, reconciliation).
   */
  async 'lean-nothing'(files, lib, dir) {
    let id = 0
    const { StoreWriter } = await import('../../lib/store/writer.js')
    const event = StoreWriter.prototype.event
    const patched = new WeakSet()
    StoreWriter.prototype.event = function (fileId, agent, seq, ev, _raw, payloadJson) {
      if (!patched.has(this)) {
        patched.add(this)
        noTypedRows(this)
        this.s.turn = NOOP
        this.s.touched = NOOP
        this.s.event = { run: () => ({ changes: 1, lastInsertRowid: ++id }) }
      }
      return event.call(this, fileId, agent, seq, ev, null, payloadJson)
    }
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /**
   * No rate_limit_messages rows (no query reads them; 24,469 of the 200 MB corpus's 144,300 events):
   * a rate-limit event's windows and plan type stay in its events.payload.
   */
  async 'lean-no-rate-limit-table'(files, lib, dir) {
    await withWriter(
      lib,
      (w) => (w.s.rateLimit = NOOP),
      (ev, stored) => (ev.payload.kind === 'rate_limit' ? JSON.stringify({ windows: ev.payload.windows, plan_type: ev.payload.plan_type }) : stored)
    )
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /** Typed rows as today, but a tool's output and a call's arguments are not stored (left only in the raw blocks). */
  async 'lean-no-output'(files, lib, dir) {
    await withWriter(lib, (w) => {
      const call = w.s.call
      const result = w.s.result
      w.s.call = { run: (id, sid, ts, callId, name, type, _args, command, r) => call.run(id, sid, ts, callId, name, type, '', command, r) }
      w.s.result = { run: (id, sid, ts, callId, _out, code, ms, status) => result.run(id, sid, ts, callId, '', code, ms, status) }
    })
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /** Typed rows as today, a tool's output and a call's arguments of 256 bytes or more zstd-compressed (level 1) per row. */
  async 'lean-zstd-text'(files, lib, dir) {
    const { zstdCompressSync, constants } = await import('node:zlib')
    const params = { params: { [constants.ZSTD_c_compressionLevel]: 1 } }
    const pack = (t) => (t.length >= 256 ? zstdCompressSync(Buffer.from(t, 'utf8'), params) : t)
    await withWriter(lib, (w) => {
      const call = w.s.call
      const result = w.s.result
      w.s.call = { run: (id, sid, ts, callId, name, type, args, command, r) => call.run(id, sid, ts, callId, name, type, pack(args), command, r) }
      w.s.result = { run: (id, sid, ts, callId, out, code, ms, status) => result.run(id, sid, ts, callId, pack(out), code, ms, status) }
    })
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, ONE_THREAD)
  },
  /** 20,000 events per transaction instead of 2,000. */
  async 'ingest-batch-20k'(files, lib, dir) {
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, { batchSize: 20000 })
  }
}

let corpusDir

/**
 * The ingest on the calling thread, parsing there too (every thread's CPU is then the one thread's,
 * as `main-thread`'s): a variant that wraps a class of lib/ wraps it in this thread only, and an
 * ingest on its own worker thread (the default for a file store with 8 MiB or more to read) would
 * load lib/ again there, unwrapped, and measure the unchanged ingest.
 */
const ONE_THREAD = { isolate: false, worker: false }
const NOOP = { run: () => ({ changes: 1, lastInsertRowid: 0 }) }
/** The typed tables' statements (turns and files_touched stay: scope and turn numbers read them). */
const TYPED_STATEMENTS = ['prompt', 'tokens', 'turnContext', 'reasoning', 'plan', 'call', 'result', 'rateLimit', 'snapshot']

/**
 * Wraps StoreWriter.prototype.event for this process: `patch(writer)` once per writer, before its
 * first event; `payload(ev, stored)` gives the events.payload to write instead of the stored remainder.
 */
async function withWriter(_lib, patch, payload, before) {
  const { StoreWriter } = await import('../../lib/store/writer.js')
  const event = StoreWriter.prototype.event
  const patched = new WeakSet()
  StoreWriter.prototype.event = function (fileId, agent, seq, ev, raw, payloadJson) {
    if (!patched.has(this)) {
      patched.add(this)
      patch(this)
    }
    before?.(ev)
    return event.call(this, fileId, agent, seq, ev, raw, payload ? payload(ev, payloadJson) : payloadJson)
  }
}

function noTypedRows(w) {
  for (const k of TYPED_STATEMENTS) w.s[k] = NOOP
}

const FOLDED_COLUMNS = [
  'f_call_id TEXT',
  'f_name TEXT',
  'f_model TEXT',
  'f_text TEXT',
  'f_text2 TEXT',
  'f_text3 TEXT',
  'f_n1 INTEGER',
  'f_n2 INTEGER',
  'f_n3 INTEGER',
  'f_n4 INTEGER',
  'f_n5 INTEGER',
  'f_n6 INTEGER',
  'f_n7 INTEGER',
  'f_flag INTEGER'
]

/**
 * One wide events insert instead of an events row plus a typed row: the typed statements write
 * nothing, and the events statement takes the typed values the writer's switch would have given
 * its typed statement (captured just before the events insert, from the event itself).
 */
let folded = []

/** One wide events insert instead of an events row plus a typed row: the typed statements write nothing. */
function foldTypedRows(w) {
  const wide = w.db.prepare(`INSERT OR IGNORE INTO events (file_id, line, seq, session_id, turn, ts, kind, payload, raw_block, raw_item, replayed, dedupe_key,
    f_call_id, f_name, f_model, f_text, f_text2, f_text3, f_n1, f_n2, f_n3, f_n4, f_n5, f_n6, f_n7, f_flag)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  noTypedRows(w)
  w.s.event = { run: (...args) => wide.run(...args, ...folded) }
}

/** The typed values of an event, in FOLDED_COLUMNS order: what the writer's switch gives its typed statement. */
function foldedValues(ev) {
  const p = ev.payload
  const n = (v) => (v === undefined ? null : v)
  let f = [null, null, null, null, null, null, null, null, null, null, null, null, null, null]
  switch (p.kind) {
    case 'user_prompt':
      f = [null, null, null, p.text, null, null, null, null, null, null, null, null, null, p.by_agent ? 1 : 0]
      break
    case 'token_usage': {
      const d = p.delta
      f = [
        null,
        null,
        n(p.model),
        n(p.reason),
        null,
        null,
        d.input,
        d.cached_input,
        d.cache_write,
        d.output,
        d.reasoning_output,
        d.total,
        n(p.cumulative?.total),
        p.counted ? 1 : 0
      ]
      break
    }
    case 'turn_context':
      f = [null, null, n(p.model), n(p.cwd), n(p.approval_policy), n(p.sandbox_policy), null, null, null, null, null, null, null, null]
      break
    case 'reasoning':
      f = [null, null, null, p.text, null, null, n(p.encrypted_bytes), null, null, null, null, null, null, p.encrypted ? 1 : 0]
      break
    case 'plan_update':
      f = [null, null, null, n(p.explanation), JSON.stringify(p.steps), null, null, null, null, null, null, null, null, null]
      break
    case 'tool_call':
      f = [n(p.call_id), p.name, null, p.arguments, n(p.command), p.tool_type, null, null, null, null, null, null, null, null]
      break
    case 'tool_result':
      f = [n(p.call_id), null, null, p.output, n(p.status), null, n(p.exit_code), n(p.duration_ms), null, null, null, null, null, null]
      break
    case 'rate_limit':
      f = [null, null, null, JSON.stringify(p.windows), n(p.plan_type), null, null, null, null, null, null, null, null, null]
      break
    case 'status_snapshot':
      f = [
        null,
        null,
        n(p.model),
        p.form,
        null,
        null,
        n(p.input),
        n(p.cached_input),
        n(p.output),
        n(p.reasoning_output),
        n(p.total),
        n(p.blended_total),
        null,
        null
      ]
      break
  }
  folded = f
}

async function ingestInto(lib, path, _dir, before, after, opts = {}) {
  const db = lib.openStore(path)
  before?.(db)
  await lib.ingestPaths(db, [corpusDir], opts)
  after?.(db)
  db.close()
}

async function normalizeAll(files, lib, perEvent) {
  const { readLines, detectEncoding } = await import('../../lib/ingest/lines.js')
  const { sourceById } = await import('../../lib/sources/registry.js')
  const { readFileSync } = await import('node:fs')
  for (const path of files) {
    const head = readFileSync(path).subarray(0, 4096)
    const source = sourceById(path.includes('/codex/') ? 'codex-rollout' : 'claude-code')
    const parser = source.createParser({ path, fallbackSessionId: 'x' })
    for await (const line of readLines(path, detectEncoding(head), { start: 0, lineNo: 0, maxLineBytes: 64 << 20 })) {
      const out = []
      parser.push(line.text, line.lineNo, out)
      let seq = 0
      for (const r of out) if (r.type === 'event') perEvent(r.event.session_id, line.text, seq++, r.event.payload)
    }
    parser.end([])
  }
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { mb: { type: 'string', default: '50' }, repeat: { type: 'string', default: '2' }, child: { type: 'string' } }
})
corpusDir = join(root, '.bench', `corpus-${values.mb}mb`)

if (values.child) {
  const lib = await import('../../lib/index.js')
  const files = listFiles(corpusDir)
  const dir = join(root, '.bench', `exp-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const t0 = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  let s, used, db
  try {
    await VARIANTS[values.child](files, lib, dir)
    s = Number(process.hrtime.bigint() - t0) / 1e9
    // CPU time of every thread beside wall time: on a shared machine only the CPU time compares.
    used = process.cpuUsage(cpu0)
    // The database's size on disk, its write-ahead log included.
    db = readdirSync(dir)
      .filter((f) => f.startsWith('x.sqlite'))
      .reduce((n, f) => n + statSync(join(dir, f)).size, 0)
  } finally {
    // A variant that fails leaves no database behind in the shared .bench folder either.
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(JSON.stringify({ s, cpu: (used.user + used.system) / 1e6, db }))
} else {
  const mb = listFiles(corpusDir).reduce((n, f) => n + statSync(f).size, 0) / 1e6
  const names = positionals.length ? positionals : Object.keys(VARIANTS)
  console.log(`corpus ${mb.toFixed(1)} MB; ${values.repeat} rounds of the variants in turn`)
  const series = {}
  const runs = Object.fromEntries(names.map((n) => [n, { times: [], cpus: [], db: 0 }]))
  // Rounds of every variant in turn, not each variant's runs back to back: on a shared machine the
  // load drifts, and this spreads it over the variants alike.
  for (let i = 0; i < Number(values.repeat); i++) {
    for (const name of names) {
      const r = spawnSync(process.execPath, [import.meta.filename, '--mb', values.mb, '--child', name], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`)
      const out = JSON.parse(r.stdout.trim().split('\n').pop())
      runs[name].times.push(out.s)
      runs[name].cpus.push(out.cpu)
      runs[name].db = out.db
    }
  }
  for (const name of names) {
    const { times, cpus, db } = runs[name]
    const best = Math.min(...times)
    const sorted = [...cpus].sort((a, b) => a - b)
    const cpu = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2
    series[name] = { best, cpu, db }
    console.log(
      `${name.padEnd(26)} ${best.toFixed(2).padStart(6)} s  ${(mb / best).toFixed(1).padStart(6)} MB/s  CPU median ${cpu.toFixed(2)} s (${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)})  db ${(db / 1e6).toFixed(1)} MB   (runs: ${times.map((t) => t.toFixed(2)).join(', ')}; CPU ${cpus.map((t) => t.toFixed(2)).join(', ')})`
    )
  }
  // Each variant against the parse-only limit and the store floor of the same series, by best wall
  // time (as scripts/bench.js) and by median CPU time (what compares on a shared machine).
  const parse = series['parse-only']
  const floor = series.floor
  if (parse && floor) {
    console.log('variant                    MB/s wall  % parse  % floor | MB/s CPU  % parse  % floor | db/corpus')
    for (const [name, r] of Object.entries(series)) {
      const w = mb / r.best
      const c = mb / r.cpu
      const pct = (a, b) => ((100 * a) / b).toFixed(1).padStart(7)
      console.log(
        `${name.padEnd(26)} ${w.toFixed(1).padStart(9)} ${pct(w, mb / parse.best)} ${pct(w, mb / floor.best)} | ${c.toFixed(1).padStart(8)} ${pct(c, mb / parse.cpu)} ${pct(c, mb / floor.cpu)} | ${(r.db / 1e6 / mb).toFixed(2).padStart(5)}x`
      )
    }
  }
}
