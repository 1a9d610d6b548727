import type { ListedReport } from '../select/session-list.js'
import type { Report, UsageRow } from '../select/report.js'
import { barList, columnChart, type Column } from './html-charts.js'
import { escapeHtml, escapeLogText } from './html-escape.js'
import { formatCompact, formatInt, formatTime, formatUsd, formatUsdCompact, plural } from './html-format.js'
import { describeLateCheck, noUsageNote } from './text.js'

/** The top of the report: what it covers, its totals, what was withheld, and usage charts. */

export function renderHeader(report: ListedReport): string {
  const f = report.filters
  const scope: string[] = []
  if (f.since) scope.push(`since ${f.since}`)
  if (f.until) scope.push(`until ${f.until}`)
  if (f.repo) scope.push(`repository ${f.repo}`)
  if (f.agents.length) scope.push(`agents ${f.agents.join(', ')}`)
  if (f.models.length) scope.push(`models ${f.models.join(', ')}`)
  if (f.branches.length) scope.push(`branches ${f.branches.join(', ')}`)
  if (f.tags?.length) scope.push(`tagged ${f.tags.join(', ')}`)
  if (f.sessions.length) scope.push(`sessions ${f.sessions.join(', ')}`)
  if (f.timezone !== 'UTC') scope.push(`days in ${f.timezone}`)
  const parts = [
    `Generated ${escapeHtml(formatTime(report.generated_at, 'UTC'))} by ${escapeHtml(report.generator.name)} ${escapeHtml(report.generator.version)}`,
    `mode: ${escapeHtml(report.mode)}`,
    scope.length ? `filtered to ${escapeHtml(scope.join('; '))}` : 'all sessions in the store'
  ]
  return `<header class="top"><div class="wrap"><h1>AI coding agent activity</h1><p class="meta">${parts.join(' · ')}</p></div></header>`
}

function tokenBreakdown(t: Report['totals']['tokens']): string {
  return `${formatInt(t.input)} in (${formatInt(t.cached_input)} cached) · ${formatInt(t.output)} out`
}

export function renderTotals(report: ListedReport): string {
  const t = report.totals
  const cost = t.cost_usd === null ? `<span class="unpriced">unpriced</span>` : escapeHtml(formatUsd(t.cost_usd))
  const costNote =
    t.cost_usd === null
      ? 'a model without a price: see below'
      : report.unpriced_models.length
        ? 'agent-reported figures cover unpriced models'
        : 'estimate from the price table'
  const card = (label: string, value: string, note = '') =>
    `<div class="card"><div class="card-label">${label}</div><div class="card-value">${value}</div>${note ? `<div class="card-note">${note}</div>` : ''}</div>`
  return (
    `<section class="totals" aria-label="Totals">` +
    card('Sessions', formatInt(t.sessions)) +
    card('Prompts', formatInt(t.prompts)) +
    card('Tool calls', formatInt(t.tool_calls)) +
    card('Tokens', formatInt(t.tokens.total), escapeHtml([tokenBreakdown(t.tokens), ...noUsageNote(t.sessions_without_usage)].join(' · '))) +
    card('Cost (USD)', cost, escapeHtml(costNote)) +
    `</section>`
  )
}

function detectorBadges(byDetector: Record<string, number>): string {
  const entries = Object.entries(byDetector).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return entries.map(([k, n]) => `<span class="badge redacted">${escapeHtml(k)} <b>${formatInt(n)}</b></span>`).join(' ')
}

export function renderTransparency(report: ListedReport): string {
  const r = report.redactions
  const items: string[] = []
  items.push(
    r.total > 0
      ? `<li><strong>${plural(r.total, 'value')} redacted</strong> before publishing, shown in the text as <span class="redacted">[REDACTED:kind]</span>. <span class="badges">${detectorBadges(r.by_detector)}</span></li>`
      : `<li><strong>No values redacted.</strong> The redaction rules found nothing to remove in this report's text.</li>`
  )
  if (r.late?.total)
    items.push(
      `<li><strong>${escapeHtml(describeLateCheck(r.late))}.</strong> The final files were scanned once more before publishing; these values had escaped the redaction of the report's fields.</li>`
    )
  if (report.unpriced_models.length) {
    const models = report.unpriced_models.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')
    items.push(`<li><strong>Without a price:</strong> ${models}. Their cost is shown as <span class="unpriced">unpriced</span>, never as $0.</li>`)
  }
  items.push(
    `<li>Costs marked <span class="badge src-agent">agent</span> are the agent's own figure from its log; the rest are estimates from the price table.</li>`
  )
  items.push(`<li>Prompts marked <code>[private]</code> are counted but their text is not shown.</li>`)
  for (const w of report.format_warnings)
    items.push(`<li><strong>Format warning:</strong> <code>${escapeLogText(w.file)}</code>: ${escapeLogText(w.message)}</li>`)
  if (report.skipped.lines > 0 || report.skipped.files > 0)
    items.push(
      `<li><strong>Not covered:</strong> ${plural(report.skipped.lines, 'unreadable line')} in ${plural(report.skipped.files, 'file')} were skipped at ingest.</li>`
    )
  return `<section id="transparency" class="panel"><h2>Transparency</h2><ul class="facts">${items.join('')}</ul></section>`
}

const NO_DATE = '(no date)'

/** Dated days in order, then the undated bucket, with the year printed only where it changes. */
function dayColumns(rows: UsageRow[], pick: (r: UsageRow) => Omit<Column, 'label'>): Column[] {
  const dated = rows.filter((r) => r.key !== NO_DATE).sort((a, b) => a.key.localeCompare(b.key))
  const undated = rows.filter((r) => r.key === NO_DATE)
  let lastYear = ''
  return [...dated, ...undated].map((r) => {
    if (r.key === NO_DATE) return { ...pick(r), label: ['undated'] }
    const m = /^(\d{4})-(\d{2}-\d{2})$/.exec(r.key)
    if (!m) return { ...pick(r), label: [r.key.slice(0, 8)] }
    const year = m[1] !== lastYear ? m[1] : undefined
    lastYear = m[1]
    return { ...pick(r), label: [m[2], year] }
  })
}

function tokenTitle(r: UsageRow): string {
  const t = r.tokens
  return `${r.key}: ${formatInt(t.total)} tokens (input ${formatInt(t.input)}, of which cached ${formatInt(t.cached_input)}; output ${formatInt(t.output)}) in ${plural(r.sessions, 'session')}`
}

function costLabel(c: number | null): string {
  return c === null ? 'unpriced' : formatUsd(c)
}

const LEGEND = `<p class="legend"><span class="key s0"></span>cached input <span class="key s1"></span>other input <span class="key s2"></span>output</p>`

function usageTable(rows: UsageRow[], keyLabel: string): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.key)}</th><td>${formatInt(r.sessions)}</td><td>${formatInt(r.tokens.input)}</td><td>${formatInt(r.tokens.cached_input)}</td><td>${formatInt(r.tokens.output)}</td><td>${formatInt(r.tokens.total)}</td><td>${r.cost_usd === null ? '<span class="unpriced">unpriced</span>' : formatUsd(r.cost_usd)}</td></tr>`
    )
    .join('')
  return `<details class="data"><summary>Numbers</summary><div class="table-scroll"><table><thead><tr><th scope="col">${keyLabel}</th><th scope="col">sessions</th><th scope="col">input</th><th scope="col">cached</th><th scope="col">output</th><th scope="col">total</th><th scope="col">cost</th></tr></thead><tbody>${body}</tbody></table></div></details>`
}

function figure(title: string, body: string): string {
  return `<figure class="fig"><figcaption>${title}</figcaption>${body}</figure>`
}

export function renderUsage(report: ListedReport): string {
  const { by_day, by_model, by_agent } = report.usage
  const anyTokens = by_day.some((r) => r.tokens.total > 0)
  if (!anyTokens)
    return `<section id="usage" class="panel"><h2>Usage</h2><p class="empty">No token usage was recorded for the sessions in this report.</p></section>`

  const tokensByDay = columnChart(
    dayColumns(by_day, (r) => ({
      values: [r.tokens.cached_input, r.tokens.input - r.tokens.cached_input, r.tokens.output],
      title: tokenTitle(r),
      valueLabel: formatCompact(r.tokens.total)
    })),
    { ariaLabel: 'Tokens by day', formatTick: formatCompact }
  )
  const anyCost = by_day.some((r) => r.cost_usd !== null && r.cost_usd > 0)
  const costByDay = anyCost
    ? columnChart(
        dayColumns(by_day, (r) => ({
          values: [r.cost_usd ?? 0],
          title: `${r.key}: ${costLabel(r.cost_usd)}${r.cost_usd === null ? ' (a model without a price)' : ''}`,
          valueLabel: r.cost_usd === null ? null : formatUsdCompact(r.cost_usd),
          missing: r.cost_usd === null
        })),
        { ariaLabel: 'Estimated cost by day', formatTick: formatUsdCompact, classes: ['s1'] }
      ) + (by_day.some((r) => r.cost_usd === null) ? `<p class="legend">n/a or a grey tick: the day includes a model without a price.</p>` : '')
    : `<p class="empty">No priced usage.</p>`

  const tokenBars = (rows: UsageRow[], label: string) =>
    barList(
      rows.map((r) => ({ label: r.key, value: r.tokens.total, valueLabel: formatCompact(r.tokens.total), title: tokenTitle(r) })),
      label
    )
  const costBars = (rows: UsageRow[], label: string) =>
    barList(
      [...rows]
        .sort((a, b) => (b.cost_usd ?? -1) - (a.cost_usd ?? -1) || a.key.localeCompare(b.key))
        .map((r) => ({ label: r.key, value: r.cost_usd, valueLabel: costLabel(r.cost_usd), title: `${r.key}: ${costLabel(r.cost_usd)}` })),
      label
    )

  return (
    `<section id="usage" class="panel"><h2>Usage</h2>` +
    `<div class="figs">` +
    figure('Tokens by day', LEGEND + tokensByDay + usageTable(by_day, 'day')) +
    figure('Estimated cost by day', costByDay) +
    figure('Tokens by model', tokenBars(by_model, 'Tokens by model') + usageTable(by_model, 'model')) +
    figure('Estimated cost by model', costBars(by_model, 'Cost by model')) +
    figure('Tokens by agent', tokenBars(by_agent, 'Tokens by agent') + usageTable(by_agent, 'agent')) +
    figure('Estimated cost by agent', costBars(by_agent, 'Cost by agent')) +
    `</div></section>`
  )
}
