import type { TokenCounts } from '../model/tokens.js'
import { prepared, type Db } from './db.js'

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

interface TokenRow extends TokenCounts {
  session_id: string
  n: number
}

interface SnapshotRow {
  session_id: string
  input: number
  cached_input: number | null
  output: number
  reasoning_output: number | null
  total: number | null
}

/** Rows of a per-session query, by session. */
function bySession<T extends { session_id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.session_id, r]))
}

/** `SELECT session_id, COUNT(*) AS n … GROUP BY session_id` as a map. */
function countsBySession(rows: { session_id: string; n: number }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.session_id, r.n]))
}

/** Restricts a per-session query to the sessions whose ids are the JSON array bound to it. */
const IN_PAGE = `session_id IN (SELECT value FROM json_each(?))`

/**
 * One summary per session with its totals. Counts exclude replayed history (a fork's or resumed
 * session's copy of its origin's lines), duplicate usage rows, and prompts an agent wrote.
 *
 * Each figure is one grouped query over every session, joined here by session id: a fixed number
 * of queries whatever the number of sessions.
 */
export function listSessions(db: Db): SessionSummary[] {
  const rows = db
    .prepare(`SELECT * FROM sessions WHERE EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id) ORDER BY started_at, id`)
    .all() as Row[]
  return summaries(db, rows, null)
}

/**
 * The ids of the sessions `listSessions` lists, in its order (start time, then id): what a report
 * pages through without holding every session's summary.
 */
export function listedSessionIds(db: Db): string[] {
  return db
    .prepare(`SELECT id FROM sessions WHERE EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id) ORDER BY started_at, id`)
    .pluck()
    .all() as string[]
}

/**
 * The summaries of the sessions `ids` (a page of `listedSessionIds`), as `listSessions` gives
 * them, in the order of `ids` and with its strings; an id not stored is left out. The same grouped queries, restricted
 * to the page, so a page costs what its sessions hold, not what the store holds.
 */
export function sessionSummaries(db: Db, ids: readonly string[]): SessionSummary[] {
  if (ids.length === 0) return []
  const page = JSON.stringify(ids)
  const byId = bySession(
    (prepared(db, `SELECT * FROM sessions WHERE id IN (SELECT value FROM json_each(?))`).all(page) as Row[]).map((r) => ({ ...r, session_id: r.id }))
  )
  const rows: Row[] = []
  for (const id of ids) {
    const r = byId.get(id)
    // The caller's string for the id, not an equal copy: a report holds one per session.
    if (r) rows.push({ ...r, id })
  }
  return summaries(db, rows, page)
}

/** `sql` for every session (`page` null), or with each of its page markers restricting it to a page of sessions. */
function scoped(db: Db, sql: string, page: string | null): unknown[] {
  const parts = sql.split('/*AND PAGE*/')
  if (page === null) return db.prepare(parts.join('')).all()
  return prepared(db, parts.join(`AND ${IN_PAGE}`)).all(...parts.slice(1).map(() => page))
}

function summaries(db: Db, rows: Row[], page: string | null): SessionSummary[] {
  const prompts = countsBySession(
    scoped(db, `SELECT session_id, COUNT(*) AS n FROM prompts WHERE by_agent = 0 AND replayed = 0 /*AND PAGE*/ GROUP BY session_id`, page) as {
      session_id: string
      n: number
    }[]
  )
  const calls = countsBySession(
    scoped(db, `SELECT session_id, COUNT(*) AS n FROM function_calls WHERE replayed = 0 /*AND PAGE*/ GROUP BY session_id`, page) as {
      session_id: string
      n: number
    }[]
  )
  const tokens = bySession(
    scoped(
      db,
      `SELECT session_id, COUNT(*) AS n, COALESCE(SUM(input),0) AS input, COALESCE(SUM(cached_input),0) AS cached_input, COALESCE(SUM(cache_write),0) AS cache_write,
      COALESCE(SUM(output),0) AS output, COALESCE(SUM(reasoning_output),0) AS reasoning_output, COALESCE(SUM(total),0) AS total
      FROM token_messages WHERE counted = 1 AND replayed = 0 /*AND PAGE*/ GROUP BY session_id`,
      page
    ) as TokenRow[]
  )
  // Each session's largest status snapshot (the last of equals), for sessions with no usage rows.
  const snapshots = bySession(
    scoped(
      db,
      `SELECT session_id, input, cached_input, output, reasoning_output, total FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY COALESCE(total, input + output) DESC, event_id DESC) AS rank
        FROM status_snapshots WHERE input IS NOT NULL AND output IS NOT NULL /*AND PAGE*/
      ) WHERE rank = 1`,
      page
    ) as SnapshotRow[]
  )
  // Each session's models in order of first use, then by name.
  const models = new Map<string, string[]>()
  for (const m of scoped(
    db,
    `SELECT session_id, model FROM (
      SELECT session_id, model, MIN(ts) AS first FROM turn_context_messages WHERE model IS NOT NULL /*AND PAGE*/ GROUP BY session_id, model
      UNION ALL SELECT session_id, model, MIN(ts) FROM token_messages WHERE model IS NOT NULL AND counted = 1 /*AND PAGE*/ GROUP BY session_id, model
      UNION ALL SELECT session_id, model, MIN(ts) FROM status_snapshots WHERE model IS NOT NULL /*AND PAGE*/ GROUP BY session_id, model
    ) GROUP BY session_id, model ORDER BY session_id, MIN(first), model`,
    page
  ) as { session_id: string; model: string }[]) {
    if (NOT_MODELS.has(m.model)) continue
    const list = models.get(m.session_id)
    if (list) list.push(m.model)
    else models.set(m.session_id, [m.model])
  }
  return rows.map((r) => {
    const t = tokens.get(r.id)
    let tok: TokenCounts = t
      ? { input: t.input, cached_input: t.cached_input, cache_write: t.cache_write, output: t.output, reasoning_output: t.reasoning_output, total: t.total }
      : { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 }
    let tokensSource: SessionSummary['tokens_source'] = t ? 'usage' : 'none'
    if (!t) {
      const s = snapshots.get(r.id)
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
      models: models.get(r.id) ?? [],
      cwd: r.cwd,
      repository: r.repository_url,
      branch: r.branch,
      started_at: r.started_at,
      ended_at: r.ended_at,
      prompts: prompts.get(r.id) ?? 0,
      tool_calls: calls.get(r.id) ?? 0,
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
