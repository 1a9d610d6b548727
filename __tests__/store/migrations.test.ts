import { afterEach, describe, expect, it } from '@jest/globals'
import Database from 'better-sqlite3'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { migrate, migrations, SCHEMA_VERSION } from '../../src/store/migrations.js'
import { readEventPayload } from '../../src/store/event-payload.js'
import { listSessions } from '../../src/store/queries.js'
import { readTurnEvents } from '../../src/store/turn-events.js'
import { RawBlock, readRawLine, withRawLines, type RawAddress } from '../../src/store/raw-blocks.js'
import { fixtures, tmpDir } from '../helpers.js'
import { copyAtVersion } from './old-store.js'

const dirs: string[] = []

/** What a report reads of every session: its records under each prompt. */
const sessionTurns = (db: Database.Database) =>
  (db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[]).map((id) => [...readTurnEvents(db, id, true)])
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('schema migrations', () => {
  it('creates the newest schema with every documented table', () => {
    const d = tmpDir()
    dirs.push(d)
    const db = openStore(join(d, 'new.sqlite'))
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(
      expect.arrayContaining([
        'files',
        'sessions',
        'turns',
        'events',
        'prompts',
        'token_messages',
        'turn_context_messages',
        'agent_reasoning_messages',
        'function_plan_messages',
        'function_calls',
        'function_results',
        'files_touched',
        'rate_limit_messages',
        'status_snapshots',
        'ingest_errors',
        'reconcile_pending',
        'session_sources',
        'raw_blocks'
      ])
    )
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('upgrades a database of the previous version in place, keeping its data', async () => {
    const d = tmpDir()
    dirs.push(d)
    const path = join(d, 'old.sqlite')
    // The migration before the newest (numbers may skip while branches hold the ones between).
    const previous = migrations[migrations.length - 2].version
    // Build a database exactly as the previous release left it, with data in it.
    const old = new Database(path)
    old.pragma('journal_mode = WAL')
    migrate(old, previous)
    expect(old.pragma('user_version', { simple: true })).toBe(previous)
    old.prepare(`INSERT INTO files (path, size) VALUES ('/old/log.jsonl', 10)`).run()
    old.prepare(`INSERT INTO sessions (id, agent) VALUES ('old-session', 'codex')`).run()
    // Before version 9 an event kept its raw line in a column; since, in the file's blocks (its own test below).
    const rawColumn = (old.prepare(`PRAGMA table_info(events)`).all() as { name: string }[]).some((c) => c.name === 'raw')
    old
      .prepare(
        rawColumn
          ? `INSERT INTO events (file_id, line, seq, session_id, kind, payload, raw) VALUES (1, 1, 0, 'old-session', 'session_meta', '{"kind":"session_meta"}', '{}')`
          : `INSERT INTO events (file_id, line, seq, session_id, kind, payload) VALUES (1, 1, 0, 'old-session', 'session_meta', '{"kind":"session_meta"}')`
      )
      .run()
    old.close()

    const db = openStore(path)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect((db.prepare(`SELECT COUNT(*) AS n FROM events`).get() as { n: number }).n).toBe(1)
    if (rawColumn) expect(readRawLine(db, 1)).toBe('{}')
    expect(listSessions(db).map((s) => s.id)).toEqual(['old-session'])
    // The upgraded database takes new data like a fresh one.
    await ingestPaths(db, [join(fixtures, 'codex')])
    expect(listSessions(db).length).toBeGreaterThan(1)
    db.close()
  })

  it('version 4: an upgraded database keeps sessions awaiting reconciliation and seeks dedupe keys by key, flag and file', () => {
    const d = tmpDir()
    dirs.push(d)
    const path = join(d, 'v3.sqlite')
    const old = new Database(path)
    migrate(old, 3)
    old.prepare(`INSERT INTO files (path, size) VALUES ('/old/log.jsonl', 10)`).run()
    old.prepare(`INSERT INTO events (file_id, line, seq, session_id, kind, payload, dedupe_key) VALUES (1, 1, 0, 's', 'user_prompt', '{}', 'k')`).run()
    old.close()
    const db = openStore(path)
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4)
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name`).all() as { name: string }[]).map(
        (r) => r.name
      )
      expect(indexes).toContain('events_dedupe_holder')
      expect(indexes).not.toContain('events_dedupe')
      expect(db.prepare(`SELECT COUNT(*) AS n FROM events WHERE dedupe_key = 'k' AND replayed = 0 AND file_id < 2`).get()).toEqual({ n: 1 })
      expect(db.prepare(`SELECT COUNT(*) AS n FROM reconcile_pending`).get()).toEqual({ n: 0 })
    } finally {
      db.close()
    }
  })

  it("version 6: an upgraded database knows which session each file's records went to, so another project's log of the same id stays apart", async () => {
    const d = tmpDir()
    dirs.push(d)
    const path = join(d, 'v4.sqlite')
    const rollout = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
    const other = join(d, 'rollout-other.jsonl')
    writeFileSync(other, rollout.replaceAll('/home/dev/projects/demo', '/home/dev/projects/other'))
    const old = new Database(path)
    migrate(old, 4)
    old.prepare(`INSERT INTO files (path, size) VALUES ('/old/log.jsonl', 10)`).run()
    old.prepare(`INSERT INTO sessions (id, agent, cwd) VALUES ('0199a1b2-0000-7000-8000-00000000c0de', 'codex', '/home/dev/projects/demo')`).run()
    old
      .prepare(
        `INSERT INTO events (file_id, line, seq, session_id, kind, payload) VALUES (1, 1, 0, '0199a1b2-0000-7000-8000-00000000c0de', 'session_meta', '{}')`
      )
      .run()
    old.close()
    const db = openStore(path)
    try {
      expect(db.prepare(`SELECT file_id, log_id, session_id, project FROM session_sources`).all()).toEqual([
        { file_id: 1, log_id: '0199a1b2-0000-7000-8000-00000000c0de', session_id: '0199a1b2-0000-7000-8000-00000000c0de', project: '/home/dev/projects/demo' }
      ])
      await ingestPaths(db, [other])
      expect(listSessions(db).map((s) => s.cwd)).toEqual(expect.arrayContaining(['/home/dev/projects/demo', '/home/dev/projects/other']))
    } finally {
      db.close()
    }
  })

  it('version 7: an upgraded database keeps each payload field once, and reads every record back as before', async () => {
    const d = tmpDir()
    dirs.push(d)
    const fresh = openStore(join(d, 'fresh.sqlite'))
    await ingestPaths(fresh, [join(fixtures, 'codex'), join(fixtures, 'claude-code')])
    // The same store as version 6 wrote it: each payload whole (a tool result's output left out).
    const path = join(d, 'v6.sqlite')
    copyAtVersion(fresh, path, 6)
    const payloads = () => fresh.prepare('SELECT id, payload FROM events ORDER BY id').all()
    const ids = fresh.prepare('SELECT id FROM events ORDER BY id').pluck().all() as number[]
    const whole = ids.map((id) => readEventPayload(fresh, id)!)
    const old = new Database(path)
    const write = old.prepare('UPDATE events SET payload = ? WHERE id = ?')
    ids.forEach((id, i) => write.run(JSON.stringify(whole[i].kind === 'tool_result' ? { ...whole[i], output: undefined } : whole[i]), id))
    old.pragma('user_version = 6')
    const before = old.prepare('SELECT SUM(length(payload)) FROM events').pluck().get() as number
    const turnsBefore = sessionTurns(old)
    old.close()

    const db = openStore(path)
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7)
      expect(db.prepare('SELECT id, payload FROM events ORDER BY id').all()).toEqual(payloads())
      expect(db.prepare('SELECT SUM(length(payload)) FROM events').pluck().get() as number).toBeLessThan(before / 2)
      expect(sessionTurns(db)).toEqual(turnsBefore)
      expect(ids.map((id) => readEventPayload(db, id))).toEqual(whole)
    } finally {
      db.close()
      fresh.close()
    }
  })

  it('version 9: an upgraded database keeps every raw line byte for byte, in compressed blocks of its file, and every record as before', async () => {
    const d = tmpDir()
    dirs.push(d)
    const fresh = openStore(join(d, 'fresh.sqlite'))
    const agents = readdirSync(fixtures, { withFileTypes: true }).filter((x) => x.isDirectory() && x.name !== 'records' && x.name !== 'redaction')
    await ingestPaths(
      fresh,
      agents.map((x) => join(fixtures, x.name))
    )
    const path = join(d, 'v8.sqlite')
    copyAtVersion(fresh, path, 8)
    fresh.close()
    const old = new Database(path)
    const rawBefore = old.prepare('SELECT id, file_id, raw FROM events ORDER BY id').all() as { id: number; file_id: number; raw: string | null }[]
    const turnsBefore = sessionTurns(old)
    const sizeBefore = old.prepare('SELECT SUM(length(CAST(raw AS BLOB))) FROM events').pluck().get() as number
    old.close()
    expect(rawBefore.filter((r) => r.raw !== null).length).toBeGreaterThan(500)

    const db = openStore(path)
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9)
      expect(db.prepare(`SELECT name FROM pragma_table_info('events')`).pluck().all()).not.toContain('raw')
      const after = withRawLines(
        db,
        db.prepare('SELECT id, file_id, raw_block, raw_item FROM events ORDER BY id').all() as ({ id: number; file_id: number } & RawAddress)[]
      )
      expect(after).toEqual(rawBefore)
      // Each block holds lines of one file, and only lines an event of that file addresses.
      const blocks = db.prepare('SELECT id, file_id, data FROM raw_blocks').all() as { id: number; file_id: number; data: Buffer }[]
      const addressed = db.prepare('SELECT raw_block, file_id, COUNT(*) AS n FROM events WHERE raw_block IS NOT NULL GROUP BY raw_block, file_id').all() as {
        raw_block: number
        file_id: number
        n: number
      }[]
      expect(addressed.map((a) => [a.raw_block, a.file_id, a.n]).sort()).toEqual(blocks.map((b) => [b.id, b.file_id, RawBlock.decode(b.data).size]).sort())
      expect(blocks.reduce((n, b) => n + b.data.length, 0)).toBeLessThan(sizeBefore)
      expect(sessionTurns(db)).toEqual(turnsBefore)
    } finally {
      db.close()
    }
  })

  it('refuses a database newer than it understands instead of corrupting it', () => {
    const d = tmpDir()
    dirs.push(d)
    const path = join(d, 'future.sqlite')
    const db = new Database(path)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    expect(() => openStore(path)).toThrow(/newer than this ai-log-trail understands/)
  })

  it('numbers migrations consecutively from 1', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
  })
})
