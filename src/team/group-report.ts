import { z } from 'zod'
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
