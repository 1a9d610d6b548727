import type { TokenCounts } from '../model/tokens.js'
import type { Db } from './db.js'

export interface SessionSummary {
  id: string
  title: string | null
  agent: string
  agent_version: string | null
  models: string[]
  cwd: string | null
  repository: string | null
  branch: string | null
  started_at: string | null
  ended_at: string | null
  prompts: number
  tool_calls: number
  tokens: TokenCounts
  parent_id: string | null
  parent_relation: string | null
  source: string | null
  originator: string | null
  commit: string | null
  reported_cost_usd: number | null
  /** Where the token figures came from: counted usage rows, or the CLI's printed status. */
  tokens_source: 'usage' | 'status' | 'none'
}

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

/** Models that are bookkeeping, not a model anyone was billed for. */
const NOT_MODELS = new Set(['<synthetic>'])

/**
 * One summary per session with its totals. Counts exclude replayed history (a fork's or resumed
 * session's copy of its origin's lines), duplicate usage rows, and prompts an agent wrote.
 */
export function listSessions(db: Db): SessionSummary[] {
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
