import type { LateCheck } from '../select/report.js'
import { localWallClock } from '../model/local-time.js'

/**
 * Plain-string formatting shared by the Markdown and CSV renderers. Written by hand rather than
 * with `toLocaleString` so output is byte-identical whatever locale or ICU build renders it
 * (golden files).
 */

/** `446955` → `446,955`. */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : ''
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Token counts for a glance: `512`, `72.0 k`, `1.84 M`, `2.31 G`. */
export function formatTokens(n: number): string {
  const abs = Math.abs(n)
  if (abs >= 1e9) return (n / 1e9).toFixed(2) + ' G'
  // 999,999 would round to "1000.0 k"; show it in the next unit instead.
  if (abs >= 999_950) return (n / 1e6).toFixed(2) + ' M'
  if (abs >= 1000) return (n / 1e3).toFixed(1) + ' k'
  return String(Math.round(n))
}

/** `71 %`, or an en dash when the whole is zero (no share to speak of). */
export function formatPercent(part: number, whole: number): string {
  if (!whole) return '–'
  return `${Math.round((part / whole) * 100)} %`
}

/**
 * A cost for reading, never for arithmetic (JSON and CSV carry the exact figure). `null` means
 * unpriced and must never look like zero; a figure the agent reported itself is marked.
 */
export function formatUsd(cost: number | null, source: 'agent' | 'estimate' | null = null): string {
  if (cost === null) return 'n/a'
  let s: string
  if (cost === 0) s = '$0.00'
  else if (Math.abs(cost) < 0.005) s = cost < 0 ? '> -$0.01' : '< $0.01'
  else s = (cost < 0 ? '-$' : '$') + formatFixed(Math.abs(cost), 2)
  return source === 'agent' ? `${s} (agent)` : s
}

function formatFixed(n: number, digits: number): string {
  const [int, frac] = n.toFixed(digits).split('.')
  return formatInt(Number(int)) + (frac ? '.' + frac : '')
}

/** `850 ms`, `5.3 s`, `5 min 7 s`, `2 h 3 min`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return ''
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(1)} s`
  const totalS = Math.round(s)
  const h = Math.floor(totalS / 3600)
  const m = Math.floor((totalS % 3600) / 60)
  const sec = totalS % 60
  return h > 0 ? `${h} h ${m} min` : `${m} min ${sec} s`
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`
}

interface WallClock {
  date: string
  time: string
}

const clockFormats = new Map<string, Intl.DateTimeFormat>()

function clockFormat(timezone: string): Intl.DateTimeFormat {
  let f = clockFormats.get(timezone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit'
      })
    } catch {
      // An unknown zone must not fail a whole report; the column header still names the zone asked for.
      f = clockFormat('UTC')
    }
    clockFormats.set(timezone, f)
  }
  return f
}

function wallClock(iso: string, timezone: string): WallClock | null {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return null
  if (timezone === 'UTC') {
    const s = d.toISOString()
    return { date: s.slice(0, 10), time: s.slice(11, 16) }
  }
  const parts = Object.fromEntries(
    clockFormat(timezone)
      .formatToParts(d)
      .map((p) => [p.type, p.value])
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

/** What follows a zone-less local time (Aider's): its zone is unknown, so it is not the column's. */
export const LOCAL_TIME_NOTE = '(local time, zone not recorded)'

/** `2026-03-03 10:00` in the report's time zone; an unparsable value is shown as it is. */
export function formatDateTime(iso: string | null, timezone: string): string {
  if (!iso) return ''
  const local = localWallClock(iso)
  if (local) return `${local.date} ${local.time} ${LOCAL_TIME_NOTE}`
  const w = wallClock(iso, timezone)
  return w ? `${w.date} ${w.time}` : iso
}

/** `2026-03-03 10:00–10:05`, or both full stamps when the span crosses midnight. */
export function formatSpan(start: string | null, end: string | null, timezone: string): string {
  if (!start || !end) return formatDateTime(start ?? end, timezone)
  const la = localWallClock(start)
  const lb = localWallClock(end)
  if (la && lb) {
    const span =
      la.date !== lb.date ? `${la.date} ${la.time} – ${lb.date} ${lb.time}` : la.time === lb.time ? `${la.date} ${la.time}` : `${la.date} ${la.time}–${lb.time}`
    return `${span} ${LOCAL_TIME_NOTE}`
  }
  if (la || lb) return `${formatDateTime(start, timezone)} – ${formatDateTime(end, timezone)}`
  const a = wallClock(start, timezone)
  const b = wallClock(end, timezone)
  if (!a || !b) return `${formatDateTime(start, timezone)} – ${formatDateTime(end, timezone)}`
  if (a.date !== b.date) return `${a.date} ${a.time} – ${b.date} ${b.time}`
  return a.time === b.time ? `${a.date} ${a.time}` : `${a.date} ${a.time}–${b.time}`
}

export interface Truncated {
  text: string
  /** Characters (code points) left out; 0 when nothing was cut. */
  omitted: number
}

function isPairAt(s: string, i: number): boolean {
  const hi = s.charCodeAt(i)
  if (hi < 0xd800 || hi > 0xdbff) return false
  const lo = s.charCodeAt(i + 1)
  return lo >= 0xdc00 && lo <= 0xdfff
}

const PAIR = /[\ud800-\udbff][\udc00-\udfff]/g
const SURROGATE = /[\ud800-\udfff]/

/** Where the first `max` code points of `s` end, in UTF-16 units. */
function codePointEnd(s: string, max: number): number {
  // Without surrogates, code points are units: the common case needs no walk.
  if (!SURROGATE.test(s.slice(0, max))) return Math.min(max, s.length)
  let end = 0
  for (let kept = 0; kept < max && end < s.length; kept++) end += isPairAt(s, end) ? 2 : 1
  return end
}

/** Code points from `from` on, counted as `Array.from` counts them (a lone surrogate is one). */
function codePointsFrom(s: string, from: number): number {
  let n = s.length - from
  PAIR.lastIndex = from
  while (PAIR.exec(s)) n--
  return n
}

/**
 * Cuts at a code point boundary so a surrogate pair is never split into garbage. Only the kept
 * part is walked; the rest is counted without being copied, as fields can be megabytes long.
 */
export function truncate(text: string, max: number): Truncated {
  if (text.length <= max) return { text, omitted: 0 }
  const end = beforeCutMarker(text, codePointEnd(text, max))
  if (end >= text.length) return { text, omitted: 0 }
  return { text: text.slice(0, end), omitted: codePointsFrom(text, end) }
}

/**
 * A cut inside a redaction marker would leave `[REDACT…`, which reads as a value where a marker
 * stood: the cut moves to the marker's start.
 */
export function beforeCutMarker(text: string, end: number): number {
  const open = text.lastIndexOf('[REDACTED:', end - 1)
  return open >= 0 && open > end - 100 && text.indexOf(']', open) >= end ? open : end
}

export function truncationNote(omitted: number): string {
  return `… (truncated, ${formatInt(omitted)} more ${omitted === 1 ? 'character' : 'characters'})`
}

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-/i
const HEX_PREFIX = /^[0-9a-f]{8}/i

/**
 * Short session labels for one report: the first 8 characters of a UUID, as reviewers know them
 * from agent UIs, unless another id in the same report starts the same way (then the full id,
 * so a label never names two sessions). Other ids are shown in full.
 */
export function shortIds(ids: Iterable<string>): (id: string) => string {
  // Only ids that start with 8 hex digits can share a UUID's label: the others are not held, so a
  // report of 100,000 ids of another form holds none of them here.
  const all = new Set<string>()
  for (const id of ids) if (HEX_PREFIX.test(id)) all.add(id)
  const prefixes = new Map<string, number>()
  for (const id of all) prefixes.set(id.slice(0, 8), (prefixes.get(id.slice(0, 8)) ?? 0) + 1)
  return (id) => {
    const p = id.slice(0, 8)
    return UUID_LIKE.test(id) && (prefixes.get(p) ?? 0) + (all.has(id) ? 0 : 1) <= 1 ? p : id
  }
}

type LabelledSessions = Iterable<{ id: string; parent_id: string | null }>

/** `shortIds` over a report's sessions and the sessions they continue. */
export function sessionLabels(report: { sessions: LabelledSessions & { heads?: LabelledSessions } }): (id: string) => string {
  // Ids only: a spilled report's sessions are read without their turns.
  const sessions = report.sessions.heads ?? report.sessions
  return shortIds(
    (function* () {
      for (const s of sessions) {
        yield s.id
        if (s.parent_id) yield s.parent_id
      }
    })()
  )
}

const AGENT_NAMES: Record<string, string> = {
  codex: 'Codex',
  'claude-code': 'Claude Code',
  'gemini-cli': 'Gemini CLI',
  'copilot-chat': 'Copilot Chat',
  'copilot-cli': 'Copilot CLI',
  cursor: 'Cursor',
  cline: 'Cline',
  'roo-code': 'Roo Code',
  'kilo-code': 'Kilo Code',
  pi: 'Pi',
  'factory-droid': 'Factory Droid',
  'qwen-code': 'Qwen Code',
  opencode: 'OpenCode',
  goose: 'Goose',
  aider: 'Aider'
}

export function agentName(agent: string): string {
  return AGENT_NAMES[agent] ?? agent
}

/** The last check's findings as one line: `email × 1 in report.html, github-token × 2 in comment.md`, by file then detector. */
export function lateCheckParts(check: LateCheck): string[] {
  return Object.entries(check.by_file)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([file, byDetector]) =>
      Object.entries(byDetector)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([d, n]) => `${d} × ${formatInt(n)} in ${file}`)
    )
}

/** The transparency line: `Late check: 2 values redacted in the final files (email × 1 in report.html, …)`. */
export function describeLateCheck(check: LateCheck): string {
  return `Late check: ${plural(check.total, 'value')} redacted in the final files (${lateCheckParts(check).join(', ')})`
}

/** What a value nobody recorded reads as: never `0` or `$0.00`, which would claim it was nothing. */
export const UNKNOWN = '—'

interface Usage {
  /** null when the log records no usage. */
  tokens: { total: number } | null
  cost_usd: number | null
  cost_source: 'agent' | 'estimate' | null
}

/** A session's token total, or `—` when its log records no usage. */
export function sessionTokens(s: Usage): string {
  return s.tokens ? formatTokens(s.tokens.total) : UNKNOWN
}

/** Whether a session's cost is known: from its usage, or the agent's own figure. */
export function costKnown(s: Usage): boolean {
  return s.tokens !== null || s.cost_source === 'agent'
}

/** A session's cost, or `—` when its log records no usage (and `n/a` when unpriced, as everywhere). */
export function sessionCost(s: Usage): string {
  return costKnown(s) ? formatUsd(s.cost_usd, s.cost_source) : UNKNOWN
}

/** `no usage recorded in 2 sessions`, or nothing when every session's log records usage. */
export function noUsageNote(sessionsWithoutUsage: number): string[] {
  return sessionsWithoutUsage ? [`no usage recorded in ${plural(sessionsWithoutUsage, 'session')}`] : []
}
