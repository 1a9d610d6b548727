import { isPostgresUrl } from '../store/pg/connect.js'
import { GROUP_BY, teamTotals, teamTotalsMarkdown, type GroupBy } from './group-report.js'
import { type CliIo, UsageError } from '../cli/io.js'

/** `report --group-by`: the team's totals from a PostgreSQL store, as Markdown or JSON. */
export async function teamReport(target: string, groupBy: string, format: string | undefined, io: CliIo): Promise<number> {
  if (!GROUP_BY.includes(groupBy as GroupBy)) throw new UsageError(`--group-by takes one of ${GROUP_BY.join(', ')} (got '${groupBy}')`)
  if (!isPostgresUrl(target)) throw new UsageError('--group-by reads a team store: give --db postgres://… (or AI_LOG_TRAIL_DATABASE_URL)')
  const f = format ?? 'md'
  if (f !== 'md' && f !== 'json') throw new UsageError(`--group-by writes md or json (got '${f}')`)
  const rows = await teamTotals(target, groupBy as GroupBy)
  io.out(f === 'json' ? JSON.stringify({ group_by: groupBy, groups: rows }, null, 2) + '\n' : teamTotalsMarkdown(groupBy as GroupBy, rows))
  return 0
}
