import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ingestForRepo } from '../../src/discover/discover.js'
import { defaultLocations, type DiscoverEnv } from '../../src/discover/locations.js'
import { repoIdentity } from '../../src/discover/repo.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { byId, fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { insertRows } from './sqlite-fixtures.js'

/*
 * Copilot CLI's session-store.db, built at test time from fixtures/copilot-cli/session-store/
 * (schema.sql after the readers cited in SOURCES.md; rows.json hand-made). Two of its sessions are
 * the real events.jsonl fixtures' (one with a session.shutdown, one without); the third has no log.
 * The expected figures are summed by hand from rows.json.
 */

const CLEAN = '66957610-db49-4dea-972d-c079e1898044'
const UNCLEAN = '301561f1-558a-43e9-a144-82d3ca12ab62'
const STORE_ONLY = '9c2d4e6f-1a3b-4c5d-8e7f-0a1b2c3d4e5f'
const SUBAGENT = '030f200c-c26f-4ef0-9099-6d1156c83631'
const FOLDER = join(fixtures, 'copilot-cli', 'session-store')
const LOGS = join(fixtures, 'copilot-cli', 'session-state')

type Rows = Record<string, Record<string, unknown>[]>
const storeRows = (): Rows => JSON.parse(readFileSync(join(FOLDER, 'rows.json'), 'utf8')) as Rows

function buildSessionStore(path: string, rows: Rows = storeRows()): string {
  mkdirSync(join(path, '..'), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec(readFileSync(join(FOLDER, 'schema.sql'), 'utf8'))
  db.transaction(() => insertRows(db, rows))()
  db.close()
  return path
}

let base: string
let store: string
beforeAll(() => {
  base = tmpDir('alt-copilot-store-')
  store = buildSessionStore(join(base, 'copilot', 'session-store.db'))
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('copilot-cli session-store.db alone', () => {
  let r: Ingested
  beforeAll(async () => {
    r = await ingestFresh([store])
  })
  afterAll(() => r.close())

  it('is read without problems: one session per sessions row, with its place and summary', () => {
    expect(r.result.errors).toEqual([])
    expect(r.sessions.map((s) => s.id).sort()).toEqual([UNCLEAN, CLEAN, STORE_ONLY].sort())
    const s = byId(r.sessions, STORE_ONLY)
    expect(s.agent).toBe('copilot-cli')
    expect(s.title).toBe('Add a health check')
    expect([s.cwd, s.repository, s.branch]).toEqual(['/home/dev/demo', 'github.com/dev/demo', 'main'])
    expect([s.started_at, s.ended_at]).toEqual(['2026-06-01T14:00:00.000Z', '2026-06-01T14:12:00.000Z'])
    // No host named: the repository is not turned into a remote.
    expect(byId(r.sessions, CLEAN).repository).toBeNull()
  })

  it('reads each turn’s prompt', () => {
    expect([UNCLEAN, CLEAN, STORE_ONLY].map((id) => byId(r.sessions, id).prompts)).toEqual([1, 1, 2])
    expect(r.db.prepare(`SELECT text FROM prompts WHERE session_id = ? ORDER BY ordinal`).pluck().all(STORE_ONLY)).toEqual([
      'Add a /health endpoint that reports the cache state',
      'Now add a test for it'
    ])
  })

  it('sums the calls of a session into its usage, as session.shutdown counts them, under its busiest model', () => {
    const s = byId(r.sessions, STORE_ONLY)
    expect(s.tokens_source).toBe('status')
    // gpt-5.4: 5000 in (3000 read, 1000 written), 200 out (40 reasoning); claude-haiku-4.5: 2000 in (500 written), 50 out.
    expect(s.tokens).toEqual({ input: 7000, cached_input: 3000, cache_write: 0, output: 250, reasoning_output: 40, total: 7250 })
    expect(s.models).toEqual(['gpt-5.4'])
    // Two calls: 24171 + 24072 in, 79 + 335 out, the shutdown's figures of the same session.
    expect(byId(r.sessions, CLEAN).tokens.total).toBe(48243 + 414)
  })
})

describe('copilot-cli session-store.db with the sessions’ events.jsonl', () => {
  const logs = [CLEAN, UNCLEAN, SUBAGENT].map((id) => join(LOGS, id, 'events.jsonl'))

  it.each([
    ['logs first', () => [...logs, store]],
    ['store first', () => [store, ...logs]]
  ])('counts each prompt once and takes usage from a shutdown before the store (%s)', async (_name, order) => {
    const r = await ingestFresh(order())
    try {
      expect(r.result.errors).toEqual([])
      // The clean session: its shutdown's usage rows are counted, the store's sum is not added to them.
      const clean = byId(r.sessions, CLEAN)
      expect([clean.prompts, clean.tokens_source, clean.tokens.total]).toEqual([1, 'usage', 48243 + 414])
      // The session that never shut down: the log has no usage, the store gives it.
      const unclean = byId(r.sessions, UNCLEAN)
      expect([unclean.prompts, unclean.tokens_source]).toEqual([1, 'status'])
      expect(unclean.tokens).toEqual({ input: 12000, cached_input: 8000, cache_write: 0, output: 300, reasoning_output: 0, total: 12300 })
      expect(unclean.repository).toBe('github.com/test/repo')
      // The log's title stays empty without the store; the store names it.
      expect(unclean.title).toBe('Create a hello world file')
      // A session the store does not hold is read from its log alone.
      expect(byId(r.sessions, SUBAGENT).tokens_source).toBe('usage')
      expect(byId(r.sessions, STORE_ONLY).prompts).toBe(2)
    } finally {
      r.close()
    }
  })

  it('counts a prompt once when the store is read by a later ingest, and again after the store grew', async () => {
    const dir = tmpDir('alt-copilot-later-')
    const db = openStore(join(dir, 'store.sqlite'))
    try {
      await ingestPaths(db, logs)
      expect(byId(listSessions(db), CLEAN).prompts).toBe(1)
      const grown = storeRows()
      grown.turns.push({ session_id: CLEAN, turn_index: 1, user_message: 'and the default one?', timestamp: '2026-05-21T08:02:00.000Z' })
      const path = buildSessionStore(join(dir, 'copilot', 'session-store.db'), grown)
      await ingestPaths(db, [path])
      // The second turn is not in the log (it was cut short), so the store adds it.
      expect(byId(listSessions(db), CLEAN).prompts).toBe(2)
      await ingestPaths(db, logs)
      expect(byId(listSessions(db), CLEAN).prompts).toBe(2)
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('copilot-cli session-store.db discovery', () => {
  it('lists $COPILOT_HOME/session-store.db (else ~/.copilot) and keeps only the repository’s sessions', async () => {
    const repo = join(base, 'work', 'demo')
    const home = join(base, 'home')
    mkdirSync(repo, { recursive: true })
    execFileSync('git', ['init', '-q', repo])
    const rows = JSON.parse(JSON.stringify(storeRows()).replaceAll('/home/dev/demo', repo)) as Rows
    const path = buildSessionStore(join(home, '.copilot', 'session-store.db'), rows)
    const env: DiscoverEnv = { env: {}, platform: 'linux', home }
    const listed = (e: DiscoverEnv) => defaultLocations(repoIdentity(repo), e).filter((l) => l.agent === 'copilot-cli')
    expect(listed(env).map((l) => [l.path, l.inRepo])).toEqual([[path, false]])
    const moved = join(base, 'copilot-home')
    cpSync(join(home, '.copilot'), moved, { recursive: true })
    expect(listed({ env: { COPILOT_HOME: moved }, platform: 'linux', home }).map((l) => l.path)).toEqual([join(moved, 'session-store.db')])

    const dir = tmpDir('alt-copilot-disc-')
    const db = openStore(join(dir, 'store.sqlite'))
    try {
      await ingestForRepo(db, repo, null, { env })
      // The other two sessions ran elsewhere: scoped out.
      expect(listSessions(db).map((s) => [s.id, s.prompts, s.tokens.total])).toEqual([[STORE_ONLY, 2, 7250]])
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
