import type { PgClient } from './connect.js'

/**
 * The team's totals, one row per repository, author, agent, model and week, with counts and sums
 * only: no column holds text from a log (no prompt, output, path, title or command), the labels are
 * names. A role granted this view alone sees the totals and nothing else (docs/database.md); the
 * view runs with its owner's rights, so row-level security on the tables does not narrow it.
 *
 * A session counts once, under the model that took most of its tokens, in the week (Monday, UTC
 * date of its start) it started; tokens are the counted usage rows (docs/tokens.md). `cost_usd` is
 * the cost as the reports compute it, recorded when the session was pushed (`session-costs.ts`):
 * the agent's figure, else the price table's estimate; `estimated_cost_usd` is the part of it that
 * is an estimate, `unpriced_sessions` those with tokens no price covers (left out of the cost, not
 * counted as zero), `reported_cost_usd` the agent's own figures alone. The author is who started the
 * workflow run that last pushed it.
 */
export const TEAM_TOTALS_VIEW = `CREATE OR REPLACE VIEW team_totals AS
WITH per_session AS (
  SELECT s.repository, s.agent,
    CASE WHEN s.started_at ~ '^\\d{4}-\\d{2}-\\d{2}' THEN date_trunc('week', left(s.started_at, 10)::date)::date END AS week,
    (SELECT p.author FROM session_pushes p WHERE p.session_id = s.id ORDER BY p.pushed_at DESC, p.workflow_run DESC LIMIT 1) AS author,
    (SELECT t.model FROM token_messages t WHERE t.session_id = s.id AND t.counted = 1 AND t.replayed = 0 AND t.model IS NOT NULL
       GROUP BY t.model ORDER BY sum(t.total) DESC, t.model LIMIT 1) AS model,
    (SELECT count(*) FROM prompts p WHERE p.session_id = s.id AND p.by_agent = 0 AND p.replayed = 0) AS prompts,
    (SELECT count(*) FROM function_calls c WHERE c.session_id = s.id AND c.replayed = 0) AS tool_calls,
    u.input, u.cached_input, u.output, u.reasoning_output, u.total, s.reported_cost_usd, s.cost_usd, s.cost_source
  FROM sessions s
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(t.input), 0) AS input, coalesce(sum(t.cached_input), 0) AS cached_input, coalesce(sum(t.output), 0) AS output,
      coalesce(sum(t.reasoning_output), 0) AS reasoning_output, coalesce(sum(t.total), 0) AS total
    FROM token_messages t WHERE t.session_id = s.id AND t.counted = 1 AND t.replayed = 0
  ) u
)
SELECT repository, author, agent, model, week,
  count(*)::bigint AS sessions,
  sum(prompts)::bigint AS prompts,
  sum(tool_calls)::bigint AS tool_calls,
  sum(input)::bigint AS input_tokens,
  sum(cached_input)::bigint AS cached_input_tokens,
  sum(output)::bigint AS output_tokens,
  sum(reasoning_output)::bigint AS reasoning_output_tokens,
  sum(total)::bigint AS total_tokens,
  sum(reported_cost_usd) AS reported_cost_usd,
  sum(cost_usd) AS cost_usd,
  sum(cost_usd) FILTER (WHERE cost_source = 'estimate') AS estimated_cost_usd,
  count(*) FILTER (WHERE cost_source = 'unpriced')::bigint AS unpriced_sessions
FROM per_session
GROUP BY repository, author, agent, model, week`

/** Any number, distinct from the migrations' lock: writers replacing the view take turns. */
const VIEW_LOCK = 7_451_804

/** Creates or replaces the team's views; every push does, so they follow the schema's version. */
export async function ensureTeamViews(client: PgClient): Promise<void> {
  await client.query('BEGIN')
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${VIEW_LOCK})`)
    await client.query(TEAM_TOTALS_VIEW)
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}
