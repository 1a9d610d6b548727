import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { naturalDigests } from '../../src/store/pg/natural-digest.js'
import { listSessions } from '../../src/store/queries.js'
import { byId, fixtures, ingestFresh, tmpDir } from '../helpers.js'
import { DEMO_LOGS } from '../pg/team-helpers.js'
import { emptyStore, ENGINES, type EngineStore } from './engines.js'

/*
 * The store's behaviour through its public functions (ingest, then what the reading commands read)
 * on each engine, compared with a SQLite store that ingested the same logs in one run. The logs are
 * the bundled example logs (real agents' formats, written for the repository); the rewritten and
 * grown files are copies of them changed by the test.
 */

const STREAM = join(fixtures, 'claude-code', 'stream', 'claude-p-stream.jsonl')
const TRANSCRIPT = join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '11111111-1111-4111-8111-111111111111.jsonl')
const SAME_RUN = '55555555-5555-4555-8555-555555555555'
const ROLLOUT_ID = '0199a1b2-0000-7000-8000-00000000c0de'
const ROLLOUT = join(fixtures, 'codex', `rollout-2026-03-03T11-00-00-${ROLLOUT_ID}.jsonl`)

/** Sessions as the reading commands list them, and every row by natural keys (ids and write times left out). */
async function contents(store: EngineStore) {
  return store.read((db) => ({ sessions: listSessions(db), rows: naturalDigests(db) }))
}

/** What one SQLite ingest of `paths` in one run stores; the raw lines, local to a SQLite store, left out as the team store leaves them. */
async function reference(paths: string[]) {
  const r = await ingestFresh(paths)
  try {
    return { sessions: r.sessions, rows: naturalDigests(r.db) }
  } finally {
    r.close()
  }
}

describe.each(ENGINES)('the store on %s', (engine) => {
  let store: EngineStore
  /** A SQLite store given the same ingests, for the steps whose result one ingest cannot give (a grown or rewritten log). */
  let mirror: EngineStore
  let dir: string
  beforeEach(async () => {
    store = await emptyStore(engine)
    mirror = await emptyStore('sqlite')
    dir = tmpDir('alt-engine-logs-')
  })
  afterEach(async () => {
    await store.drop()
    await mirror.drop()
    rmSync(dir, { recursive: true, force: true })
  })
  const both = async (paths: string[]) => {
    await store.ingest(paths)
    await mirror.ingest(paths)
  }

  it('an ingest of the example logs stores what a SQLite ingest stores, and lists the same sessions', async () => {
    const r = await store.ingest(DEMO_LOGS)
    expect(r.sessions).toBeGreaterThan(5)
    const expected = await reference(DEMO_LOGS)
    const got = await contents(store)
    expect(got.sessions).toEqual(expected.sessions)
    expect(got.rows).toEqual(expected.rows)
  })

  it('ingesting the same logs again, or a file of them twice in one run, adds nothing', async () => {
    await store.ingest(DEMO_LOGS)
    const once = await contents(store)
    await store.ingest(DEMO_LOGS)
    await store.ingest([ROLLOUT, join(fixtures, 'codex'), ROLLOUT])
    expect(await contents(store)).toEqual(once)
  })

  it('one session read through two log formats counts the larger once, whether the files come in one run or two', async () => {
    const projects = join(dir, 'projects')
    mkdirSync(projects)
    writeFileSync(join(projects, `${SAME_RUN}.jsonl`), readFileSync(TRANSCRIPT, 'utf8').replaceAll('11111111-1111-4111-8111-111111111111', SAME_RUN))
    const expected = await reference([STREAM, projects])
    await store.ingest([STREAM])
    await store.ingest([projects])
    const got = await contents(store)
    expect(byId(got.sessions, SAME_RUN)).toEqual(byId(expected.sessions, SAME_RUN))
    expect(got.rows).toEqual(expected.rows)
  })

  it('a grown log adds its new records; a log rewritten shorter leaves none of the records it no longer has, and its session ends when the log now does', async () => {
    const log = join(dir, `rollout-2026-03-03T11-00-00-${ROLLOUT_ID}.jsonl`)
    const lines = readFileSync(ROLLOUT, 'utf8').split('\n').filter(Boolean)
    const half = Math.floor(lines.length / 2)
    writeFileSync(log, lines.slice(0, half).join('\n') + '\n')
    await both([dir])
    appendFileSync(log, lines.slice(half).join('\n') + '\n')
    await both([dir])
    const grown = await contents(store)
    expect(grown.sessions).toEqual((await reference([log])).sessions)
    // Format tallies count records per read: a SQLite store resumed the grown file (two reads), a
    // PostgreSQL writer's staging read it whole (one). Every other row is the same.
    const withoutTallies = (x: typeof grown) => ({ ...x, rows: new Map([...x.rows].filter(([k]) => k !== 'table:format_tallies')) })
    expect(withoutTallies(grown)).toEqual(withoutTallies(await contents(mirror)))

    // Rewritten with its first prompt's records only: the later turns and their events must go.
    const second = lines.findIndex((l, i) => l.includes('"user_message"') && lines.slice(0, i).some((p) => p.includes('"user_message"')))
    expect(second).toBeGreaterThan(0)
    writeFileSync(log, lines.slice(0, second).join('\n') + '\n')
    await both([dir])
    const shorter = await contents(store)
    const fresh = await reference([log])
    expect(byId(shorter.sessions, ROLLOUT_ID).prompts).toBeLessThan(byId(grown.sessions, ROLLOUT_ID).prompts)
    // The session says what the rewritten log says, its end time included, as a fresh read does.
    expect(byId(shorter.sessions, ROLLOUT_ID).ended_at).toBe(byId(fresh.sessions, ROLLOUT_ID).ended_at)
    expect(byId(shorter.sessions, ROLLOUT_ID).ended_at).not.toBe(byId(grown.sessions, ROLLOUT_ID).ended_at)
    expect(shorter).toEqual(fresh)
    expect(shorter).toEqual(await contents(mirror))
  })

  it('a log rewritten under another session id leaves no record of the session it no longer holds', async () => {
    const copy = join(dir, 'logs')
    cpSync(join(fixtures, 'codex'), copy, { recursive: true })
    await both([copy])
    const log = join(copy, `rollout-2026-03-03T11-00-00-${ROLLOUT_ID}.jsonl`)
    const other = ROLLOUT_ID.slice(0, -4) + 'beef'
    writeFileSync(log, readFileSync(log, 'utf8').replaceAll(ROLLOUT_ID, other))
    await both([copy])
    const got = await contents(store)
    const fresh = await reference([copy])
    expect(got.sessions.map((s) => s.id)).not.toContain(ROLLOUT_ID)
    expect(got.sessions).toEqual(fresh.sessions)
    // Nothing is left under the session no file holds any more, not even its own row, on either engine.
    expect(fresh.rows.has(ROLLOUT_ID)).toBe(false)
    expect(got.rows.has(ROLLOUT_ID)).toBe(false)
    expect(got).toEqual(fresh)
    expect(got).toEqual(await contents(mirror))
  })
})
