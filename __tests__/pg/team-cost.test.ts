import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { appendFileSync, cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { connectPg } from '../../src/store/pg/connect.js'
import { captureIo, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'
import { DEMO_LOGS } from './team-helpers.js'

async function cli(argv: string[]) {
  const io = captureIo()
  const code = await main(argv, io)
  return { code, out: io.stdout, err: io.stderr }
}

interface ReportSession {
  id: string
  agent: string
  cost_usd: number | null
  cost_source: 'agent' | 'estimate' | null
}

/** The per-run report's sessions (`report --format json`) of a SQLite store. */
async function reportSessions(path: string): Promise<ReportSession[]> {
  const r = await cli(['report', '--db', path, '--format', 'json', '--now', '2026-12-01T00:00:00Z'])
  expect(r.code).toBe(0)
  return (JSON.parse(r.out) as { sessions: ReportSession[] }).sessions
}

interface Group {
  group: string
  sessions: number
  cost_usd: number | null
  estimated_cost_usd: number | null
  unpriced_sessions: number
}

async function groupsByAgent(url: string): Promise<Group[]> {
  const r = await cli(['report', '--db', url, '--group-by', 'agent', '--format', 'json'])
  expect(r.code).toBe(0)
  return (JSON.parse(r.out) as { groups: Group[] }).groups
}

describePg('the team store cost is the per-run reports’ cost (bundled example logs, real server)', () => {
  let dir: string
  beforeAll(() => {
    dir = tmpDir('alt-teamcost-')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  let target: TestDatabase
  beforeEach(async () => {
    target = await freshDatabase()
  })
  afterEach(async () => {
    await target.drop()
  })

  it('report --group-by agent gives each agent the sum of its sessions’ cost_usd in the SQLite report of the same logs', async () => {
    const reference = join(dir, 'reference.sqlite')
    const db = openStore(reference)
    await ingestPaths(db, DEMO_LOGS)
    db.close()
    const sessions = await reportSessions(reference)
    expect((await cli(['ingest', ...DEMO_LOGS, '--db', target.url])).code).toBe(0)
    const groups = await groupsByAgent(target.url)

    const agents = [...new Set(sessions.map((s) => s.agent))].sort()
    expect(groups.map((g) => g.group).sort()).toEqual(agents)
    // The example logs hold estimates (no agent figure) as well as costs: the check is not of zeros.
    expect(sessions.some((s) => s.cost_source === 'estimate' && s.cost_usd! > 0)).toBe(true)
    for (const g of groups) {
      const own = sessions.filter((s) => s.agent === g.group)
      expect(g.sessions).toBe(own.length)
      const costed = own.filter((s) => s.cost_usd !== null)
      if (costed.length === 0) expect(g.cost_usd).toBeNull()
      else
        expect(g.cost_usd).toBeCloseTo(
          costed.reduce((a, s) => a + s.cost_usd!, 0),
          4
        )
      const estimated = own.filter((s) => s.cost_source === 'estimate')
      if (estimated.length === 0) expect(g.estimated_cost_usd).toBeNull()
      else
        expect(g.estimated_cost_usd).toBeCloseTo(
          estimated.reduce((a, s) => a + s.cost_usd!, 0),
          4
        )
    }

    const md = await cli(['report', '--db', target.url, '--group-by', 'agent'])
    expect(md.out).toMatch(/\| +cost \(USD\) \|/)
    expect(md.out).toMatch(/\(estimate\) \|/)
  })

  it('a session pushed again after its log grew has the cost of its grown log', async () => {
    const logs = join(dir, 'grown-codex')
    cpSync(DEMO_LOGS[0], logs, { recursive: true })
    expect((await cli(['ingest', logs, '--db', target.url])).code).toBe(0)
    const id = '0199a1b2-0000-7000-8000-00000000c0de'
    const costOf = async () => {
      const c = await connectPg(target.url)
      try {
        return (await c.query<{ cost_usd: number | null; cost_source: string | null }>('SELECT cost_usd, cost_source FROM sessions WHERE id = $1', [id]))
          .rows[0]
      } finally {
        await c.end()
      }
    }
    const before = await costOf()
    expect(before.cost_usd).toBeGreaterThan(0)

    const log = join(logs, `rollout-2026-03-03T11-00-00-${id}.jsonl`)
    // One more request of the same session: its running usage grows by one more turn's tokens.
    const turn = { input_tokens: 1300, cached_input_tokens: 400, output_tokens: 50, reasoning_output_tokens: 10, total_tokens: 1350 }
    const total = { input_tokens: 6300, cached_input_tokens: 3400, output_tokens: 350, reasoning_output_tokens: 80, total_tokens: 6650 }
    const usage = { type: 'token_count', info: { total_token_usage: total, last_token_usage: turn, model_context_window: 258400 } }
    appendFileSync(log, JSON.stringify({ timestamp: '2026-03-03T10:06:00.000Z', type: 'event_msg', payload: usage }) + '\n')
    expect((await cli(['ingest', logs, '--db', target.url])).code).toBe(0)
    const grown = join(dir, 'grown.sqlite')
    const db = openStore(grown)
    await ingestPaths(db, [logs])
    db.close()
    const expected = (await reportSessions(grown)).find((s) => s.id === id)!
    const after = await costOf()
    expect(after.cost_usd).toBeCloseTo(expected.cost_usd!, 6)
    expect(after.cost_source).toBe(expected.cost_source)
    expect(after.cost_usd).not.toBeCloseTo(before.cost_usd!, 6)
  })
})
