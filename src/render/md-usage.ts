import type { ListedReport } from '../select/session-list.js'
import type { BlockContent, PhrasingContent, Table } from 'mdast'
import type { SessionReport, UsageRow } from '../select/report.js'
import type { TokenCounts } from '../model/tokens.js'
import { heading, inlineCode, label, logCell, table, type Column } from './md-nodes.js'
import { isSlot, sessionTableSlot, type MarkdownSlot } from './md-slots.js'
import { agentName, formatInt, formatUsd, sessionCost, sessionLabels, UNKNOWN } from './text.js'

const TOKEN_COLUMNS: Column[] = [
  { title: 'input', align: 'right' },
  { title: 'cached', align: 'right' },
  { title: 'cache write', align: 'right' },
  { title: 'output', align: 'right' },
  { title: 'reasoning', align: 'right' },
  { title: 'total', align: 'right' },
  { title: 'cost', align: 'right' }
]

// Exact counts here, not `72.0 k`: this is the section people reconcile against invoices.
function tokenCells(t: TokenCounts, cost: PhrasingContent[]): PhrasingContent[][] {
  return [...[t.input, t.cached_input, t.cache_write, t.output, t.reasoning_output, t.total].map((n) => [label(formatInt(n))]), cost]
}

function usageTable(keyTitle: string, rows: UsageRow[], key: (k: string) => PhrasingContent[]): Table {
  return table(
    [{ title: keyTitle }, { title: 'sessions', align: 'right' }, ...TOKEN_COLUMNS],
    rows.map((r) => [key(r.key), [label(formatInt(r.sessions))], ...tokenCells(r.tokens, [label(formatUsd(r.cost_usd))])])
  )
}

/** Tokens and cost per session, exact. */
export function sessionUsageTable(report: ListedReport): Table {
  return sessionUsageTableOf(Array.from(report.sessions, sessionUsageRowOf(report)))
}

/** The per-session usage table's columns around some of its rows (`sessionUsageRowOf`). */
export function sessionUsageTableOf(rows: PhrasingContent[][][]): Table {
  return table([{ title: 'session' }, { title: 'agent' }, ...TOKEN_COLUMNS], rows)
}

/** A session's row of the per-session usage table; its short id is unique among all of `report`'s sessions. */
export function sessionUsageRowOf(report: ListedReport): (s: SessionReport) => PhrasingContent[][] {
  const idLabel = sessionLabels(report)
  return (s) => [
    [inlineCode(idLabel(s.id))],
    [logCell(agentName(s.agent))],
    ...(s.tokens ? tokenCells(s.tokens, [label(sessionCost(s))]) : [...TOKEN_COLUMNS.slice(0, -1).map(() => [label(UNKNOWN)]), [label(sessionCost(s))]])
  ]
}

/** Usage by session, model, agent and day (in the report's time zone), each as a table. */
export function usageTables(report: ListedReport): BlockContent[] {
  return usageTableParts(report).flatMap((p) => (isSlot(p) ? (p.nodes() as BlockContent[]) : [p]))
}

/** `usageTables` with the per-session table as a slot, to be written a page of rows at a time. */
export function usageTableParts(report: ListedReport, pageRows?: number): (BlockContent | MarkdownSlot)[] {
  const out: (BlockContent | MarkdownSlot)[] = []
  if (report.sessions.length)
    out.push(heading(4, label('By session')), sessionTableSlot(report.sessions, sessionUsageTableOf, sessionUsageRowOf(report), pageRows))
  const u = report.usage
  if (u.by_model.length)
    out.push(
      heading(4, label('By model')),
      usageTable('model', u.by_model, (k) => [logCell(k)])
    )
  if (u.by_agent.length)
    out.push(
      heading(4, label('By agent')),
      usageTable('agent', u.by_agent, (k) => [logCell(agentName(k))])
    )
  if (u.by_day.length) {
    out.push(
      heading(4, label(`By day (${logCell(report.filters.timezone, 40).value})`)),
      usageTable('day', u.by_day, (k) => [logCell(k)])
    )
  }
  return out
}
