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
    await ingestInto(lib, join(dir, 'x.sqlite'), dir)
  },
  /** Raw blocks written uncompressed (the zstd share of the ingest): the block writer is wrapped for this run only. */
  async 'ingest-no-zstd'(files, lib, dir) {
    const { RawBlockWriter } = await import('../../lib/store/raw-blocks.js')
    RawBlockWriter.prototype.close = function () {
      if (this.blockId !== null && this.items.length > 0)
        this.db.prepare('INSERT INTO raw_blocks (id, file_id, data) VALUES (?, ?, ?)').run(this.blockId, this.fileId, Buffer.from(this.items.join('\n')))
      this.discard()
    }
    await ingestInto(lib, join(dir, 'x.sqlite'), dir)
  },
  /** The raw line is not stored (events.raw NULL): the writer is wrapped for this run only. */
  async 'ingest-no-raw'(files, lib, dir) {
    const { StoreWriter } = await import('../../lib/store/writer.js')
    const event = StoreWriter.prototype.event
    StoreWriter.prototype.event = function (fileId, agent, seq, ev, _raw, payloadJson) {
      return event.call(this, fileId, agent, seq, ev, null, payloadJson)
    }
    await ingestInto(lib, join(dir, 'x.sqlite'), dir)
  },
  /** 20,000 events per transaction instead of 2,000. */
  async 'ingest-batch-20k'(files, lib, dir) {
    await ingestInto(lib, join(dir, 'x.sqlite'), dir, undefined, undefined, { batchSize: 20000 })
  }
}

let corpusDir

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
  await VARIANTS[values.child](files, lib, dir)
  const s = Number(process.hrtime.bigint() - t0) / 1e9
  // CPU time of every thread beside wall time: on a shared machine only the CPU time compares.
  const used = process.cpuUsage(cpu0)
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ s, cpu: (used.user + used.system) / 1e6 }))
} else {
  const mb = listFiles(corpusDir).reduce((n, f) => n + statSync(f).size, 0) / 1e6
  const names = positionals.length ? positionals : Object.keys(VARIANTS)
  console.log(`corpus ${mb.toFixed(1)} MB; best of ${values.repeat} runs per variant`)
  for (const name of names) {
    const times = []
    const cpus = []
    for (let i = 0; i < Number(values.repeat); i++) {
      const r = spawnSync(process.execPath, [import.meta.filename, '--mb', values.mb, '--child', name], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`)
      const out = JSON.parse(r.stdout.trim().split('\n').pop())
      times.push(out.s)
      cpus.push(out.cpu)
    }
    const best = Math.min(...times)
    const cpu = [...cpus].sort((a, b) => a - b)[Math.floor((cpus.length - 1) / 2)]
    console.log(
      `${name.padEnd(26)} ${best.toFixed(2).padStart(6)} s  ${(mb / best).toFixed(1).padStart(6)} MB/s  CPU median ${cpu.toFixed(2)} s   (runs: ${times.map((t) => t.toFixed(2)).join(', ')}; CPU ${cpus.map((t) => t.toFixed(2)).join(', ')})`
    )
  }
}
