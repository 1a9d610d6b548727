import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Statement } from 'better-sqlite3'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { TokenCounts } from '../../src/model/tokens.js'
import type { Db } from '../../src/store/db.js'
import { listSessions, type SessionSummary } from '../../src/store/queries.js'
import { fixtures, haveSamples, ingestFresh, samples, type Ingested } from '../helpers.js'

/*
 * listSessions answers with a fixed number of grouped queries. The oracle is the per-session
 * implementation it replaced (five queries a session), kept here verbatim: both must list the
 * same sessions with the same figures, byte for byte. The databases are the bundled fixtures of
 * every agent (hand-written) and, when ../shared is there, its real sample logs.
 */

interface Row {
  id: string
  title: string | null
  agent: string
  agent_version: string | null
  cwd: string | null
  repository_url: string | null
  branch: string | null
  commit_sha: string | null
  started_at: string | null
  ended_at: string | null
  parent_id: string | null
  parent_relation: string | null
  source: string | null
  originator: string | null
  reported_cost_usd: number | null
}

const NOT_MODELS = new Set(['<synthetic>'])

/** The fixture folders that hold agents' logs (the others hold parser records and redaction cases). */
const AGENT_DIRS = readdirSync(fixtures).filter((d) => !['recorder', 'records', 'redaction'].includes(d))

function listSessionsOneByOne(db: Db): SessionSummary[] {
  const rows = db
    .prepare(`SELECT * FROM sessions WHERE EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id) ORDER BY started_at, id`)
    .all() as Row[]
  const prompts = db.prepare(`SELECT COUNT(*) AS n FROM prompts WHERE session_id = ? AND by_agent = 0 AND replayed = 0`)
  const calls = db.prepare(`SELECT COUNT(*) AS n FROM function_calls WHERE session_id = ? AND replayed = 0`)
  const tokens =
    db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(input),0) AS input, COALESCE(SUM(cached_input),0) AS cached_input, COALESCE(SUM(cache_write),0) AS cache_write,
      COALESCE(SUM(output),0) AS output, COALESCE(SUM(reasoning_output),0) AS reasoning_output, COALESCE(SUM(total),0) AS total
      FROM token_messages WHERE session_id = ? AND counted = 1 AND replayed = 0`)
  const snapshot = db.prepare(
    `SELECT * FROM status_snapshots WHERE session_id = ? AND input IS NOT NULL AND output IS NOT NULL ORDER BY COALESCE(total, input + output) DESC, event_id DESC LIMIT 1`
  )
  const models = db.prepare(`SELECT model FROM (
      SELECT model, MIN(ts) AS first FROM turn_context_messages WHERE session_id = ? AND model IS NOT NULL GROUP BY model
      UNION ALL SELECT model, MIN(ts) FROM token_messages WHERE session_id = ? AND model IS NOT NULL AND counted = 1 GROUP BY model
      UNION ALL SELECT model, MIN(ts) FROM status_snapshots WHERE session_id = ? AND model IS NOT NULL GROUP BY model
    ) GROUP BY model ORDER BY MIN(first), model`)
  return rows.map((r) => {
    const t = tokens.get(r.id) as TokenCounts & { n: number }
    let tok: TokenCounts = {
      input: t.input,
      cached_input: t.cached_input,
      cache_write: t.cache_write,
      output: t.output,
      reasoning_output: t.reasoning_output,
      total: t.total
    }
    let tokensSource: SessionSummary['tokens_source'] = t.n > 0 ? 'usage' : 'none'
    if (t.n === 0) {
      const s = snapshot.get(r.id) as
        { input: number; cached_input: number | null; output: number; reasoning_output: number | null; total: number | null } | undefined
      if (s) {
        tok = {
          input: s.input,
          cached_input: s.cached_input ?? 0,
          cache_write: 0,
          output: s.output,
          reasoning_output: s.reasoning_output ?? 0,
          total: s.total ?? s.input + s.output
        }
        tokensSource = 'status'
      }
    }
    return {
      id: r.id,
      title: r.title,
      agent: r.agent,
      agent_version: r.agent_version,
      models: (models.all(r.id, r.id, r.id) as { model: string }[]).map((m) => m.model).filter((m) => !NOT_MODELS.has(m)),
      cwd: r.cwd,
      repository: r.repository_url,
      branch: r.branch,
      started_at: r.started_at,
      ended_at: r.ended_at,
      prompts: (prompts.get(r.id) as { n: number }).n,
      tool_calls: (calls.get(r.id) as { n: number }).n,
      tokens: tok,
      parent_id: r.parent_id,
      parent_relation: r.parent_relation,
      source: r.source,
      originator: r.originator,
      commit: r.commit_sha,
      reported_cost_usd: r.reported_cost_usd,
      tokens_source: tokensSource
    }
  })
}

/** The database, counting every statement run (whatever prepared it). */
function counting(db: Db): { db: Db; runs: () => number } {
  let runs = 0
  const wrap = (stmt: Statement): Statement =>
    new Proxy(stmt, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown
        if (typeof v !== 'function') return v
        return (...a: unknown[]) => {
          if (prop === 'get' || prop === 'all' || prop === 'iterate' || prop === 'run') runs++
          return (v as (...x: unknown[]) => unknown).apply(target, a)
        }
      }
    })
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql))
      const v = Reflect.get(target, prop, target) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    }
  })
  return { db: proxy, runs: () => runs }
}

const stores: Ingested[] = []
afterAll(() => {
  for (const s of stores) s.close()
})

describe('listSessions', () => {
  let bundled: Ingested
  beforeAll(async () => {
    bundled = await ingestFresh(AGENT_DIRS.map((d) => join(fixtures, d)))
    stores.push(bundled)
  })

  it('lists the bundled fixtures of every agent as the per-session queries did', () => {
    const old = listSessionsOneByOne(bundled.db)
    expect(old.length).toBeGreaterThan(40)
    // Sessions of every token source, with models and counted prompts: the comparison covers each path.
    expect(new Set(old.map((s) => s.tokens_source))).toEqual(new Set(['usage', 'status', 'none']))
    expect(old.some((s) => s.models.length > 1)).toBe(true)
    expect(JSON.stringify(listSessions(bundled.db))).toBe(JSON.stringify(old))
  })

  it('runs the same few queries for many sessions as for one', async () => {
    const many = counting(bundled.db)
    listSessions(many.db)
    const one = await ingestFresh([join(fixtures, 'codex/rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')])
    stores.push(one)
    expect(one.sessions).toHaveLength(1)
    const single = counting(one.db)
    listSessions(single.db)
    expect(many.runs()).toBe(single.runs())
    expect(many.runs()).toBeLessThanOrEqual(6)
  })

  ;(haveSamples ? it : it.skip)("lists ../shared's real sample logs as the per-session queries did", async () => {
    const real = await ingestFresh([samples])
    stores.push(real)
    const old = listSessionsOneByOne(real.db)
    expect(old.length).toBeGreaterThan(5)
    expect(JSON.stringify(listSessions(real.db))).toBe(JSON.stringify(old))
  })
})
