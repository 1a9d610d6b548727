import { someSession, type ListedReport } from '../select/session-list.js'
import type { BlockContent, Paragraph, PhrasingContent, Table } from 'mdast'
import type { SessionReport } from '../select/report.js'
import { emphasis, inlineCode, joined, label, list, listItem, logCell, logLine, paragraph, strong, table, type Column } from './md-nodes.js'
import {
  agentName,
  describeLateCheck,
  formatDateTime,
  formatInt,
  formatPercent,
  formatSpan,
  formatTokens,
  formatUsd,
  noUsageNote,
  plural,
  sessionCost,
  sessionLabels,
  sessionTokens
} from './text.js'

/** `≈ $0.51`, or `cost n/a` when any session is unpriced. */
function totalCost(report: ListedReport): string {
  return report.totals.cost_usd === null ? 'cost n/a' : `≈ ${formatUsd(report.totals.cost_usd)}`
}

function agentCounts(report: ListedReport): PhrasingContent[] {
  const counts = new Map<string, number>()
  for (const s of report.sessions) counts.set(s.agent, (counts.get(s.agent) ?? 0) + 1)
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return joined(
    sorted.map(([agent, n]) => [logLine(`${agentName(agent)} (${n})`)]),
    ', '
  )
}

/**
 * The one-line overview a reviewer reads first:
 * `**3 sessions** · Codex (2), Claude Code (1) · **14 prompts** · **212 tool calls** · **1.84 M tokens** (71 % cached) · **≈ $2.13**`.
 */
export function totalsLine(report: ListedReport): Paragraph {
  const t = report.totals
  const parts: PhrasingContent[][] = [[strong(label(plural(t.sessions, 'session')))]]
  if (report.sessions.length) parts.push(agentCounts(report))
  parts.push([strong(label(plural(t.prompts, 'prompt')))])
  parts.push([strong(label(plural(t.tool_calls, 'tool call')))])
  const notes = [`${formatPercent(t.tokens.cached_input, t.tokens.input)} cached`, ...noUsageNote(t.sessions_without_usage)]
  parts.push([strong(label(`${formatTokens(t.tokens.total)} tokens`)), label(` (${notes.join('; ')})`)])
  parts.push([strong(label(totalCost(report)))])
  return paragraph(...joined(parts, ' · '))
}

/**
 * `` `d1d1d1d1` `` plus `↩ resumes `x`` / `⑂ forks `x`` when the session continues another, then
 * the session's title when its agent named it.
 */
function sessionCell(s: SessionReport, idLabel: (id: string) => string): PhrasingContent[] {
  const cell: PhrasingContent[] = [inlineCode(idLabel(s.id))]
  if (s.parent_id) {
    const rel = s.parent_relation === 'resume' ? '↩ resumes' : s.parent_relation === 'fork' ? '⑂ forks' : null
    cell.push(label(' '), rel ? label(rel) : logCell(`↳ ${s.parent_relation ?? 'continues'}`, 40), label(' '), inlineCode(idLabel(s.parent_id)))
  }
  if (s.title) cell.push(label(' '), logCell(s.title, TITLE_CHARS))
  return cell
}

/** Long enough for an agent's title (Claude Code's are a few words), short enough for a table cell. */
const TITLE_CHARS = 60

function agentCell(s: SessionReport): PhrasingContent[] {
  const who = s.agent_version ? `${agentName(s.agent)} ${s.agent_version}` : agentName(s.agent)
  return [logCell(s.models.length ? `${who} · ${s.models.join(', ')}` : who)]
}

export interface SessionsTableOptions {
  /** Adds a column saying why each session is in the report. */
  why?: (s: SessionReport) => string
}

/** One row per session: who, when, how much. */
export function sessionsTable(report: ListedReport, opts: SessionsTableOptions = {}): Table {
  return sessionsTableOf(report, opts)(Array.from(report.sessions, sessionRowOf(report, opts)))
}

/** The sessions table's columns around some of its rows (`sessionRowOf`). */
export function sessionsTableOf(report: ListedReport, opts: SessionsTableOptions = {}): (rows: PhrasingContent[][][]) => Table {
  const tz = report.filters.timezone
  const columns: Column[] = [
    { title: 'session' },
    { title: 'agent · model' },
    { title: `when (${oneLineZone(tz)})` },
    ...(opts.why ? [{ title: 'why here' }] : []),
    { title: 'prompts', align: 'right' },
    { title: 'tools', align: 'right' },
    { title: 'tokens', align: 'right' },
    { title: 'cost', align: 'right' }
  ]
  return (rows) => table(columns, rows)
}

/** A session's row of the sessions table; its short id is unique among all of `report`'s sessions. */
export function sessionRowOf(report: ListedReport, opts: SessionsTableOptions = {}): (s: SessionReport) => PhrasingContent[][] {
  const tz = report.filters.timezone
  const idLabel = sessionLabels(report)
  const why = opts.why
  return (s) => [
    sessionCell(s, idLabel),
    agentCell(s),
    [logCell(formatSpan(s.started_at, s.ended_at, tz), 64)],
    ...(why ? [[logCell(why(s), 80)]] : []),
    [label(formatInt(s.prompts))],
    [label(formatInt(s.tool_calls))],
    [label(sessionTokens(s))],
    [label(sessionCost(s))]
  ]
}

// The zone comes from the user's filters, not from a log, but it still lands in a table header.
function oneLineZone(tz: string): string {
  return logCell(tz, 40).value
}

const MAX_FILES = 20
const MAX_TOOLS = 10

/** What the agents did, from session totals alone, so it works in every mode. */
export function notableActions(report: ListedReport): BlockContent[] {
  const touched = new Set<string>()
  const tools = new Map<string, number>()
  for (const s of report.sessions) {
    for (const f of s.files_touched) touched.add(f)
    for (const [name, n] of Object.entries(s.tool_call_names)) tools.set(name, (tools.get(name) ?? 0) + n)
  }
  const files = [...touched].sort()
  const topTools = [...tools.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const items = []
  if (files.length) {
    const shown = joined(
      files.slice(0, MAX_FILES).map((f) => [inlineCode(f)]),
      ', '
    )
    const more = files.length > MAX_FILES ? [label(` … and ${formatInt(files.length - MAX_FILES)} more`)] : []
    items.push(listItem(paragraph(strong(label(`Files touched (${formatInt(files.length)}):`)), label(' '), ...shown, ...more)))
  }
  if (topTools.length) {
    const shown = joined(
      topTools.slice(0, MAX_TOOLS).map(([name, n]) => [inlineCode(name), label(` ×${formatInt(n)}`)]),
      ', '
    )
    const more = topTools.length > MAX_TOOLS ? [label(` … and ${plural(topTools.length - MAX_TOOLS, 'other tool')}`)] : []
    items.push(listItem(paragraph(strong(label('Tools used:')), label(' '), ...shown, ...more)))
  }
  if (!items.length) return [paragraph(emphasis(label('No files touched and no tool calls.')))]
  return [list(items)]
}

/** Why some costs show `n/a` and what `(agent)` means; nothing when neither applies. */
export function costNotes(report: ListedReport): BlockContent[] {
  const out: BlockContent[] = []
  if (report.unpriced_models.length) {
    out.push(
      paragraph(
        label('Cost n/a: no price known for '),
        ...joined(
          report.unpriced_models.map((m) => [inlineCode(m)]),
          ', '
        ),
        label('. Unpriced usage is never counted as $0.')
      )
    )
  }
  if (someSession(report.sessions, (s) => s.cost_source === 'agent')) {
    out.push(paragraph(label('Costs marked (agent) are the agent’s own figures; the others are estimates from list prices.')))
  }
  return out
}

/** Redactions, skipped input and the generator: what the report does and does not cover. */
export function footer(report: ListedReport): BlockContent[] {
  const r = report.redactions
  const detectors = Object.entries(r.by_detector).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const redacted: PhrasingContent[] = r.total
    ? [
        label(`Redacted: ${plural(r.total, 'value')}`),
        ...(detectors.length
          ? [
              label(' ('),
              ...joined(
                detectors.map(([d, n]) => [logLine(`${d} ×${formatInt(n)}`)]),
                ', '
              ),
              label(')')
            ]
          : [])
      ]
    : [label('Redacted: nothing')]
  const out: BlockContent[] = []
  if (report.skipped.lines || report.skipped.files) {
    out.push(
      paragraph(
        emphasis(label(`Not covered: ${plural(report.skipped.lines, 'unreadable line')} in ${plural(report.skipped.files, 'file')} skipped at ingest.`))
      )
    )
  }
  out.push(...formatWarningNotes(report))
  // Only when the last check found something, so a clean run's files are what they always were.
  if (r.late?.total) out.push(paragraph(strong(label(describeLateCheck(r.late)))))
  out.push(
    paragraph(
      ...redacted,
      label(' · generated '),
      logLine(formatDateTime(report.generated_at, 'UTC')),
      label(' UTC by '),
      logLine(`${report.generator.name} ${report.generator.version}`),
      label(` · mode ${report.mode}`)
    )
  )
  return out
}

/** Files shown per report; the rest are counted (the JSON report lists them all). */
const MAX_FORMAT_WARNINGS = 10

/** `Format warning: `path`: Claude Code from version 2.1.240: 3 of 20 records of unknown types (…)`, one per file. */
function formatWarningNotes(report: ListedReport): BlockContent[] {
  const ws = report.format_warnings
  if (!ws.length) return []
  const items = ws.slice(0, MAX_FORMAT_WARNINGS).map((w) => listItem(paragraph(inlineCode(w.file), label(': '), logLine(w.message))))
  const more = ws.length > MAX_FORMAT_WARNINGS ? [listItem(paragraph(label(`… and ${plural(ws.length - MAX_FORMAT_WARNINGS, 'more file')}`)))] : []
  return [paragraph(strong(label(`Format warnings (${plural(ws.length, 'file')}):`))), list([...items, ...more])]
}

/** The filters a report was built with, so a reader knows what it covers. Nothing when unfiltered. */
export function filtersLine(report: ListedReport): BlockContent[] {
  const f = report.filters
  const parts: PhrasingContent[][] = []
  const add = (name: string, v: string | null | string[]) => {
    const values = v === null ? [] : Array.isArray(v) ? v : [v]
    if (values.length)
      parts.push([
        label(`${name} `),
        ...joined(
          values.map((x) => [inlineCode(x)]),
          ', '
        )
      ])
  }
  add('since', f.since)
  add('until', f.until)
  add('repo', f.repo)
  add('sessions', f.sessions)
  add('agents', f.agents)
  add('models', f.models)
  add('branches', f.branches)
  add('tags', f.tags ?? [])
  if (!parts.length) return []
  return [paragraph(label('Filters: '), ...joined(parts, ' · '))]
}
