import { isAbsolute, resolve, sep } from 'node:path'
import { addTokens, zeroTokens, type TokenCounts } from '../model/tokens.js'
import { costOf, roundUsd } from '../pricing/cost.js'
import { BUNDLED_PRICES, priceFor, type Price } from '../pricing/prices.js'
import type { Scope, ScopeReason } from '../scope/types.js'
import type { Db } from '../store/db.js'
import { formatWarnings } from '../ingest/format-drift.js'
import { skippedCounts } from '../store/ingest-errors.js'
import { talliedFilePaths } from '../store/format-tallies.js'
import { filePathsOfPage } from '../store/session-files.js'
import { listedSessionIds, sessionSummaries, type SessionSummary } from '../store/queries.js'
import {
  countedUsageRowsOf,
  countedUsageRowsOfSession,
  filesTouchedByEach,
  toolCallCountsOf,
  type UsageRow as UsageRowOfStore
} from '../store/session-activity.js'
import { sessionsTagged } from '../store/review-tags.js'
import { reviewReader } from './review.js'
import { DEFAULT_FIELD_CHARS, selectTurns } from './turns.js'
import { isLocalTime, localWallClock } from '../model/local-time.js'
import { dayIn, normalizeFilters, normalizeRepoUrl, toInstant, type FilterInput } from './filters.js'
import { REPORT_SCHEMA_VERSION, type Filters, type Report, type ReportMode, type SessionReport, type UsageRow } from './report.js'

export interface SelectOptions {
  mode?: ReportMode
  filters?: FilterInput
  /** Overrides and additions to the bundled price table. */
  prices?: Record<string, Price>
  /** Pins `generated_at` (reproducible output, golden files). */
  now?: Date
  version?: string
  /**
   * Longest text carried into the report per field, before redaction. Renderers truncate far
   * shorter; redaction must see more than what is shown so a secret is never cut in half.
   */
  maxFieldChars?: number
  /** The sessions the report is about, with why; without it, every session the filters select. */
  scope?: Scope
}

const ALL_FOUND: Scope = { kind: 'all', label: 'every session found', sessions: [] }

function inRepo(s: SessionSummary, repo: string): boolean {
  if (/^[\w.-]+\/[\w.-]+$/.test(repo) || /[:@]/.test(repo)) {
    const want = normalizeRepoUrl(repo)
    const have = s.repository ? normalizeRepoUrl(s.repository) : ''
    return have === want || have.endsWith('/' + want)
  }
  if (!s.cwd) return false
  const root = resolve(repo)
  const cwd = isAbsolute(s.cwd) ? resolve(s.cwd) : s.cwd
  return cwd === root || cwd.startsWith(root.endsWith(sep) ? root : root + sep)
}

/**
 * A stored time as a UTC instant for comparing with `--since`/`--until`: a zone-less local time
 * (Aider's) is read as wall-clock time in the report's time zone, as a bare `--since` date is.
 */
function instant(ts: string | null, tz: string): string | null {
  return ts !== null && isLocalTime(ts) ? toInstant(ts, tz, false) : ts
}

function matches(s: SessionSummary, f: Filters): boolean {
  const start = instant(s.started_at ?? s.ended_at, f.timezone)
  const end = instant(s.ended_at ?? s.started_at, f.timezone)
  if (f.since && end && end < f.since) return false
  if (f.until && start && start > f.until) return false
  if ((f.since || f.until) && !start) return false
  if (f.sessions.length && !f.sessions.some((p) => s.id.startsWith(p))) return false
  if (f.agents.length && !f.agents.includes(s.agent)) return false
  if (f.models.length && !s.models.some((m) => f.models.includes(m))) return false
  if (f.branches.length && !(s.branch && f.branches.includes(s.branch))) return false
  if (f.repo && !inRepo(s, f.repo)) return false
  return true
}

/**
 * A row of usage: its sums, and how many sessions it covers. A session's rows are added one after
 * another, so the last session added tells a new session from another row of the same one.
 */
interface UsageAgg {
  tokens: TokenCounts
  cost: number | null
  sessions: number
  last: string | null
}

const COST_SOURCES: SessionReport['cost_source'][] = [null, 'agent', 'estimate']

/** Each session's cost and where it came from, packed: a report keeps them for every session it lists. */
class SessionCosts {
  private usds = new Float64Array(1_024)
  private sources = new Uint8Array(1_024)
  private length = 0

  push(usd: number | null, source: SessionReport['cost_source']): void {
    if (this.length === this.usds.length) {
      const usds = new Float64Array(this.length * 2)
      usds.set(this.usds)
      this.usds = usds
      const sources = new Uint8Array(this.length * 2)
      sources.set(this.sources)
      this.sources = sources
    }
    // NaN stands for no cost: a cost is a sum of finite prices.
    this.usds[this.length] = usd ?? Number.NaN
    this.sources[this.length++] = COST_SOURCES.indexOf(source)
  }

  usd(i: number): number | null {
    const v = this.usds[i]
    return Number.isNaN(v) ? null : v
  }

  source(i: number): SessionReport['cost_source'] {
    return COST_SOURCES[this.sources[i]]
  }
}

/** Sessions read from the store per query while the frame is selected and when its sessions are read. */
export const FRAME_PAGE = 1_000

/** Up to this many sessions in a report, the frame keeps their summaries rather than reading them again. */
const HOLD_SUMMARIES = 2_000

/**
 * Builds the report object from the store: which sessions the filters select, their totals,
 * usage by model, agent and day, cost from the price table, and (in the modes that show them)
 * each prompt with what the agent did under it. Text here is not yet redacted. `frame`: this
 * report's `selectFrame`, when the caller already has it.
 */
export function selectReport(db: Db, opts: SelectOptions = {}, frame: Report = selectFrame(db, opts)): Report {
  if (!showsTurns(frame.mode)) return frame
  const maxChars = opts.maxFieldChars ?? DEFAULT_FIELD_CHARS
  return { ...frame, sessions: frame.sessions.map((s) => withSelectedTurns(db, s, frame.mode, maxChars)) }
}

/** A session of the frame with its turns read, as a report in `mode` carries them. */
export function withSelectedTurns(db: Db, s: SessionReport, mode: ReportMode, maxChars: number = DEFAULT_FIELD_CHARS): SessionReport {
  return { ...s, turns: [...selectTurns(db, s.id, mode !== 'prompts', maxChars)] }
}

/** Whether a mode's report carries each prompt (and what was done under it). */
export function showsTurns(mode: ReportMode): boolean {
  return mode !== 'summary' && mode !== 'tokens'
}

/**
 * The report without any session's turns: which sessions, their totals, usage and cost. With
 * `selectTurns`, a report can then be read a session and a turn at a time rather than whole.
 */
export function selectFrame(db: Db, opts: SelectOptions = {}): Report {
  const f = selectFrameHead(db, opts)
  return { ...f.head, sessions: [...f.sessions()] }
}

/**
 * `selectFrame` without its sessions held: the report with `sessions` empty (its totals, usage
 * and cost computed by one pass over the sessions' listing), and the sessions built from the
 * store as they are read, in the report's order, each time they are asked for.
 */
export interface FrameHead {
  head: Report
  /** The sessions' ids, in the report's order. */
  ids: string[]
  sessions(): Iterable<SessionReport>
}

export function selectFrameHead(db: Db, opts: SelectOptions = {}): FrameHead {
  const mode = opts.mode ?? 'summary'
  const filters = normalizeFilters(opts.filters ?? {})
  const prices = { ...BUNDLED_PRICES, ...(opts.prices ?? {}) }
  const dayOfInstant = dayIn(filters.timezone)
  // A zone-less local time's day is the one its writer's clock showed.
  const day = (ts: string) => localWallClock(ts)?.date ?? dayOfInstant(ts)
  const scope = opts.scope ?? ALL_FOUND
  // By id, each with the scope's own id string, which the frame keeps rather than a copy of it.
  const inScope = new Map(scope.sessions.map((s) => [s.id, s]))
  const tagged = filters.tags ? sessionsTagged(db, filters.tags) : null
  const unpriced = new Set<string>()

  const byModel = new Map<string, UsageAgg>()
  const byAgent = new Map<string, UsageAgg>()
  const byDay = new Map<string, UsageAgg>()
  const aggOf = (m: Map<string, UsageAgg>, key: string): UsageAgg => {
    let a = m.get(key)
    if (!a) m.set(key, (a = { tokens: zeroTokens(), cost: 0, sessions: 0, last: null }))
    return a
  }
  const counted = (a: UsageAgg, sid: string) => {
    if (a.last !== sid) a.sessions++
    a.last = sid
  }
  const add = (m: Map<string, UsageAgg>, key: string, sid: string, t: TokenCounts, cost: number | null) => {
    const a = aggOf(m, key)
    a.tokens = addTokens(a.tokens, t)
    a.cost = a.cost === null || cost === null ? null : a.cost + cost
    counted(a, sid)
  }

  /** A session's numbers: all the totals and usage need of it. */
  const costOfSession = (s: SessionSummary, usage: Iterable<UsageRowOfStore> | undefined): Pick<SessionReport, 'tokens' | 'cost_usd' | 'cost_source'> => {
    let cost: number | null = 0
    const priceRow = (model: string | null, t: TokenCounts): number | null => {
      const label = model ?? '(unknown model)'
      const p = model ? priceFor(model, prices) : undefined
      if (!p) {
        unpriced.add(label)
        return null
      }
      return costOf(t, p)
    }
    const account = (model: string | null, ts: string | null, t: TokenCounts) => {
      const c = priceRow(model, t)
      cost = cost === null || c === null ? null : cost + c
      add(byModel, model ?? '(unknown model)', s.id, t, c)
      add(byDay, ts ? day(ts) : '(no date)', s.id, t, c)
    }
    if (s.tokens_source === 'usage') {
      for (const r of usage ?? []) account(r.model, r.ts, r)
    } else if (s.tokens_source === 'status') {
      account(s.models[0] ?? null, s.ended_at ?? s.started_at, s.tokens)
    }
    // No usage row and no status line: nothing is known, which is not zero.
    const known = s.tokens_source !== 'none'
    if (!known) cost = null
    const reported = s.reported_cost_usd
    return {
      tokens: known ? s.tokens : null,
      cost_usd: reported !== null ? roundUsd(reported) : cost === null ? null : roundUsd(cost),
      cost_source: reported !== null ? 'agent' : cost === null ? null : 'estimate'
    }
  }

  // One pass over the listing, a page of sessions at a time, in the report's order: each
  // selected session adds to every sum in that order (so float sums add up as one pass over the
  // whole listing did), and what is kept of it is its id and cost.
  const ids: string[] = []
  const costs = new SessionCosts()
  // Each kept session's reasons (the scope's own arrays), when a scope is given.
  const reasonsOf: ScopeReason[][] = []
  let held: SessionSummary[] | null = []
  // A format warning is its file's alone (the file's tallies, its sessions' agent version), so the
  // report's warnings are those of the files its sessions read, of the store's files that have one.
  // Most stores have none: then the paths of the selected sessions' files, which are read through
  // every event of every session, are not read at all.
  const files = formatWarnings(db, talliedFilePaths(db)).length > 0 ? new Set<string>() : null
  const totalTokens = zeroTokens()
  let prompts = 0
  let toolCalls = 0
  let withoutUsage = 0
  let costSum = 0
  let anyNullCost = false
  const listed: string[] = []
  for (const id of listedSessionIds(db)) {
    if (tagged !== null && !tagged.has(id)) continue
    if (opts.scope === undefined) listed.push(id)
    else {
      const scoped = inScope.get(id)
      if (scoped) listed.push(scoped.id)
    }
  }
  for (let from = 0; from < listed.length; from += FRAME_PAGE) {
    const pageIds = listed.slice(from, from + FRAME_PAGE)
    const page = sessionSummaries(db, pageIds).filter((s) => matches(s, filters))
    const usage = countedUsageRowsOf(
      db,
      page.filter((s) => s.tokens_source === 'usage').map((s) => s.id)
    )
    for (const s of page) {
      const n = costOfSession(s, usage.streamed.has(s.id) ? countedUsageRowsOfSession(db, s.id) : usage.held.get(s.id))
      // An agent's sessions are whole, so its row adds up its sessions exactly as the totals do
      // (agent-reported costs included, sessions without usage counted); models and days split a
      // session, so theirs add up usage rows.
      const a = aggOf(byAgent, s.agent)
      if (n.tokens) a.tokens = addTokens(a.tokens, n.tokens)
      if (!unknownCost(n)) a.cost = a.cost === null || n.cost_usd === null ? null : a.cost + n.cost_usd
      counted(a, s.id)
      if (n.tokens) Object.assign(totalTokens, addTokens(totalTokens, n.tokens))
      else withoutUsage++
      prompts += s.prompts
      toolCalls += s.tool_calls
      if (!unknownCost(n)) {
        if (n.cost_usd === null) anyNullCost = true
        costSum += n.cost_usd ?? 0
      }
      ids.push(s.id)
      costs.push(n.cost_usd, n.cost_source)
      if (opts.scope !== undefined) reasonsOf.push(inScope.get(s.id)!.reasons)
      held?.push(s)
      if (held && held.length > HOLD_SUMMARIES) held = null
    }
    if (files)
      for (const path of filePathsOfPage(
        db,
        page.map((s) => s.id)
      ))
        files.add(path)
  }

  const usageRows = (m: Map<string, UsageAgg>, sortByKey = false): UsageRow[] =>
    [...m.entries()]
      .map(([key, a]) => ({ key, sessions: a.sessions, tokens: a.tokens, cost_usd: a.cost === null ? null : roundUsd(a.cost) }))
      .sort((a, b) => (sortByKey ? a.key.localeCompare(b.key) : b.tokens.total - a.tokens.total || a.key.localeCompare(b.key)))

  const skipped = skippedCounts(db)
  const head: Report = {
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: (opts.now ?? new Date()).toISOString(),
    generator: { name: 'ai-log-trail', version: opts.version ?? '0.0.0' },
    mode,
    scope: { kind: scope.kind, label: scope.label },
    filters,
    totals: {
      sessions: ids.length,
      prompts,
      tool_calls: toolCalls,
      tokens: totalTokens,
      cost_usd: anyNullCost ? null : roundUsd(costSum),
      sessions_without_usage: withoutUsage
    },
    sessions: [],
    usage: { by_model: usageRows(byModel), by_agent: usageRows(byAgent), by_day: usageRows(byDay, true) },
    redactions: { total: 0, by_detector: {} },
    unpriced_models: [...unpriced].sort(),
    skipped: { lines: skipped.lines, files: skipped.files },
    format_warnings: (files ? formatWarnings(db, [...files].sort()) : []).map((w) => ({
      file: w.file,
      format: w.format,
      agent_version: w.agent_version,
      records: w.records,
      unknown: w.unknown,
      prompts: w.prompts,
      message: w.message
    }))
  }
  const summaries = held
  // With the summaries held, each page's tool calls and files touched are read once and kept
  // with them: a job walks the sessions twice (the files' report, then the comment's).
  const pageFacts: PageFacts[] | null = summaries ? [] : null
  return {
    head,
    ids,
    *sessions() {
      const reviewOf = reviewReader(db)
      for (let from = 0; from < ids.length; from += FRAME_PAGE) {
        const pageIds = ids.slice(from, from + FRAME_PAGE)
        const page = summaries ? summaries.slice(from, from + FRAME_PAGE) : sessionSummaries(db, pageIds)
        if (page.length !== pageIds.length) throw new Error('a session of the report is no longer in the store')
        const facts = pageFacts?.[from / FRAME_PAGE] ?? { tools: toolCallCountsOf(db, pageIds), touched: filesTouchedByEach(db, pageIds) }
        if (pageFacts) pageFacts[from / FRAME_PAGE] = facts
        const { tools, touched } = facts
        for (let i = 0; i < page.length; i++) {
          const s = page[i]
          yield {
            id: s.id,
            title: s.title,
            agent: s.agent,
            agent_version: s.agent_version,
            models: s.models,
            cwd: s.cwd,
            repository: s.repository,
            branch: s.branch,
            commit: s.commit,
            started_at: s.started_at,
            ended_at: s.ended_at,
            parent_id: s.parent_id,
            parent_relation: s.parent_relation,
            prompts: s.prompts,
            tool_calls: s.tool_calls,
            tool_call_names: Object.fromEntries((tools.get(s.id) ?? []).map((r) => [r.name, r.n])),
            tokens: s.tokens_source !== 'none' ? s.tokens : null,
            cost_usd: costs.usd(from + i),
            cost_source: costs.source(from + i),
            // A copy: the array is kept for the next walk, whatever a consumer does with this one.
            files_touched: [...(touched.get(s.id) ?? [])],
            scope_reasons: reasonsOf[from + i] ?? [{ kind: 'all' }],
            ...reviewOf(s.id),
            turns: []
          }
        }
      }
    }
  }
}

/** What a page of the frame's sessions reads beside their summaries. */
interface PageFacts {
  tools: Map<string, { name: string; n: number }[]>
  touched: Map<string, string[]>
}

/**
 * A session whose log records no usage and no cost of the agent's own: its null cost means
 * unknown, not unpriced, so it neither adds to a sum nor makes the sum unpriced.
 */
function unknownCost(s: Pick<SessionReport, 'tokens' | 'cost_usd'>): boolean {
  return s.tokens === null && s.cost_usd === null
}

export { selectTurns }
