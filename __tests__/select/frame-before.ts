/*
 * The oracle of __tests__/select/frame-pages.test.ts: the frame's selection as it was before it
 * read the listing a page at a time (src/select/select.ts at b2bbb89: the whole listing, then one
 * query per session for its usage rows, tool counts, files touched and log files), kept verbatim
 * but for its imports and exports.
 */
import { isAbsolute, resolve, sep } from 'node:path'
import { addTokens, zeroTokens, type TokenCounts } from '../../src/model/tokens.js'
import { costOf, roundUsd } from '../../src/pricing/cost.js'
import { BUNDLED_PRICES, priceFor, type Price } from '../../src/pricing/prices.js'
import type { Scope } from '../../src/scope/types.js'
import type { Db } from '../../src/store/db.js'
import { formatWarnings } from '../../src/ingest/format-drift.js'
import { skippedCounts } from '../../src/store/ingest-errors.js'
import { listSessions, type SessionSummary } from '../../src/store/queries.js'
import { countedUsageRows, filesOfSessions, filesTouchedBy, toolCallCounts } from '../store/per-session-queries.js'
import { sessionsTagged } from '../../src/store/review-tags.js'
import { reviewReader } from '../../src/select/review.js'
import { isLocalTime, localWallClock } from '../../src/model/local-time.js'
import { dayIn, normalizeFilters, normalizeRepoUrl, toInstant, type FilterInput } from '../../src/select/filters.js'
import { REPORT_SCHEMA_VERSION, type Filters, type Report, type ReportMode, type SessionReport, type UsageRow } from '../../src/select/report.js'

interface SelectOptions {
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

interface UsageAgg {
  tokens: TokenCounts
  cost: number | null
  sessions: Set<string>
}

/** The frame as `selectFrame` built it before it read the listing a page at a time. */
export function selectFrameBefore(db: Db, opts: SelectOptions = {}): Report {
  const f = selectFrameHead(db, opts)
  return { ...f.head, sessions: [...f.sessions()] }
}

/**
 * `selectFrame` without its sessions held: the report with `sessions` empty (its totals, usage
 * and cost computed by one pass over the sessions' listing), and the sessions built from the
 * store as they are read, in the report's order, each time they are asked for.
 */
interface FrameHead {
  head: Report
  /** The sessions' ids, in the report's order. */
  ids: string[]
  sessions(): Iterable<SessionReport>
}

function selectFrameHead(db: Db, opts: SelectOptions = {}): FrameHead {
  const mode = opts.mode ?? 'summary'
  const filters = normalizeFilters(opts.filters ?? {})
  const prices = { ...BUNDLED_PRICES, ...(opts.prices ?? {}) }
  const dayOfInstant = dayIn(filters.timezone)
  // A zone-less local time's day is the one its writer's clock showed.
  const day = (ts: string) => localWallClock(ts)?.date ?? dayOfInstant(ts)
  const scope = opts.scope ?? ALL_FOUND
  const reasons = new Map(scope.sessions.map((s) => [s.id, s.reasons]))
  const tagged = filters.tags ? sessionsTagged(db, filters.tags) : null
  const all = listSessions(db).filter((s) => (opts.scope === undefined || reasons.has(s.id)) && matches(s, filters) && (tagged === null || tagged.has(s.id)))
  const unpriced = new Set<string>()

  const byModel = new Map<string, UsageAgg>()
  const byAgent = new Map<string, UsageAgg>()
  const byDay = new Map<string, UsageAgg>()
  const add = (m: Map<string, UsageAgg>, key: string, sid: string, t: TokenCounts, cost: number | null) => {
    const a = m.get(key) ?? { tokens: zeroTokens(), cost: 0, sessions: new Set<string>() }
    a.tokens = addTokens(a.tokens, t)
    a.cost = a.cost === null || cost === null ? null : a.cost + cost
    a.sessions.add(sid)
    m.set(key, a)
  }

  /** A session's numbers: all the totals and usage need of it. */
  const costOfSession = (s: SessionSummary): Pick<SessionReport, 'tokens' | 'cost_usd' | 'cost_source'> => {
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
      for (const r of countedUsageRows(db, s.id)) account(r.model, r.ts, r)
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

  const numbers = all.map(costOfSession)
  const totalTokens = zeroTokens()
  let prompts = 0
  let toolCalls = 0
  let withoutUsage = 0
  let costSum = 0
  let anyNullCost = false
  // An agent's sessions are whole, so its row adds up its sessions exactly as the totals do
  // (agent-reported costs included, sessions without usage counted); models and days split a
  // session, so theirs add up usage rows.
  all.forEach((s, i) => {
    const n = numbers[i]
    const a = byAgent.get(s.agent) ?? { tokens: zeroTokens(), cost: 0, sessions: new Set<string>() }
    if (n.tokens) a.tokens = addTokens(a.tokens, n.tokens)
    if (!unknownCost(n)) a.cost = a.cost === null || n.cost_usd === null ? null : a.cost + n.cost_usd
    a.sessions.add(s.id)
    byAgent.set(s.agent, a)
    if (n.tokens) Object.assign(totalTokens, addTokens(totalTokens, n.tokens))
    else withoutUsage++
    prompts += s.prompts
    toolCalls += s.tool_calls
    if (!unknownCost(n)) {
      if (n.cost_usd === null) anyNullCost = true
      costSum += n.cost_usd ?? 0
    }
  })

  const usageRows = (m: Map<string, UsageAgg>, sortByKey = false): UsageRow[] =>
    [...m.entries()]
      .map(([key, a]) => ({ key, sessions: a.sessions.size, tokens: a.tokens, cost_usd: a.cost === null ? null : roundUsd(a.cost) }))
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
      sessions: all.length,
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
    format_warnings: formatWarnings(
      db,
      filesOfSessions(
        db,
        all.map((s) => s.id)
      )
    ).map((w) => ({
      file: w.file,
      format: w.format,
      agent_version: w.agent_version,
      records: w.records,
      unknown: w.unknown,
      prompts: w.prompts,
      message: w.message
    }))
  }
  return {
    head,
    ids: all.map((s) => s.id),
    *sessions() {
      const reviewOf = reviewReader(db)
      for (let i = 0; i < all.length; i++) {
        const s = all[i]
        const n = numbers[i]
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
          tool_call_names: Object.fromEntries(toolCallCounts(db, s.id).map((r) => [r.name, r.n])),
          tokens: n.tokens,
          cost_usd: n.cost_usd,
          cost_source: n.cost_source,
          files_touched: filesTouchedBy(db, s.id),
          scope_reasons: reasons.get(s.id) ?? [{ kind: 'all' }],
          ...reviewOf(s.id),
          turns: []
        }
      }
    }
  }
}

/**
 * A session whose log records no usage and no cost of the agent's own: its null cost means
 * unknown, not unpriced, so it neither adds to a sum nor makes the sum unpriced.
 */
function unknownCost(s: Pick<SessionReport, 'tokens' | 'cost_usd'>): boolean {
  return s.tokens === null && s.cost_usd === null
}
