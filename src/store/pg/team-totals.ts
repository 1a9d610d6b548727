import { connectPg } from './connect.js'

/**
 * The team's totals grouped by one label, read from the `team_totals` view only (`team-views.ts`),
 * so a role granted that view and nothing else can run it; sums come as text, as pg gives BIGINT,
 * costs as numbers rounded as the reports round them. A missing label (a session pushed without a
 * repository, a week of a session with no start) is a group of its own, null.
 */
export async function teamTotalsRows(url: string, by: 'repository' | 'author' | 'agent' | 'model' | 'week'): Promise<Record<string, unknown>[]> {
  const client = await connectPg(url)
  try {
    const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('team_totals')::text AS t`)).rows[0].t
    if (!exists) throw new Error('the PostgreSQL store has no team_totals view yet: ingest or push into it first')
    const label = by === 'week' ? 'week::text' : by
    const r = await client.query(
      `SELECT ${label} AS "group", sum(sessions)::text AS sessions, sum(prompts)::text AS prompts, sum(tool_calls)::text AS tool_calls,
         sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens, sum(total_tokens)::text AS total_tokens,
         round(sum(cost_usd)::numeric, 4)::float8 AS cost_usd, round(sum(estimated_cost_usd)::numeric, 4)::float8 AS estimated_cost_usd,
         sum(unpriced_sessions)::text AS unpriced_sessions, sum(reported_cost_usd) AS reported_cost_usd
       FROM team_totals GROUP BY 1 ORDER BY 1 NULLS LAST`
    )
    return r.rows
  } finally {
    await client.end()
  }
}
