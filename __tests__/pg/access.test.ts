import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { main } from '../../src/cli/main.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { connectPg, type PgClient } from '../../src/store/pg/connect.js'
import { pushStore } from '../../src/store/pg/push.js'
import { captureIo, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, pgUrl, type TestDatabase } from './pg-helpers.js'
import { DEMO_LOGS, docSql } from './team-helpers.js'

const suffix = randomBytes(3).toString('hex')
const password = randomBytes(12).toString('hex')
const TOTALS = `team_totals_reader_${suffix}`
const READER = `team_a_reader_${suffix}`

/** The docs' SQL with this test's role names (roles belong to the whole cluster) and password. */
const ours = (sql: string) => sql.replaceAll('team_totals_reader', TOTALS).replaceAll('team_a_reader', READER).replaceAll("'change-me'", `'${password}'`)

function urlAs(url: string, role: string): string {
  const u = new URL(url)
  u.username = role
  u.password = password
  return u.toString()
}

describePg('who may see what in the team store (the SQL of docs/database.md)', () => {
  let dir: string
  let target: TestDatabase
  let owner: PgClient
  let repoA: string[]
  let all: number
  beforeAll(async () => {
    dir = tmpDir('alt-access-')
    const path = join(dir, 'store.sqlite')
    const db = openStore(path)
    await ingestPaths(db, DEMO_LOGS)
    // Two repositories: the first half of the sessions in octo-org/a, the rest in octo-org/b.
    const ids = db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[]
    repoA = ids.slice(0, Math.ceil(ids.length / 2))
    all = ids.length
    db.prepare('UPDATE sessions SET repository = ?').run('octo-org/b')
    for (const id of repoA) db.prepare('UPDATE sessions SET repository = ? WHERE id = ?').run('octo-org/a', id)
    target = await freshDatabase()
    owner = await connectPg(target.url)
    await pushStore(db, owner)
    db.close()
    await owner.query(ours(docSql('database.md', 'totals-role')))
    await owner.query(ours(docSql('database.md', 'repository-rls')))
    await owner.query(ours(docSql('database.md', 'repository-reader')))
  })
  afterAll(async () => {
    await owner.end()
    await target.drop()
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    for (const role of [TOTALS, READER]) await admin.query(`DROP ROLE IF EXISTS ${role}`)
    await admin.end()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the totals role reads the totals of every repository, and no table', async () => {
    const c = await connectPg(urlAs(target.url, TOTALS))
    try {
      const r = await c.query<{ repository: string; n: string }>('SELECT repository, sum(sessions)::text AS n FROM team_totals GROUP BY 1 ORDER BY 1')
      expect(r.rows).toEqual([
        { repository: 'octo-org/a', n: String(repoA.length) },
        { repository: 'octo-org/b', n: String(all - repoA.length) }
      ])
      // No column of the view is free text from a log.
      const cols = (await c.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'team_totals'`)).rows.map(
        (x) => x.column_name
      )
      for (const text of ['text', 'title', 'cwd', 'raw', 'payload', 'arguments', 'output', 'command', 'branch', 'path']) expect(cols).not.toContain(text)
      for (const table of ['sessions', 'prompts', 'events', 'function_calls', 'files'])
        await expect(c.query(`SELECT count(*) FROM ${table}`)).rejects.toThrow(/permission denied/)
    } finally {
      await c.end()
    }
  })

  it('the reader of one repository sees its sessions and their rows, and nothing of another repository', async () => {
    const c = await connectPg(urlAs(target.url, READER))
    try {
      const sessions = (await c.query<{ id: string; repository: string }>('SELECT id, repository FROM sessions ORDER BY id')).rows
      expect(sessions.map((s) => s.id)).toEqual(repoA)
      for (const table of ['events', 'prompts', 'function_calls', 'token_messages', 'session_sources']) {
        const seen = (await c.query<{ session_id: string }>(`SELECT DISTINCT session_id FROM ${table}`)).rows.map((r) => r.session_id)
        for (const s of seen) expect(repoA).toContain(s)
        const everything = (await owner.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE session_id = ANY($1)`, [repoA])).rows[0].n
        expect((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0].n).toBe(everything)
      }
      expect(Number((await c.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0].n)).toBeGreaterThan(0)
      await expect(c.query('SELECT count(*) FROM files')).rejects.toThrow(/permission denied/)
      await expect(c.query('SELECT count(*) FROM team_totals')).rejects.toThrow(/permission denied/)
    } finally {
      await c.end()
    }
  })

  it('report --group-by runs as the totals role, and its numbers are the sessions the store holds', async () => {
    const io = captureIo()
    expect(await main(['report', '--db', urlAs(target.url, TOTALS), '--group-by', 'repository', '--format', 'json'], io)).toBe(0)
    const out = JSON.parse(io.stdout) as { group_by: string; groups: { group: string; sessions: number; prompts: number; total_tokens: number }[] }
    expect(out.groups.map((g) => [g.group, g.sessions])).toEqual([
      ['octo-org/a', repoA.length],
      ['octo-org/b', all - repoA.length]
    ])
    const owners = await owner.query<{ prompts: string; tokens: string }>(
      `SELECT (SELECT count(*) FROM prompts WHERE by_agent = 0 AND replayed = 0)::text AS prompts,
              (SELECT coalesce(sum(total), 0) FROM token_messages WHERE counted = 1 AND replayed = 0)::text AS tokens`
    )
    expect(out.groups.reduce((n, g) => n + g.prompts, 0)).toBe(Number(owners.rows[0].prompts))
    expect(out.groups.reduce((n, g) => n + g.total_tokens, 0)).toBe(Number(owners.rows[0].tokens))
    expect(io.stdout).not.toContain(password)
  })

  it('the totals role reads the cost the push recorded, and the view gives it as numbers only', async () => {
    const c = await connectPg(urlAs(target.url, TOTALS))
    try {
      const r = await c.query<{ cost: number | null }>('SELECT sum(cost_usd) AS cost FROM team_totals')
      const recorded = await owner.query<{ cost: number | null }>('SELECT sum(cost_usd) AS cost FROM sessions')
      expect(recorded.rows[0].cost).toBeGreaterThan(0)
      expect(r.rows[0].cost).toBeCloseTo(recorded.rows[0].cost!, 6)
      const types = await c.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'team_totals' AND column_name LIKE '%cost%' OR column_name = 'unpriced_sessions'`
      )
      expect(types.rows.map((t) => t.column_name).sort()).toEqual(['cost_usd', 'estimated_cost_usd', 'reported_cost_usd', 'unpriced_sessions'])
      for (const t of types.rows) expect(t.data_type).not.toBe('text')
    } finally {
      await c.end()
    }
  })
})
