import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { isSqliteHeader } from '../../src/ingest/database.js'
import { recognize, recognizeDatabase } from '../../src/sources/registry.js'
import { gooseDatabase } from '../../src/sources/goose/index.js'
import { opencodeDatabase } from '../../src/sources/opencode/index.js'
import type { DatabaseRow } from '../../src/sources/types.js'
import { tableColumns } from '../../src/sources/util/sqlite-pages.js'
import { openStore, type Db } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { fixtures, tmpDir } from '../helpers.js'
import { buildFixtureDb, fixtureRows, insertRows } from '../sources/sqlite-fixtures.js'
import { sniffInput } from '../sources/sniff-input.js'

/*
 * How agents' SQLite databases are ingested: from a private copy, never touching the agent's
 * files, re-read only when the database or its -wal changed, and each row stored once however
 * often it is read.
 */

const A = 'ses_A000000000000000000001'

let root: string
let agentDir: string
let store: Db
let tmp: string
const savedTmp = process.env.TMPDIR
beforeEach(() => {
  root = tmpDir('alt-db-')
  agentDir = join(root, 'agent')
  // The copies are made under the system temporary folder: a private one shows whether any is left behind.
  tmp = join(root, 'tmp')
  mkdirSync(agentDir)
  mkdirSync(tmp)
  process.env.TMPDIR = tmp
  store = openStore(join(root, 'store.sqlite'))
})
afterEach(() => {
  store.close()
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
  rmSync(root, { recursive: true, force: true })
})

/** Every file of a folder with its bytes' hash and its modification time. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    out[name] = `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`
  }
  return out
}

const count = (sql: string, ...params: unknown[]) =>
  store
    .prepare(sql)
    .pluck()
    .get(...params) as number

describe('reading an agent database', () => {
  it('leaves the agent folder byte for byte as it was, with the database closed', async () => {
    buildFixtureDb('opencode', join(agentDir, 'opencode.db')).close()
    const before = listing(agentDir)
    expect(Object.keys(before)).toEqual(['opencode.db'])
    const r = await ingestPaths(store, [agentDir], { worker: false })
    expect(r.errors).toEqual([])
    expect(r.events).toBeGreaterThan(0)
    expect(listing(agentDir)).toEqual(before)
    expect(readdirSync(tmp)).toEqual([])
  })

  it('reads the rows still in the -wal while the agent holds the database open, and changes none of its files', async () => {
    const agent = buildFixtureDb('opencode', join(agentDir, 'opencode.db'))
    try {
      // Rows written after this stay in the -wal: the agent has not checkpointed them.
      agent.pragma('wal_autocheckpoint = 0')
      agent.pragma('wal_checkpoint(TRUNCATE)')
      insertRows(agent, {
        session: [
          {
            id: 'ses_W',
            project_id: 'prj_demo',
            slug: 'w',
            directory: '/home/dev/demo',
            title: 'In the WAL',
            version: '1.0.150',
            time_created: 1764960000000,
            time_updated: 1764960000000
          }
        ],
        message: [
          {
            id: 'msg_W1',
            session_id: 'ses_W',
            time_created: 1764960000000,
            time_updated: 1764960000000,
            data: JSON.stringify({ role: 'user', time: { created: 1764960000000 } })
          }
        ],
        part: [
          {
            id: 'prt_W1',
            message_id: 'msg_W1',
            session_id: 'ses_W',
            time_created: 1764960000000,
            time_updated: 1764960000000,
            data: JSON.stringify({ type: 'text', text: 'only in the wal' })
          }
        ]
      })
      expect(statSync(join(agentDir, 'opencode.db-wal')).size).toBeGreaterThan(0)
      const before = listing(agentDir)
      expect(Object.keys(before)).toEqual(['opencode.db', 'opencode.db-shm', 'opencode.db-wal'])
      const r = await ingestPaths(store, [agentDir], { worker: false })
      expect(r.errors).toEqual([])
      expect(store.prepare(`SELECT text FROM prompts WHERE session_id = 'ses_W'`).pluck().all()).toEqual(['only in the wal'])
      expect(listing(agentDir)).toEqual(before)
      // The agent goes on writing as if nothing happened.
      agent.prepare(`UPDATE session SET title = 'still mine' WHERE id = 'ses_W'`).run()
    } finally {
      agent.close()
    }
    expect(readdirSync(tmp)).toEqual([])
  })

  it('does not read an unchanged database again, and stores each row once when it is read again', async () => {
    const agent = buildFixtureDb('opencode', join(agentDir, 'opencode.db'))
    try {
      const first = await ingestPaths(store, [agentDir], { worker: false })
      const events = count(`SELECT COUNT(*) FROM events`)
      expect(first.events).toBe(events)
      const again = await ingestPaths(store, [agentDir], { worker: false })
      expect(again).toMatchObject({ files: 0, unchanged_files: 1, events: 0 })

      // A new prompt and its answer, written later, as OpenCode appends them.
      const t = 1764950450000
      insertRows(agent, {
        message: [
          { id: 'msg_A5', session_id: A, time_created: t, time_updated: t, data: JSON.stringify({ role: 'user', time: { created: t } }) },
          {
            id: 'msg_A6',
            session_id: A,
            time_created: t + 1,
            time_updated: t + 1,
            data: JSON.stringify({
              role: 'assistant',
              time: { created: t + 1 },
              modelID: 'claude-sonnet-4-5',
              cost: 0.001,
              tokens: { input: 5, output: 7, reasoning: 0, cache: { read: 0, write: 0 } }
            })
          }
        ],
        part: [
          {
            id: 'prt_A5a',
            message_id: 'msg_A5',
            session_id: A,
            time_created: t,
            time_updated: t,
            data: JSON.stringify({ type: 'text', text: 'One more thing' })
          }
        ]
      })
      const grown = await ingestPaths(store, [agentDir], { worker: false })
      expect(grown.errors).toEqual([])
      expect(grown.files).toBe(1)
      // Re-read whole, the old rows replace themselves: only the new rows' events are added.
      expect(count(`SELECT COUNT(*) FROM events`)).toBe(events + 3)
      expect(count(`SELECT COUNT(*) FROM (SELECT dedupe_key FROM events GROUP BY dedupe_key HAVING COUNT(*) > 1)`)).toBe(0)
      const s = listSessions(store).find((x) => x.id === A)
      expect(s?.prompts).toBe(3)
      // The re-read numbers the turns again from the first, not after the last read's.
      expect(store.prepare(`SELECT ordinal, text FROM prompts WHERE session_id = ? ORDER BY ordinal`).all(A)).toEqual([
        { ordinal: 1, text: 'Add a --retry flag to the fetch command' },
        { ordinal: 2, text: 'Now document it in the README' },
        { ordinal: 3, text: 'One more thing' }
      ])
      expect(store.prepare(`SELECT ordinal FROM turns WHERE session_id = ? ORDER BY ordinal`).pluck().all(A)).toEqual([1, 2, 3])
      expect(s?.tokens.total).toBe(19250 + 12)
      expect(s?.reported_cost_usd).toBe(0.0173)
    } finally {
      agent.close()
    }
  })

  it('picks up a row changed in place: a tool call that completed since the last read', async () => {
    const rows = fixtureRows('opencode')
    const bash = rows.part.find((p) => p.id === 'prt_A2e') as { data: { state: Record<string, unknown> } }
    const completed = bash.data.state
    bash.data.state = { status: 'running', input: completed.input, time: { start: 1764950401400 } }
    const agent = buildFixtureDb('opencode', join(agentDir, 'opencode.db'), rows)
    try {
      await ingestPaths(store, [agentDir], { worker: false })
      const results = `SELECT COUNT(*) FROM function_results WHERE call_id = 'toolu_bash_1'`
      expect(count(results)).toBe(0)
      agent.prepare(`UPDATE part SET data = ? WHERE id = 'prt_A2e'`).run(JSON.stringify({ ...bash.data, state: completed }))
      await ingestPaths(store, [agentDir], { worker: false })
      expect(count(results)).toBe(1)
      expect(count(`SELECT COUNT(*) FROM function_calls WHERE call_id = 'toolu_bash_1'`)).toBe(1)
    } finally {
      agent.close()
    }
  })

  it('says which database is damaged, and goes on with the other logs', async () => {
    buildFixtureDb('goose', join(agentDir, 'sessions.db')).close()
    // The header of a SQLite file, then no database.
    writeFileSync(join(agentDir, 'broken.db'), Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 0x5a)]))
    const codex = join(fixtures, 'codex')
    const r = await ingestPaths(store, [agentDir, codex], { worker: false })
    const broken = r.errors.filter((e) => e.file === join(agentDir, 'broken.db'))
    expect(broken).toHaveLength(1)
    expect(broken[0].reason).toMatch(/^(damaged|unreadable) SQLite database/)
    expect(listSessions(store).some((s) => s.agent === 'goose')).toBe(true)
    expect(listSessions(store).some((s) => s.agent === 'codex')).toBe(true)
  })

  it('reports a database cut short as a problem of its file, never failing the ingest', async () => {
    const path = join(agentDir, 'opencode.db')
    const db = buildFixtureDb('opencode', path)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    truncateSync(path, Math.floor(statSync(path).size / 2))
    const r = await ingestPaths(store, [agentDir], { worker: false })
    expect(r.errors.length).toBeGreaterThan(0)
    expect(r.errors.every((e) => e.file === path)).toBe(true)
    expect(r.errors.map((e) => e.reason).join('\n')).toMatch(/SQLite database|malformed/)
  })

  it('reads a file that was a database and is now a log as the log, forgetting what the database gave', async () => {
    const path = join(agentDir, 'history')
    buildFixtureDb('goose', path).close()
    await ingestPaths(store, [path], { worker: false })
    expect(listSessions(store).map((s) => s.agent)).toEqual(['goose', 'goose'])
    rmSync(`${path}-wal`, { force: true })
    rmSync(`${path}-shm`, { force: true })
    writeFileSync(path, readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')))
    const r = await ingestPaths(store, [path], { worker: false })
    expect(r.errors).toEqual([])
    expect(listSessions(store).map((s) => s.agent)).toEqual(['codex'])
  })

  it('skips a SQLite database no agent source recognizes, saying so', async () => {
    const other = new Database(join(agentDir, 'notes.db'))
    other.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')`)
    other.close()
    const r = await ingestPaths(store, [agentDir], { worker: false })
    expect(r.errors).toEqual([{ file: join(agentDir, 'notes.db'), line: null, reason: 'unrecognized SQLite database (not a known agent log; skipped)' }])
    expect(readdirSync(tmp)).toEqual([])
  })
})

describe('recognizing agent databases', () => {
  let made = 0
  function headOf(agent: 'opencode' | 'goose') {
    const path = join(agentDir, `${agent}-${made++}.db`)
    const db = buildFixtureDb(agent, path)
    try {
      return { path, tables: tableColumns(db) }
    } finally {
      db.close()
    }
  }

  it('each source claims its own database only', () => {
    expect(recognizeDatabase(headOf('opencode'))).toBe(opencodeDatabase)
    expect(recognizeDatabase(headOf('goose'))).toBe(gooseDatabase)
    expect(gooseDatabase.sniff(headOf('opencode'))).toBe(false)
    expect(opencodeDatabase.sniff(headOf('goose'))).toBe(false)
    expect(recognizeDatabase({ path: 'x.db', tables: { session: ['id'], message: ['id'] } })).toBeUndefined()
  })

  it('no line or document source claims a SQLite file', () => {
    const path = join(agentDir, 'opencode.db')
    buildFixtureDb('opencode', path).close()
    expect(isSqliteHeader(readFileSync(path))).toBe(true)
    expect(recognize(sniffInput(path))).toBeUndefined()
  })

  it('says which rows and parts it does not interpret, so a format change shows', () => {
    const unknown = (source: typeof opencodeDatabase, agent: 'opencode' | 'goose') => {
      const path = join(agentDir, `${agent}.db`)
      buildFixtureDb(agent, path).close()
      const db = new Database(path, { readonly: true })
      try {
        const rows = [...source.readDatabase(db, { path, fallbackSessionId: 'x' })] as DatabaseRow[]
        return rows.flatMap((r) => r.records).filter((r) => r.type === 'unknown')
      } finally {
        db.close()
      }
    }
    expect(unknown(opencodeDatabase, 'opencode')).toEqual([{ type: 'unknown', line: 15, what: 'part "hologram"' }])
    expect(unknown(gooseDatabase, 'goose')).toEqual([{ type: 'unknown', line: 9, what: 'content "systemNotification"' }])
  })

  it('reads in pages: a session with more messages than a page holds is read whole', async () => {
    const rows = fixtureRows('opencode')
    const t = 1764960000000
    for (let i = 0; i < 450; i++) {
      const id = `msg_P${String(i).padStart(4, '0')}`
      rows.message.push({ id, session_id: A, time_created: t + Math.floor(i / 3), time_updated: t, data: { role: 'user', time: { created: t } } })
      rows.part.push({
        id: `prt_P${String(i).padStart(4, '0')}`,
        message_id: id,
        session_id: A,
        time_created: t,
        time_updated: t,
        data: { type: 'text', text: `prompt ${i}` }
      })
    }
    buildFixtureDb('opencode', join(agentDir, 'opencode.db'), rows).close()
    await ingestPaths(store, [agentDir], { worker: false })
    expect(count(`SELECT COUNT(*) FROM prompts WHERE session_id = ? AND text LIKE 'prompt %'`, A)).toBe(450)
    expect(existsSync(join(agentDir, 'opencode.db-wal'))).toBe(false)
  })
})

describe('copying a database another process is writing', () => {
  it('gives only copies that are one whole state of the database, or says it could not', async () => {
    const path = join(agentDir, 'busy.db')
    // A writer in another process: small transactions, checkpoints and WAL restarts all the time.
    const WRITER = `
      import Database from 'better-sqlite3'
      const db = new Database(process.argv[1])
      db.pragma('journal_mode = WAL')
      db.pragma('wal_autocheckpoint = 8')
      db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)')
      const ins = db.prepare('INSERT INTO t (body) VALUES (?)')
      const many = db.transaction((n) => { for (let i = 0; i < n; i++) ins.run('x'.repeat(500 + (i % 7) * 300)) })
      process.stdout.write('ready\\n')
      const end = Date.now() + 2500
      while (Date.now() < end) many(20)
      db.close()
    `
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, path], { cwd: fixtures, stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    const { snapshotDatabase, openSnapshot, removeSnapshot } = await import('../../src/ingest/database.js')
    let good = 0
    let refused = 0
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    let running = true
    void exited.then(() => (running = false))
    while (running) {
      let snap
      try {
        snap = snapshotDatabase(path)
      } catch (e) {
        expect(String(e)).toMatch(/no consistent copy/)
        refused++
        await new Promise((r) => setTimeout(r, 10))
        continue
      }
      const db = openSnapshot(snap)
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        good++
      } finally {
        db.close()
        removeSnapshot(snap)
      }
      await new Promise((r) => setTimeout(r, 10))
    }
    await exited
    // While it is written, a copy may be refused every time on a loaded machine (the retries run
    // out); once the writer is done, copying must succeed.
    const last = snapshotDatabase(path)
    const quiet = openSnapshot(last)
    try {
      expect(quiet.pragma('integrity_check', { simple: true })).toBe('ok')
      good++
    } finally {
      quiet.close()
      removeSnapshot(last)
    }
    // The loop tried while the writer wrote, not only after.
    expect(good + refused).toBeGreaterThan(2)
  }, 30_000)
})
