import { sessionHeads, sessionPrompts, type ListedReport, type SessionList } from '../select/session-list.js'
import type { SessionReport } from '../select/report.js'
import { escapeHtml, escapeLogText, truncate } from './html-escape.js'
import { costKnown, UNKNOWN } from './text.js'
import { formatCompact, formatDuration, formatInt, formatTime, formatUsd, plural } from './html-format.js'
import { renderTurns } from './html-turns.js'
import { sessionNotes, tagBadges } from './html-review.js'
import { flatUnits, partKind, sessionParts, type Part } from './region.js'

/** The session list with its search box and filters; the page script filters these rows. */

/** What the page script matches against, one entry per session row, in row order. */
export interface SearchEntry {
  agent: string
  models: string[]
  /** Lower-cased id, agent, models, branch, repository and prompt text. */
  text: string
}

/** The page's search data a session at a time: its entries hold every prompt's text, so a large report's are never held together. */
export function* searchEntries(report: ListedReport): Generator<SearchEntry> {
  // Read without their actions (a spilled report's), as no entry holds one.
  for (const s of sessionPrompts(report.sessions)) yield searchEntry(s)
}

/** A session's entry of the page's search data. */
export function searchEntry(s: SessionReport): SearchEntry {
  const prompts = s.turns.flatMap((t) => (t.prompt && !t.prompt.private ? [t.prompt.text] : []))
  const text = [s.id, ...(s.title ? [s.title] : []), s.agent, ...s.models, s.branch ?? '', s.repository ?? '', ...prompts].join('\n').toLowerCase()
  return { agent: s.agent, models: s.models, text }
}

/** Stable, attribute-safe anchors, so `report.html#s-<id>` links to a session. */
function anchors(sessions: SessionList): Map<string, string> {
  const out = new Map<string, string>()
  const used = new Set<string>()
  for (const s of sessions) {
    const base = 's-' + s.id.replace(/[^A-Za-z0-9_.-]/g, '-')
    let a = base
    for (let i = 2; used.has(a); i++) a = `${base}-${i}`
    used.add(a)
    out.set(s.id, a)
  }
  return out
}

function cost(s: SessionReport): string {
  if (!costKnown(s)) return `<span class="unknown" title="the log records no usage">${UNKNOWN}</span>`
  if (s.cost_usd === null) return `<span class="unpriced" title="a model in this session has no price">unpriced</span>`
  const src = s.cost_source === 'agent' ? ` <span class="badge src-agent" title="the agent's own figure from its log">agent</span>` : ''
  return escapeHtml(formatUsd(s.cost_usd)) + src
}

function row(label: string, value: string): string {
  return value ? `<dt>${label}</dt><dd>${value}</dd>` : ''
}

function meta(s: SessionReport, timezone: string, anchorOf: Map<string, string>): string {
  const t = s.tokens
  const span = s.started_at && s.ended_at ? formatDuration(new Date(s.ended_at).getTime() - new Date(s.started_at).getTime()) : ''
  const parent = s.parent_id
    ? (anchorOf.has(s.parent_id) ? `<a href="#${anchorOf.get(s.parent_id)}">${escapeLogText(s.parent_id)}</a>` : escapeLogText(s.parent_id)) +
      (s.parent_relation ? ` (${escapeHtml(s.parent_relation)})` : '')
    : ''
  const calls = Object.entries(s.tool_call_names)
    .map(([name, n]) => `<span class="badge tool">${escapeHtml(name)} <b>${formatInt(n)}</b></span>`)
    .join(' ')
  return (
    `<dl class="kv">` +
    row('Session', `<code>${escapeLogText(s.id)}</code>`) +
    row('Agent', escapeHtml(s.agent) + (s.agent_version ? ` ${escapeHtml(s.agent_version)}` : '')) +
    row('Models', s.models.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')) +
    row('Started', escapeHtml(formatTime(s.started_at, timezone))) +
    row('Ended', escapeHtml(formatTime(s.ended_at, timezone)) + (span ? ` (${escapeHtml(span)})` : '')) +
    row('Directory', s.cwd ? `<code>${escapeLogText(s.cwd)}</code>` : '') +
    row('Repository', s.repository ? `<code>${escapeLogText(s.repository)}</code>` : '') +
    row('Branch', s.branch ? `<code>${escapeLogText(s.branch)}</code>` : '') +
    row('Commit', s.commit ? `<code>${escapeLogText(s.commit.slice(0, 12))}</code>` : '') +
    row('Parent', parent) +
    row(
      'Tokens',
      t
        ? `${formatInt(t.total)} (input ${formatInt(t.input)}, cached ${formatInt(t.cached_input)}, output ${formatInt(t.output)})`
        : `${UNKNOWN} (the log records no usage)`
    ) +
    row('Cost', cost(s)) +
    row('Tool calls', calls) +
    row('Tags', tagBadges(s.review)) +
    row('Notes', sessionNotes(s.review)) +
    `</dl>`
  )
}

function files(paths: string[]): string {
  if (!paths.length) return ''
  const list = `<ul class="files">${paths.map((p) => `<li><code>${escapeLogText(p)}</code></li>`).join('')}</ul>`
  return `<details class="files-box"${paths.length <= 8 ? ' open' : ''}><summary>${plural(paths.length, 'file')} touched</summary>${list}</details>`
}

const FIRST_PROMPT_CHARS = 140
const TITLE_CHARS = 120

/** The session's first prompt, one line, so a reader sees what it was about without opening it. */
function firstPrompt(s: SessionReport): string {
  const p = s.turns.find((t) => t.prompt)?.prompt
  if (!p) return ''
  if (p.private) return `<span class="s-first muted">(private prompt, not shown)</span>`
  const line = p.text.trim().split(/\r?\n/, 1)[0]
  const t = truncate(line.replace(/\s+/g, ' '), FIRST_PROMPT_CHARS)
  return `<span class="s-first">${escapeLogText(t.text)}${t.cut ? '…' : ''}</span>`
}

function summaryLine(s: SessionReport, timezone: string): string {
  const stats = [plural(s.prompts, 'prompt'), plural(s.tool_calls, 'tool call'), s.tokens ? `${formatCompact(s.tokens.total)} tokens` : `tokens ${UNKNOWN}`]
  return (
    `<summary><span class="s-head"><span class="badge agent-name">${escapeHtml(s.agent)}</span> <code class="sid">${escapeLogText(s.id)}</code>` +
    (s.title ? ` <span class="s-title">${escapeLogText(truncate(s.title.replace(/\s+/g, ' '), TITLE_CHARS).text)}</span>` : '') +
    `</span>` +
    `<span class="s-sub">` +
    (s.started_at ? `<time datetime="${escapeHtml(s.started_at)}">${escapeHtml(formatTime(s.started_at, timezone))}</time> · ` : '') +
    `${escapeHtml(stats.join(' · '))} · ${cost(s)}` +
    (s.branch ? ` · <span class="branch">${escapeLogText(s.branch)}</span>` : '') +
    `</span>` +
    (s.models.length ? `<span class="s-models">${s.models.map((m) => `<code>${escapeHtml(m)}</code>`).join(' ')}</span>` : '') +
    firstPrompt(s) +
    `</summary>`
  )
}

function session(s: SessionReport, report: ListedReport, anchorOf: Map<string, string>): string {
  const tz = report.filters.timezone
  const showsTurns = report.mode !== 'summary' && report.mode !== 'tokens'
  const turns = showsTurns ? (s.turns.length ? renderTurns(s.turns, tz, s.review) : `<p class="muted">No prompts recorded.</p>`) : ''
  return (
    // No row number: the page script numbers the rows in their order, so an item's bytes do not
    // move with the sessions before it and its kept part serves after a new session.
    `<li class="session" id="${anchorOf.get(s.id)}" data-session><details>` +
    summaryLine(s, tz) +
    `<div class="s-body">${meta(s, tz, anchorOf)}${files(s.files_touched)}${turns}</div>` +
    `</details></li>`
  )
}

function options(values: string[], all: string): string {
  return `<option value="">${all}</option>` + values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('')
}

export function renderSessions(report: ListedReport): string {
  return [...flatUnits(sessionsChunks(report))].join('')
}

const SESSION_ITEM = partKind('html.session', session, summaryLine, meta, firstPrompt, files, cost, renderTurns)

/** `renderSessions`'s text a session at a time: the section's opening, each session's item, the closing. */
export function* sessionsChunks(report: ListedReport): Generator<string | Part<string>> {
  const sessions = report.sessions
  const modeNote =
    report.mode === 'summary' || report.mode === 'tokens'
      ? `<p class="muted">This report's mode (${escapeHtml(report.mode)}) leaves out prompts and actions.</p>`
      : report.mode === 'prompts'
        ? `<p class="muted">This report's mode (prompts) shows prompts without the agent's actions.</p>`
        : ''
  if (!sessions.length) {
    yield `<section id="sessions" class="panel"><h2>Sessions</h2><p class="empty">No sessions match this report's filters.</p></section>`
    return
  }
  // Read without their turns (a spilled report's), as neither reads one.
  const anchorOf = anchors(sessionHeads(sessions))
  const agentSet = new Set<string>()
  const modelSet = new Set<string>()
  // What of a session's place its item reads: its anchor and its parent's.
  const places: string[] = []
  for (const s of sessionHeads(sessions)) {
    agentSet.add(s.agent)
    for (const m of s.models) modelSet.add(m)
    places.push(`${anchorOf.get(s.id)}\0${s.parent_id === null ? '' : (anchorOf.get(s.parent_id) ?? '-')}`)
  }
  const agents = [...agentSet].sort()
  const models = [...modelSet].sort()
  // The controls start hidden: without the page script they would do nothing.
  const controls =
    `<div class="controls" id="controls" hidden>` +
    `<label class="ctl ctl-q"><span>Search</span><input id="q" type="search" placeholder="id, agent, model, branch, prompt" autocomplete="off" spellcheck="false"></label>` +
    `<label class="ctl"><span>Agent</span><select id="f-agent">${options(agents, 'All agents')}</select></label>` +
    `<label class="ctl"><span>Model</span><select id="f-model">${options(models, 'All models')}</select></label>` +
    `</div>`
  yield (
    `<section id="sessions" class="panel"><h2>Sessions</h2>${modeNote}${controls}` +
    `<p class="count" id="count" aria-live="polite">${plural(sessions.length, 'session')}</p>` +
    `<ol class="sessions" id="session-list">`
  )
  const tz = report.filters.timezone
  yield* sessionParts(
    sessions,
    SESSION_ITEM,
    (s) => [session(s, report, anchorOf)],
    (i) => `${tz}\0${report.mode}\0${places[i]}`
  )
  yield `</ol><p class="empty" id="no-match" hidden>No session matches the search.</p></section>`
}
