import type { ListedReport } from '../../select/session-list.js'
import type { Paragraph, PhrasingContent } from 'mdast'
import { joined, label, logLine, paragraph, strong } from '../md-nodes.js'
import { agentName, formatPercent, formatTokens, formatUsd, noUsageNote, plural, UNKNOWN } from '../text.js'
import type { ChangedFilesCoverage } from './changed-files.js'

/** `on branch feat/x`, `in pull request #12 (branch feat/x)`, `(every session found)`. */
function scopePhrase(report: ListedReport): PhrasingContent[] {
  const { kind, label: name } = report.scope
  if (kind === 'all') return [label(' ('), logLine(name), label(')')]
  const preposition = kind === 'paths' ? 'from' : name.startsWith('branch ') ? 'on' : 'in'
  return [label(` ${preposition} `), logLine(name)]
}

/** Agents by how many sessions each ran, most first. */
function agents(report: ListedReport): string[] {
  const counts = new Map<string, number>()
  for (const s of report.sessions) counts.set(agentName(s.agent), (counts.get(agentName(s.agent)) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name)
}

/**
 * Tokens and cost over the sessions whose logs record usage; a session without any is said to
 * be so rather than counted as zero, and when none records usage both read `—`.
 */
function usage(report: ListedReport): PhrasingContent[][] {
  const unknown = report.totals.sessions_without_usage
  if (report.sessions.length && unknown === report.sessions.length) return [[label(`tokens ${UNKNOWN}`)], [label(`cost ${UNKNOWN}`)]]
  const t = report.totals.tokens
  const notes = [`${formatPercent(t.cached_input, t.input)} cached`, ...noUsageNote(unknown)]
  const cost = report.totals.cost_usd === null ? 'cost n/a' : `≈ ${formatUsd(report.totals.cost_usd)}`
  return [[label(`${formatTokens(t.total)} tokens (${notes.join('; ')})`)], [label(cost)]]
}

/**
 * The sentence a reviewer reads first: how many sessions and what they are, who ran them, how
 * many prompts, how much of the change agents edited, what it cost.
 * `**3 sessions** on branch feat/x · Claude Code, Codex · **7 prompts** · agents edited **5 of the 6 changed files** · 1.84 M tokens (71 % cached) · ≈ $2.13`
 */
export function leadSentence(report: ListedReport, coverage: ChangedFilesCoverage | null): Paragraph {
  const parts: PhrasingContent[][] = [[strong(label(plural(report.sessions.length, 'session'))), ...scopePhrase(report)]]
  if (report.sessions.length) parts.push([logLine(agents(report).join(', '))])
  parts.push([strong(label(plural(report.totals.prompts, 'prompt')))])
  if (coverage && coverage.changed > 0)
    parts.push([label('agents edited '), strong(label(`${coverage.touched.length} of the ${plural(coverage.changed, 'changed file')}`))])
  if (report.sessions.length) parts.push(...usage(report))
  return paragraph(...joined(parts, ' · '))
}
