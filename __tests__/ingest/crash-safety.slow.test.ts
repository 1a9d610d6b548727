import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * An ingest killed at any point and run again ends with the database one uninterrupted ingest
 * makes. The killed ingests run lib/ in a child Node (built by `pretest`) and kills itself with SIGKILL at its Nth crash
 * point (AI_LOG_TRAIL_CRASH_AT, src/ingest/crash-point.ts): inside a batch's transaction before
 * its commit, or before reconciling. The inputs are the committed fixtures plus one long rollout
 * made from a fixture's turns at test time.
 */

const lib = join(repoRoot, 'lib', 'index.js')

const CHILD = `
import { ingestPaths, openStore } from ${JSON.stringify(lib)}
const [database, opts, ...paths] = process.argv.slice(1)
const db = openStore(database)
await ingestPaths(db, paths, { batchSize: 5, worker: false, ...JSON.parse(opts) })
db.close()
`

/** Every row of the stored logs, with autoincrement ids replaced by what they point at. */
function dump(database: string): Record<string, unknown[]> {
  const db = openStore(database, { readonly: true })
  try {
    const at = 'f.path AS file, e.line AS line, e.seq AS seq'
    const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[]
    const out: Record<string, unknown[]> = {
      files: rows('SELECT path, format, size, head_hash, head_len, offset, line_no, parser_state, encoding FROM files ORDER BY path'),
      sessions: rows('SELECT s.*, f.path AS first_file FROM sessions s LEFT JOIN files f ON f.id = s.first_file_id ORDER BY s.id').map(
        ({ first_file_id: _, ...r }) => r
      ),
      turns: rows(
        `SELECT t.session_id, t.ordinal, t.started_at, t.model, ${at} FROM turns t LEFT JOIN events e ON e.id = t.prompt_event_id LEFT JOIN files f ON f.id = e.file_id ORDER BY t.session_id, t.ordinal`
      ),
      events: withRawLines(
        db,
        rows(
          `SELECT ${at}, e.session_id, e.turn, e.ts, e.kind, e.payload, e.raw_block, e.raw_item, e.replayed, e.dedupe_key FROM events e JOIN files f ON f.id = e.file_id ORDER BY file, line, seq`
        ) as unknown as RawAddress[]
      ),
      errors: rows('SELECT path, line, reason FROM ingest_errors ORDER BY path, line, reason'),
      pending: rows('SELECT session_id FROM reconcile_pending')
    }
    const kinds = rows(
      `SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'event_id') ORDER BY m.name`
    )
    for (const { name } of kinds as { name: string }[])
      out[name] = rows(`SELECT ${at}, t.* FROM "${name}" t JOIN events e ON e.id = t.event_id JOIN files f ON f.id = e.file_id ORDER BY file, line, seq`).map(
        ({ event_id: _, id: __, at: ___, ...r }) => r
      )
    return out
  } finally {
    db.close()
  }
}

function ingest(database: string, paths: string[], crashAt?: number, opts: Record<string, unknown> = {}): { code: number | null; signal: string | null } {
  const env = { ...process.env, AI_LOG_TRAIL_CRASH_AT: crashAt ? String(crashAt) : '' }
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, JSON.stringify(opts), ...paths], { encoding: 'utf8', env })
  if (r.status !== 0 && r.signal !== 'SIGKILL') throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return { code: r.status, signal: r.signal }
}

/** A seeded generator (mulberry32), so the crash points are the same on every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A rollout of many turns: the fixture's turns repeated with their prompts and times made unique. */
function longRollout(path: string, turns: number): void {
  const lines = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
  const [head, body] = [lines.slice(0, 2), lines.slice(2)]
  const out = [...head]
  for (let t = 0; t < turns; t++) {
    const hour = String(10 + Math.floor(t / 60)).padStart(2, '0')
    const minute = String(t % 60).padStart(2, '0')
    for (const l of body)
      out.push(l.replace(/T10:00:/g, `T${hour}:${minute}:`).replace('Refactor the parser so it streams input', `Refactor the parser, step ${t}`))
  }
  writeFileSync(path, out.join('\n') + '\n')
}

describe('an ingest killed at any point', () => {
  let root: string
  let inputs: string[]
  beforeAll(() => {
    root = tmpDir('alt-crash-')
    mkdirSync(join(root, 'logs'))
    cpSync(join(fixtures, 'codex'), join(root, 'logs', 'codex'), { recursive: true })
    cpSync(join(fixtures, 'claude-code'), join(root, 'logs', 'claude-code'), { recursive: true })
    longRollout(join(root, 'logs', 'rollout-2026-03-05T09-00-00-0199a1b2-0000-7000-8000-0000000100a6.jsonl'), 40)
    inputs = [join(root, 'logs')]
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('after its last batch and before reconciling, leaves the sessions pending, and the next run reconciles them', async () => {
    // A fork read before its origin: only reconciliation gives the copies to the origin.
    const project = join(fixtures, 'claude-code', 'projects', '-home-dev-demo')
    const logs = [join(project, '44444444-4444-4444-8444-444444444444.jsonl'), join(project, '22222222-2222-4222-8222-222222222222.jsonl')]
    const clean = join(root, 'clean-claude.sqlite')
    const db = openStore(clean)
    const files = (await ingestPaths(db, logs, { worker: false })).files
    db.close()
    const want = dump(clean)
    // One batch per file here, so the crash point after the last batch is the one before reconciling.
    const crashed = join(root, 'crashed-claude.sqlite')
    expect(ingest(crashed, logs, files + 1, { batchSize: 100_000 })).toEqual({ code: null, signal: 'SIGKILL' })
    const before = dump(crashed)
    expect(before.pending.length).toBeGreaterThan(0)
    expect(before.events).not.toEqual(want.events)
    expect(ingest(crashed, logs, undefined, { batchSize: 100_000 })).toEqual({ code: 0, signal: null })
    const got = dump(crashed)
    for (const table of Object.keys(want)) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] })
  })

  it('and run again, twenty times over, leaves the database one clean ingest makes', async () => {
    const clean = join(root, 'clean.sqlite')
    const db = openStore(clean)
    await ingestPaths(db, inputs, { batchSize: 5, worker: false })
    db.close()
    const want = dump(clean)
    expect(want.events.length).toBeGreaterThan(500)

    const crashed = join(root, 'crashed.sqlite')
    const random = seeded(13)
    let kills = 0
    for (let i = 0; i < 20; i++) {
      // Early points most of the time, so the twenty kills spread over the whole ingest.
      const run = ingest(crashed, inputs, 1 + Math.floor(random() * 12))
      if (run.signal === 'SIGKILL') kills++
    }
    expect(kills).toBe(20)
    expect(ingest(crashed, inputs)).toEqual({ code: 0, signal: null })
    const got = dump(crashed)
    for (const table of Object.keys(want)) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] })
  }, 240_000)

  it('reading logs rewritten in place (one shorter, one under another session id), killed and run again, leaves the database one clean ingest makes', async () => {
    // The session facts set back and the sessions marked when a file is forgotten, the file's
    // batches and the drop of the session no file holds: a kill between any two of them converges.
    const logs = join(root, 'rewritten')
    cpSync(join(fixtures, 'codex'), logs, { recursive: true })
    const before = join(root, 'before-rewrite.sqlite')
    const db = openStore(before)
    await ingestPaths(db, [logs], { batchSize: 5, worker: false })
    db.close()
    const id = '0199a1b2-0000-7000-8000-00000000c0de'
    const shorter = join(logs, `rollout-2026-03-03T11-00-00-${id}.jsonl`)
    const lines = readFileSync(shorter, 'utf8').trimEnd().split('\n')
    writeFileSync(shorter, lines.slice(0, Math.ceil(lines.length / 2)).join('\n') + '\n')
    const renamed = join(logs, 'rollout-2026-03-04T10-00-00-0199a1b2-0000-7000-8000-00000000f0c5.jsonl')
    writeFileSync(renamed, readFileSync(renamed, 'utf8').replaceAll('0199a1b2-0000-7000-8000-00000000f0c5', '0199a1b2-0000-7000-8000-00000000beef'))

    const clean = join(root, 'clean-rewritten.sqlite')
    cpSync(before, clean)
    const cleanDb = openStore(clean)
    await ingestPaths(cleanDb, [logs], { batchSize: 5, worker: false })
    cleanDb.close()
    const want = dump(clean)
    expect(want.sessions.map((s) => (s as { id: string }).id)).not.toContain('0199a1b2-0000-7000-8000-00000000f0c5')
    // Batches of five lines, then whole files: two batches, so the third point is the one before reconciling.
    const runs = [...[1, 2, 3, 5, 8].map((at) => ({ at, opts: {} })), ...[1, 2, 3].map((at) => ({ at, opts: { batchSize: 100_000 } }))]
    for (const { at, opts } of runs) {
      const crashed = join(root, 'crashed-rewritten.sqlite')
      cpSync(before, crashed)
      expect({ at, opts, run: ingest(crashed, [logs], at, opts) }).toEqual({ at, opts, run: { code: null, signal: 'SIGKILL' } })
      expect(ingest(crashed, [logs], undefined, opts)).toEqual({ code: 0, signal: null })
      const got = dump(crashed)
      for (const table of Object.keys(want)) expect({ at, table, rows: got[table] }).toEqual({ at, table, rows: want[table] })
      rmSync(crashed, { force: true })
    }
  }, 240_000)

  it('on its own worker thread (src/ingest/ingest-thread.ts), killed and run again, leaves the same database', async () => {
    // A kill at a crash point of the worker thread ends the whole process, as on the main thread.
    const clean = join(root, 'clean-isolated.sqlite')
    const db = openStore(clean)
    await ingestPaths(db, inputs, { batchSize: 5, worker: false })
    db.close()
    const want = dump(clean)
    const crashed = join(root, 'crashed-isolated.sqlite')
    const random = seeded(29)
    for (let i = 0; i < 8; i++) expect(ingest(crashed, inputs, 1 + Math.floor(random() * 12), { isolate: true })).toEqual({ code: null, signal: 'SIGKILL' })
    expect(ingest(crashed, inputs, undefined, { isolate: true })).toEqual({ code: 0, signal: null })
    const got = dump(crashed)
    for (const table of Object.keys(want)) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] })
  }, 240_000)
})
