import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { loadConfig } from '../../src/config/load.js'
import { openStore } from '../../src/store/db.js'
import { connectPg, type PgClient } from '../../src/store/pg/connect.js'
import { pushSanitizedSessions } from '../../src/team/push-run.js'
import { captureIo, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'
import { DEMO_LOGS, docSql } from './team-helpers.js'

const run = (workflowRun: string, pullRequest: number) => ({
  repository: 'octo-org/demo',
  workflowRun,
  pullRequest,
  commitSha: 'c'.repeat(40),
  author: 'octocat'
})

describePg('the queries of docs/dashboards.md, on a store the Action pushed to', () => {
  let dir: string
  let target: TestDatabase
  let client: PgClient
  let ids: string[]
  let redacted: Record<string, number>
  beforeAll(async () => {
    dir = tmpDir('alt-dashboards-')
    const work = join(dir, 'work.sqlite')
    // The job the Action runs (ingest, report, redaction records), then its push, twice.
    const io = captureIo()
    expect(await main(['dry-run', ...DEMO_LOGS, '--db', work, '--out', join(dir, 'out'), '--quiet', '--now', '2026-12-01T00:00:00Z'], io)).toBe(0)
    const db = openStore(work, { readonly: true })
    ids = db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[]
    redacted = Object.fromEntries(
      (db.prepare('SELECT detector, sum(count) AS n FROM redactions GROUP BY detector').all() as { detector: string; n: number }[]).map((r) => [
        r.detector,
        r.n
      ])
    )
    db.close()
    target = await freshDatabase()
    const { config } = loadConfig(undefined)
    await pushSanitizedSessions({ database: work, config, sessions: new Set(ids), url: target.url, provenance: run('100/1', 7) })
    await pushSanitizedSessions({ database: work, config, sessions: new Set(ids.slice(0, 3)), url: target.url, provenance: run('101/1', 8) })
    client = await connectPg(target.url)
  })
  afterAll(async () => {
    await client.end()
    await target.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('tokens and cost per week by agent: the totals of every agent, summing to the store', async () => {
    const rows = (
      await client.query<{ week: string | null; agent: string; sessions: string; total_tokens: string }>(docSql('dashboards.md', 'tokens-per-week'))
    ).rows
    expect(new Set(rows.map((r) => r.agent)).size).toBeGreaterThan(2)
    expect(rows.reduce((n, r) => n + Number(r.sessions), 0)).toBe(ids.length)
    const tokens = (await client.query<{ n: string }>('SELECT coalesce(sum(total), 0)::text AS n FROM token_messages WHERE counted = 1 AND replayed = 0'))
      .rows[0].n
    expect(rows.reduce((n, r) => n + Number(r.total_tokens), 0)).toBe(Number(tokens))
    expect(Number(tokens)).toBeGreaterThan(0)
    // The cost is the one the push recorded per session, rounded to cents per row.
    const cost = (await client.query<{ c: number }>('SELECT sum(cost_usd) AS c FROM sessions')).rows[0].c
    expect(cost).toBeGreaterThan(0)
    const summed = rows.reduce((n, r) => n + Number((r as unknown as { cost_usd: string | null }).cost_usd ?? 0), 0)
    expect(Math.abs(summed - cost)).toBeLessThanOrEqual(0.005 * rows.length)
  })

  it('sessions per pull request: each pull request with the sessions its runs pushed', async () => {
    const rows = (await client.query(docSql('dashboards.md', 'sessions-per-pull-request'))).rows
    expect(rows.map((r) => ({ repository: r.repository, pull_request: Number(r.pull_request), sessions: Number(r.sessions), runs: Number(r.runs) }))).toEqual([
      { repository: 'octo-org/demo', pull_request: 7, sessions: ids.length, runs: 1 },
      { repository: 'octo-org/demo', pull_request: 8, sessions: 3, runs: 1 }
    ])
  })

  it('redactions by detector: what the job recorded, detector by detector', async () => {
    const rows = (await client.query<{ detector: string; redactions: string; sessions: string }>(docSql('dashboards.md', 'redactions-by-detector'))).rows
    expect(Object.keys(redacted).length).toBeGreaterThan(0)
    expect(Object.fromEntries(rows.map((r) => [r.detector, Number(r.redactions)]))).toEqual(redacted)
  })
})
