import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'
import { repoRoot, tmpDir } from '../helpers.js'
import { buildFixtureDb } from '../sources/sqlite-fixtures.js'

/*
 * A database read killed at any crash point (AI_LOG_TRAIL_CRASH_AT, src/ingest/crash-point.ts)
 * and run again ends with the store an uninterrupted read makes; and a read on the parse worker
 * thread stores what a read on the main thread does. The ingests run lib/ (built by `pretest`)
 * in a child Node, as in crash-safety.slow.test.ts.
 */

const lib = join(repoRoot, 'lib', 'index.js')
const CHILD = `
import { ingestPaths, openStore } from ${JSON.stringify(lib)}
const [database, opts, ...paths] = process.argv.slice(1)
const db = openStore(database)
const r = await ingestPaths(db, paths, { batchSize: 5, worker: false, ...JSON.parse(opts) })
db.close()
console.log(JSON.stringify({ parsed_on: r.parsed_on, errors: r.errors }))
`

function ingest(database: string, paths: string[], crashAt?: number, opts: Record<string, unknown> = {}) {
  const env = { ...process.env, AI_LOG_TRAIL_CRASH_AT: crashAt ? String(crashAt) : '', TMPDIR: tmp }
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, JSON.stringify(opts), ...paths], { encoding: 'utf8', env })
  if (r.status !== 0 && r.signal !== 'SIGKILL') throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return { signal: r.signal, out: r.status === 0 ? (JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { parsed_on: string; errors: unknown[] }) : null }
}

/** What the store holds from the logs, without autoincrement ids. */
function dump(database: string): Record<string, unknown[]> {
  const db = openStore(database, { readonly: true })
  try {
    const rows = (sql: string) => db.prepare(sql).all()
    return {
      files: rows('SELECT path, format, size, head_hash, offset, line_no FROM files ORDER BY path'),
      sessions: rows('SELECT id, agent, started_at, ended_at, cwd, title, parent_id, reported_cost_usd FROM sessions ORDER BY id'),
      events: withRawLines(
        db,
        rows('SELECT line, seq, session_id, turn, ts, kind, payload, raw_block, raw_item, replayed, dedupe_key FROM events ORDER BY line, seq') as RawAddress[]
      ),
      prompts: rows('SELECT p.session_id, p.ordinal, p.text FROM prompts p JOIN events e ON e.id = p.event_id ORDER BY e.line'),
      tokens: rows('SELECT t.session_id, t.total, t.counted FROM token_messages t JOIN events e ON e.id = t.event_id ORDER BY e.line'),
      errors: rows('SELECT path, line, reason FROM ingest_errors ORDER BY path, line, reason')
    }
  } finally {
    db.close()
  }
}

let root: string
let tmp: string
let logs: string
beforeAll(() => {
  root = tmpDir('alt-db-crash-')
  tmp = join(root, 'tmp')
  logs = join(root, 'logs')
  mkdirSync(tmp)
  mkdirSync(logs)
  buildFixtureDb('opencode', join(logs, 'opencode.db')).close()
  buildFixtureDb('goose', join(logs, 'sessions.db')).close()
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('a database ingest killed at any point', () => {
  it('converges on the store of an uninterrupted ingest, its turns numbered alike', () => {
    const clean = join(root, 'clean.sqlite')
    expect(ingest(clean, [logs]).out?.errors).toEqual([])
    const want = dump(clean)
    expect(want.events.length).toBeGreaterThan(20)
    // batches of 5 records: several crash points inside each database's read
    for (const at of [1, 2, 4, 7, 9]) {
      const crashed = join(root, `crashed-${at}.sqlite`)
      expect(ingest(crashed, [logs], at).signal).toBe('SIGKILL')
      expect(ingest(crashed, [logs]).out?.errors).toEqual([])
      expect({ at, ...dump(crashed) }).toEqual({ at, ...want })
    }
  })

  it('stores the same from the parse worker thread', () => {
    const clean = join(root, 'thread.sqlite')
    ingest(clean, [logs])
    const onWorker = join(root, 'worker.sqlite')
    const r = ingest(onWorker, [logs], undefined, { worker: true })
    expect(r.out).toEqual({ parsed_on: 'worker', errors: [] })
    expect(dump(onWorker)).toEqual(dump(clean))
  })

  it('removes its copies once read', () => {
    // A killed ingest leaves its copy in the temporary folder (the system's clean-up removes it); a finished one does not.
    const before = readdirSync(tmp).length
    ingest(join(root, 'tidy.sqlite'), [logs])
    expect(readdirSync(tmp).length).toBe(before)
  })
})
