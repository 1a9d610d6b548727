import { afterAll, afterEach, beforeAll, beforeEach, expect, it, jest } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readInputs } from '../../src/action/inputs.js'
import { failOnReasons } from '../../src/action/main.js'
import type { GithubTarget } from '../../src/action/target.js'
import { pushToTeamStore } from '../../src/action/team-push.js'
import { loadConfig } from '../../src/config/load.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import type { JobResult } from '../../src/pipeline/job.js'
import { exportSanitized } from '../../src/redact/export.js'
import { selectFrame } from '../../src/select/select.js'
import { openStore } from '../../src/store/db.js'
import { connectPg, type PgClient } from '../../src/store/pg/connect.js'
import { fixtures, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'
import { DEMO_LOGS } from './team-helpers.js'

const CODEX_LOG = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'

const RUN_ENV = { GITHUB_REPOSITORY: 'octo-org/demo', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2', GITHUB_SHA: 'f'.repeat(40), GITHUB_ACTOR: 'octocat' }
const github = { pullNumber: 17, pull: { number: 17, headRef: 'feature', headSha: 'a'.repeat(40), baseSha: null } } as unknown as GithubTarget

function captured(): { text: () => string } {
  let out = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  return { text: () => out }
}

afterEach(() => {
  jest.restoreAllMocks()
  for (const k of [...Object.keys(RUN_ENV), 'INPUT_DATABASE-URL']) delete process.env[k]
})

it('the database-url input is masked, its password on its own too, and must be a postgres:// URL', () => {
  // A test value, assembled so it is not one contiguous literal.
  const password = ['pw', 'team', '93kq'].join('-')
  process.env['INPUT_DATABASE-URL'] = `postgres://team:${password}@db.example:5432/trail`
  const out = captured()
  expect(readInputs().databaseUrl).toBe(`postgres://team:${password}@db.example:5432/trail`)
  expect(out.text()).toContain(`::add-mask::${password}`)
  expect(out.text()).toContain(`::add-mask::postgres://team:${password}@db.example:5432/trail`)
  process.env['INPUT_DATABASE-URL'] = 'mysql://team@db.example/trail'
  expect(() => readInputs()).toThrow("input 'database-url' must be a postgres:// URL")
  delete process.env['INPUT_DATABASE-URL']
  expect(readInputs().databaseUrl).toBeUndefined()
})

describePg("the Action's push to the team store", () => {
  let dir: string
  let database: string
  let ids: string[]
  const { config } = loadConfig(undefined)
  beforeAll(async () => {
    dir = tmpDir('alt-action-push-')
    database = join(dir, 'work.sqlite')
    const db = openStore(database)
    await ingestPaths(db, DEMO_LOGS)
    ids = (db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[]).slice(0, 5)
    db.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  let target: TestDatabase
  let client: PgClient
  beforeEach(async () => {
    target = await freshDatabase()
    client = await connectPg(target.url)
  })
  afterEach(async () => {
    await client.end()
    await target.drop()
  })

  const result = () => ({ report: { sessions: ids.map((id) => ({ id })) }, sessionIds: ids }) as unknown as JobResult

  it("pushes the report's sessions as the sanitized export holds them, without raw lines, with the run they came from", async () => {
    Object.assign(process.env, RUN_ENV)
    captured()
    expect(await pushToTeamStore({ url: target.url, database, config, result: result(), github })).toEqual([])

    const sessions = await client.query<{ id: string; repository: string; cwd: string | null }>('SELECT id, repository, cwd FROM sessions ORDER BY id')
    expect(sessions.rows.map((s) => s.id)).toEqual(ids)
    expect(new Set(sessions.rows.map((s) => s.repository))).toEqual(new Set(['octo-org/demo']))
    const pushes = await client.query(
      'SELECT session_id, repository, workflow_run, pull_request::int AS pr, commit_sha, author FROM session_pushes ORDER BY session_id'
    )
    expect(pushes.rows).toEqual(
      ids.map((id) => ({ session_id: id, repository: 'octo-org/demo', workflow_run: '4242/2', pr: 17, commit_sha: 'a'.repeat(40), author: 'octocat' }))
    )
    expect((await client.query('SELECT count(*)::int AS n FROM events WHERE raw_block IS NOT NULL OR raw_item IS NOT NULL')).rows[0].n).toBe(0)
    expect((await client.query('SELECT count(*)::int AS n FROM raw_blocks')).rows[0].n).toBe(0)
    expect((await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBeGreaterThan(0)

    // Every text is the sanitized export's, not the working store's.
    const exported = join(dir, 'sanitized.sqlite')
    exportSanitized(database, exported, config, new Set(ids))
    const sanitized = openStore(exported, { readonly: true })
    const raw = openStore(database, { readonly: true })
    const texts = (db: typeof raw) =>
      (
        db
          .prepare(`SELECT session_id, ordinal, text FROM prompts WHERE session_id IN (${ids.map(() => '?').join(', ')}) ORDER BY session_id, ordinal, text`)
          .all(...ids) as { session_id: string; ordinal: number; text: string }[]
      ).map((p) => ({ ...p, ordinal: Number(p.ordinal) }))
    const pushed = (await client.query('SELECT session_id, ordinal::int AS ordinal, text FROM prompts ORDER BY session_id, ordinal, text')).rows
    expect(pushed).toEqual(texts(sanitized))
    const cwd = (db: typeof raw) => db.prepare(`SELECT cwd FROM sessions WHERE id = ?`).pluck()
    for (const s of sessions.rows) expect(s.cwd).toBe(cwd(sanitized).get(s.id))
    // The working store's home folders are redacted: the push did not carry them.
    const home = sessions.rows.filter((s) => cwd(raw).get(s.id) !== s.cwd)
    expect(home.length).toBeGreaterThan(0)
    sanitized.close()
    raw.close()
  })

  it("records each session's cost as the working store's report computes it with the config's prices", async () => {
    Object.assign(process.env, RUN_ENV)
    captured()
    const raw = openStore(database, { readonly: true })
    const models = [...new Set(selectFrame(raw).sessions.flatMap((s) => s.models))]
    // Prices no bundled entry has, so a cost from the bundled table alone would differ.
    const pricing = Object.fromEntries(models.map((m) => [m, { input: 1000, output: 3000 }]))
    const report = new Map(selectFrame(raw, { prices: pricing }).sessions.map((s) => [s.id, s]))
    const bundled = new Map(selectFrame(raw).sessions.map((s) => [s.id, s]))
    raw.close()
    expect(await pushToTeamStore({ url: target.url, database, config: { ...config, pricing }, result: result(), github })).toEqual([])

    const pushed = (await client.query<{ id: string; cost_usd: number | null; cost_source: string | null }>('SELECT id, cost_usd, cost_source FROM sessions'))
      .rows
    expect(pushed.map((s) => s.id).sort()).toEqual(ids)
    for (const s of pushed) {
      const expected = report.get(s.id)!
      if (expected.cost_usd === null) expect(s.cost_usd).toBeNull()
      else expect(s.cost_usd).toBeCloseTo(expected.cost_usd, 6)
      expect(s.cost_source).toBe(expected.cost_source ?? (expected.tokens !== null ? 'unpriced' : null))
    }
    expect(pushed.some((s) => s.cost_source === 'estimate' && s.cost_usd !== bundled.get(s.id)!.cost_usd)).toBe(true)
  })

  it('a log edited between two runs replaces what the team store had of it: no stale or doubled rows', async () => {
    Object.assign(process.env, RUN_ENV)
    captured()
    const logs = tmpDir('alt-action-push-edit-')
    const log = join(logs, CODEX_LOG)
    const lines = readFileSync(join(fixtures, 'codex', CODEX_LOG), 'utf8')
      .split('\n')
      .filter(Boolean)
    const run = async (content: string[], name: string) => {
      writeFileSync(log, content.join('\n') + '\n')
      const work = join(logs, `${name}.sqlite`)
      const db = openStore(work)
      await ingestPaths(db, [logs])
      const sessions = db.prepare('SELECT id FROM sessions').pluck().all() as string[]
      db.close()
      const job = { report: { sessions: [] }, sessionIds: sessions } as unknown as JobResult
      expect(await pushToTeamStore({ url: target.url, database: work, config, result: job, github })).toEqual([])
      const copy = join(logs, `${name}-sanitized.sqlite`)
      exportSanitized(work, copy, config, new Set(sessions))
      return copy
    }
    await run(lines, 'first')
    // The user removes a line mid-file (a prompt they regret): every later line moves up by one.
    const prompt = lines.findIndex((l) => l.includes('"role":"user"') && !l.includes('environment_context'))
    const edited = await run([...lines.slice(0, prompt), ...lines.slice(prompt + 1)], 'edited')

    const local = openStore(edited, { readonly: true })
    const want = (sql: string) => local.prepare(sql).all()
    const events = want('SELECT session_id, line, seq, kind FROM events ORDER BY session_id, line, seq')
    const prompts = want('SELECT session_id, text FROM prompts ORDER BY session_id, text')
    local.close()
    expect((await client.query('SELECT session_id, line::int AS line, seq::int AS seq, kind FROM events ORDER BY session_id, line, seq')).rows).toEqual(events)
    expect((await client.query('SELECT session_id, text FROM prompts ORDER BY session_id, text')).rows).toEqual(prompts)
    rmSync(logs, { recursive: true, force: true })
  })

  it('a push that fails is a warning that never shows the password, and a publishing failure for fail-on', async () => {
    Object.assign(process.env, RUN_ENV)
    const u = new URL(target.url)
    u.port = '1' // nothing listens there
    const out = captured()
    const failures = await pushToTeamStore({ url: u.toString(), database, config, result: result(), github })
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(/^the team store \(/)
    expect(out.text()).toMatch(/::warning::could not push the sessions to the team store postgres:\/\/ai_log_trail@127\.0\.0\.1:1\//)
    expect(out.text()).not.toContain(u.password)
    const job = {
      ingest: { skipped_lines: 0, format_warnings: [] },
      report: { unpriced_models: [], totals: { sessions: 1 }, format_warnings: [] },
      redactions: 0,
      late: { total: 0 }
    }
    expect(failOnReasons(new Set(['publish']), job as unknown as JobResult, failures)).toEqual([`could not publish ${failures[0]}`])
    expect(failOnReasons(new Set(), job as unknown as JobResult, failures)).toEqual([])
  })

  it('outside a workflow run it pushes nothing and says why', async () => {
    const out = captured()
    expect(await pushToTeamStore({ url: target.url, database, config, result: result(), github })).toEqual([])
    expect(out.text()).toContain('GITHUB_REPOSITORY or GITHUB_RUN_ID is not: nothing was pushed')
    expect((await client.query(`SELECT to_regclass('sessions')::text AS t`)).rows[0].t).toBeNull()
  })
})
