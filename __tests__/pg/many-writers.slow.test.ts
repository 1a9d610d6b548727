import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { connectPg } from '../../src/store/pg/connect.js'
import { naturalDigests } from '../../src/store/pg/natural-digest.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'
import { DEMO_LOGS, pgDigests } from './team-helpers.js'

/*
 * Several writers of one PostgreSQL store at once, as a team's machines and CI jobs are: child
 * processes of the built CLI (lib/, built by `pretest`), each ingesting and pushing on its own.
 */

const bin = join(repoRoot, 'bin', 'ai-log-trail.js')

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += d))
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr }))
  )
  return { child, done }
}

function digestOf(paths: string[], database: string) {
  return (async () => {
    const db = openStore(database)
    await ingestPaths(db, paths)
    const d = naturalDigests(db)
    db.close()
    return d
  })()
}

const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
const ROLLOUT = join(fixtures, 'codex', `rollout-2026-03-03T11-00-00-${SESSION}.jsonl`)

describePg('many writers of one PostgreSQL store', () => {
  let dir: string
  beforeAll(() => {
    dir = tmpDir('alt-writers-')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  let target: TestDatabase
  beforeEach(async () => {
    target = await freshDatabase()
  })
  afterEach(async () => {
    await target.drop()
  })

  it('four ingests of overlapping logs at once store exactly what one SQLite ingest of all of them stores', async () => {
    // Each writer reads three or four of the six folders; every folder is read by two writers or more.
    const sets = [
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5, 0]
    ].map((s) => s.map((i) => DEMO_LOGS[i]))
    const runs = sets.map((paths) => start(['ingest', ...paths, '--db', target.url, '--json']))
    const results = await Promise.all(runs.map((r) => r.done))
    for (const r of results) expect(r).toEqual(expect.objectContaining({ code: 0, signal: null }))
    const expected = await digestOf(DEMO_LOGS, join(dir, 'all.sqlite'))
    expect(await pgDigests(target.url, dir)).toEqual(expected)
  }, 180_000)

  it('four ingests at once after a log was rewritten under another session id remove exactly its old records, and keep the rows of every other file', async () => {
    // Copies of the example logs, so one of them can be rewritten; a SQLite store given the same two ingests is the reference.
    const logs = DEMO_LOGS.map((d) => join(dir, 'rewritten', basename(d)))
    DEMO_LOGS.forEach((d, i) => cpSync(d, logs[i], { recursive: true }))
    const mirror = openStore(join(dir, 'rewritten.sqlite'))
    await ingestPaths(mirror, logs)
    expect(await start(['ingest', ...logs, '--db', target.url]).done).toEqual(expect.objectContaining({ code: 0, signal: null }))

    const log = join(logs[0], basename(ROLLOUT))
    const other = SESSION.slice(0, -4) + 'beef'
    writeFileSync(log, readFileSync(log, 'utf8').replaceAll(SESSION, other))
    await ingestPaths(mirror, logs)
    const expected = naturalDigests(mirror)
    mirror.close()
    expect([...expected.keys()]).toContain(other)

    // The rewritten folder is read by two of the writers, every folder by two or more.
    const sets = [
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5, 0]
    ].map((s) => s.map((i) => logs[i]))
    const results = await Promise.all(sets.map((paths) => start(['ingest', ...paths, '--db', target.url]).done))
    for (const r of results) expect(r).toEqual(expect.objectContaining({ code: 0, signal: null }))
    const got = await pgDigests(target.url, dir)
    // The old session is gone, its own row too, as from a SQLite store given the same ingests.
    expect(expected.has(SESSION)).toBe(false)
    expect(got.has(SESSION)).toBe(false)
    expect(got).toEqual(expected)
  }, 180_000)

  it('an ingest killed (SIGKILL) while it pushes leaves whole sessions, and running it again gives what a clean run gives', async () => {
    // A thousand sessions of a real Codex rollout under new ids: a push long enough to be killed in.
    const logs = join(dir, 'many')
    mkdirSync(logs, { recursive: true })
    const text = readFileSync(ROLLOUT, 'utf8')
    for (let i = 0; i < 1000; i++) {
      const id = SESSION.slice(0, -4) + i.toString(16).padStart(4, '0')
      writeFileSync(join(logs, `rollout-2026-03-03T11-00-00-${id}.jsonl`), text.replaceAll(SESSION, id))
    }
    const expected = await digestOf([logs], join(dir, 'many.sqlite'))

    const client = await connectPg(target.url)
    let killedAt: number
    try {
      const run = start(['ingest', logs, '--db', target.url])
      // Wait until the push has committed a first session, then kill it a random moment later.
      for (;;) {
        const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('sessions')::text AS t`)).rows[0].t
        if (exists && Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM sessions')).rows[0].n) > 0) break
        if (run.child.exitCode !== null) throw new Error('the ingest finished before it was seen writing')
        await new Promise((r) => setTimeout(r, 5))
      }
      await new Promise((r) => setTimeout(r, Math.random() * 200))
      run.child.kill('SIGKILL')
      expect((await run.done).signal).toBe('SIGKILL')
      killedAt = Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM sessions')).rows[0].n)
      // Every session that arrived arrived whole: one transaction per session.
      const partial = await client.query(
        `SELECT s.id FROM sessions s WHERE (SELECT count(*) FROM events e WHERE e.session_id = s.id) <> (SELECT count(*) FROM events e2 WHERE e2.session_id = $1)`,
        [SESSION.slice(0, -4) + '0000']
      )
      expect(partial.rows).toEqual([])
    } finally {
      await client.end()
    }
    expect(killedAt).toBeGreaterThan(0)
    expect(killedAt).toBeLessThan(1000)

    const again = await start(['ingest', logs, '--db', target.url]).done
    expect(again).toEqual(expect.objectContaining({ code: 0, signal: null }))
    expect(await pgDigests(target.url, dir)).toEqual(expected)
  }, 180_000)
})
