import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { selectFrame } from '../../src/select/select.js'
import { openStore, type Db } from '../../src/store/db.js'
import { recordSessionCosts } from '../../src/store/pg/session-costs.js'
import { tmpDir } from '../helpers.js'
import { DEMO_LOGS } from './team-helpers.js'

// No server needed: what a push records into the copy it pushes, from the bundled example logs.
describe('recordSessionCosts', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = tmpDir('alt-session-costs-')
    db = openStore(join(dir, 'store.sqlite'))
    await ingestPaths(db, DEMO_LOGS)
  })
  afterAll(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const recorded = () =>
    new Map(
      (db.prepare('SELECT id, cost_usd, cost_source FROM sessions').all() as { id: string; cost_usd: number | null; cost_source: string | null }[]).map((r) => [
        r.id,
        r
      ])
    )

  it('leaves a store it did not run on without costs, and writes each session the cost and source of its report', () => {
    expect([...recorded().values()].every((r) => r.cost_usd === null && r.cost_source === null)).toBe(true)
    recordSessionCosts(db)
    const rows = recorded()
    const report = selectFrame(db).sessions
    expect(report.length).toBe(rows.size)
    expect(new Set(report.map((s) => s.cost_source))).toEqual(new Set(['agent', 'estimate', null]))
    for (const s of report) {
      expect(rows.get(s.id)!.cost_usd).toBe(s.cost_usd)
      expect(rows.get(s.id)!.cost_source).toBe(s.cost_source ?? (s.tokens === null ? null : 'unpriced'))
    }
  })

  it('marks a session with tokens no price covers as unpriced, and a push again follows the store', () => {
    const withUsageRows = new Set(db.prepare('SELECT DISTINCT session_id FROM token_messages').pluck().all() as string[])
    const estimated = selectFrame(db).sessions.find((s) => s.cost_source === 'estimate' && withUsageRows.has(s.id))!
    db.prepare(`UPDATE token_messages SET model = 'no-such-model-anywhere' WHERE session_id = ?`).run(estimated.id)
    recordSessionCosts(db)
    expect(recorded().get(estimated.id)).toEqual({ id: estimated.id, cost_usd: null, cost_source: 'unpriced' })
    recordSessionCosts(db, { 'no-such-model-anywhere': { input: 2, output: 4 } })
    const priced = recorded().get(estimated.id)!
    expect(priced.cost_source).toBe('estimate')
    expect(priced.cost_usd).toBeGreaterThan(0)
  })
})
