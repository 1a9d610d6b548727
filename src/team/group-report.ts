import { z } from 'zod'
import { connectPg } from '../store/pg/connect.js'

export const GROUP_BY = ['repository', 'author', 'agent', 'model', 'week'] as const
export type GroupBy = (typeof GROUP_BY)[number]

/** One group of the team report: aggregate columns only, as the totals view holds them. */
export const TeamTotalsRowSchema = z.object({
  group: z.string().nullable(),
  sessions: z.coerce.number(),
  prompts: z.coerce.number(),
  tool_calls: z.coerce.number(),
  input_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  total_tokens: z.coerce.number(),
  reported_cost_usd: z.coerce.number().nullable()
})
export type TeamTotalsRow = z.infer<typeof TeamTotalsRowSchema>

/**
 * The team's totals grouped by one label, read from the `team_totals` view only (`team-views.ts`),
 * so a role granted that view and nothing else can run it. A missing label (a session pushed
 * without a repository, a week of a session with no start) is a group of its own, null.
 */
export async function teamTotals(url: string, by: GroupBy): Promise<TeamTotalsRow[]> {
  const client = await connectPg(url)
  try {
    const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('team_totals')::text AS t`)).rows[0].t
    if (!exists) throw new Error('the PostgreSQL store has no team_totals view yet: ingest or push into it first')
    const label = by === 'week' ? 'week::text' : by
    const r = await client.query(
      `SELECT ${label} AS "group", sum(sessions)::text AS sessions, sum(prompts)::text AS prompts, sum(tool_calls)::text AS tool_calls,
         sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens, sum(total_tokens)::text AS total_tokens,
         sum(reported_cost_usd) AS reported_cost_usd
       FROM team_totals GROUP BY 1 ORDER BY 1 NULLS LAST`
    )
    return r.rows.map((row) => TeamTotalsRowSchema.parse(row))
  } finally {
    await client.end()
  }
}

/** The rows as a Markdown table, the group label first. */
export function teamTotalsMarkdown(by: GroupBy, rows: TeamTotalsRow[]): string {
  const int = (n: number) => n.toLocaleString('en-US')
  const head = `| ${by} | sessions | prompts | tool calls | input tokens | output tokens | total tokens | reported cost (USD) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n`
  const cell = (s: string | null) => (s === null ? '(none)' : s.replace(/\|/g, '\\|'))
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${cell(r.group)} | ${int(r.sessions)} | ${int(r.prompts)} | ${int(r.tool_calls)} | ${int(r.input_tokens)} | ${int(r.output_tokens)} | ${int(r.total_tokens)} | ${r.reported_cost_usd === null ? '' : r.reported_cost_usd.toFixed(2)} |`
      )
      .join('\n') +
    '\n'
  )
}
