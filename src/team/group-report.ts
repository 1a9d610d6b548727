import { z } from 'zod'
import { label, logCell, table, type Column } from '../render/md-nodes.js'
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
  reported_cost_usd: z.coerce.number().nullable()
})
export type TeamTotalsRow = z.infer<typeof TeamTotalsRowSchema>

/** The team's totals grouped by `by`, from the team store at `url` (`team_totals` only). */
export async function teamTotals(url: string, by: GroupBy): Promise<TeamTotalsRow[]> {
  return (await teamTotalsRows(url, by)).map((row) => TeamTotalsRowSchema.parse(row))
}

/** The rows as a Markdown table (mdast, as every report), the group label first. */
export function teamTotalsMarkdown(by: GroupBy, rows: TeamTotalsRow[]): string {
  const int = (n: number) => [label(n.toLocaleString('en-US'))]
  const columns: Column[] = [
    { title: by },
    ...['sessions', 'prompts', 'tool calls', 'input tokens', 'output tokens', 'total tokens', 'reported cost (USD)'].map((title) => ({
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
        r.reported_cost_usd === null ? [] : [label(r.reported_cost_usd.toFixed(2))]
      ])
    )
  ])
}
