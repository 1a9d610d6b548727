import { z } from 'zod'
import { label, logCell, paragraph, table, type Column } from '../render/md-nodes.js'
import { toMarkdown } from '../render/md-stringify.js'
import { teamTotalsRows } from '../store/pg/team-totals.js'

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
  /** As the reports compute it: the agent's figure, else the price table's estimate (`session-costs.ts`). */
  cost_usd: z.coerce.number().nullable(),
  /** The part of `cost_usd` that is an estimate. */
  estimated_cost_usd: z.coerce.number().nullable(),
  /** Sessions with tokens no price covers: left out of `cost_usd`, never counted as zero. */
  unpriced_sessions: z.coerce.number(),
  reported_cost_usd: z.coerce.number().nullable()
})
export type TeamTotalsRow = z.infer<typeof TeamTotalsRowSchema>

/** The team's totals grouped by `by`, from the team store at `url` (`team_totals` only). */
export async function teamTotals(url: string, by: GroupBy): Promise<TeamTotalsRow[]> {
  return (await teamTotalsRows(url, by)).map((row) => TeamTotalsRowSchema.parse(row))
}

/**
 * A group's cost for reading: the figure, marked when all or part of it is an estimate from the
 * price table, and "n/a" when nothing of it is known (never 0).
 */
function costCell(r: TeamTotalsRow): string {
  if (r.cost_usd === null) return 'n/a'
  const estimated = r.estimated_cost_usd ?? 0
  if (estimated === 0) return r.cost_usd.toFixed(2)
  return estimated >= r.cost_usd ? `${r.cost_usd.toFixed(2)} (estimate)` : `${r.cost_usd.toFixed(2)} (${estimated.toFixed(2)} estimate)`
}

/** The rows as a Markdown table (mdast, as every report), the group label first, and what the cost is. */
export function teamTotalsMarkdown(by: GroupBy, rows: TeamTotalsRow[]): string {
  const int = (n: number) => [label(n.toLocaleString('en-US'))]
  const unpriced = rows.reduce((a, r) => a + r.unpriced_sessions, 0)
  const columns: Column[] = [
    { title: by },
    ...['sessions', 'prompts', 'tool calls', 'input tokens', 'output tokens', 'total tokens', 'cost (USD)'].map((title) => ({
      title,
      align: 'right' as const
    }))
  ]
  return toMarkdown([
    table(
      columns,
      rows.map((r) => [
        // A label is a repository, a login or a model name as pushed: text from outside, neutralized.
        r.group === null ? [label('(none)')] : [logCell(r.group)],
        int(r.sessions),
        int(r.prompts),
        int(r.tool_calls),
        int(r.input_tokens),
        int(r.output_tokens),
        int(r.total_tokens),
        [label(costCell(r))]
      ])
    ),
    paragraph(
      label(
        'Costs are the agent’s own figures where its log reports one, else estimates from list prices (marked estimate), as each session’s report computes them when it is pushed.'
      )
    ),
    ...(unpriced > 0
      ? [
          paragraph(
            label(`${unpriced.toLocaleString('en-US')} session(s) used a model with no known price: their tokens are not in the cost, never counted as $0.`)
          )
        ]
      : [])
  ])
}
