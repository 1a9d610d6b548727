import { z } from 'zod'
import type { Config } from '../config/schema.js'
import { buildReport } from '../pipeline/report.js'
import type { FilterInput } from '../select/filters.js'
import type { SessionReport, Turn } from '../select/report.js'
import { selectTurns } from '../select/select.js'
import type { Scope } from '../scope/types.js'
import type { Db } from '../store/db.js'
import { listDispositions } from '../store/review-dispositions.js'
import { listTags } from '../store/review-tags.js'

/** One row of the page's session list: what a reviewer needs to pick a session, all redacted. */
export interface SessionRow {
  id: string
  agent: string
  models: string[]
  branch: string | null
  started_at: string | null
  ended_at: string | null
  prompts: number
  tool_calls: number
  /** Null when the session's log records no usage. */
  tokens: number | null
  cost_usd: number | null
  scope_reasons: SessionReport['scope_reasons']
  /** The first prompt a person wrote, redacted; null when there is none or it is private. */
  first_prompt: string | null
  /** The reviewer's own tag labels on the session or its prompts, as typed (the page filters by them). */
  tags: string[]
  /** Whether a prompt of the session has the disposition `needs-review`. */
  needs_review: boolean
}

export interface SessionList {
  scope: string
  sessions: SessionRow[]
  redactions: { total: number; by_detector: Record<string, number> }
}

/** A field whose raw text the reviewer asked to see: the event and which of its texts. */
export const RawRequestSchema = z.strictObject({
  session: z.string().min(1),
  event: z.number().int().nonnegative(),
  field: z.enum(['prompt', 'text', 'arguments', 'output'])
})
export type RawRequest = z.infer<typeof RawRequestSchema>

export interface ReviewSourceOptions {
  db: Db
  /** The rules in force; read again after the page changes the rules file. */
  loadConfig: () => Config
  scope?: Scope
  filters?: FilterInput
  version?: string
}

/**
 * What the review page shows, always built by `buildReport` (select → redact), so nothing the
 * rules redact reaches the page; the one exception is `raw`, a single field the reviewer asked
 * for. The list is kept until the rules change, a session is built afresh on each request.
 */
export class ReviewSource {
  private config: Config
  private list: SessionList | null = null
  private redacted: Record<string, number> | null = null

  constructor(private readonly opts: ReviewSourceOptions) {
    this.config = opts.loadConfig()
  }

  /** The filters the page lists sessions by. */
  get filters(): FilterInput | undefined {
    return this.opts.filters
  }

  /** The store the page reads and the review marks (tags, notes, dispositions, history) are written to. */
  get db(): Db {
    return this.opts.db
  }

  /** Reads the rules again, so the next list and session are redacted by the new ones. */
  rulesChanged(): void {
    this.config = this.opts.loadConfig()
    this.list = null
    this.redacted = null
  }

  /** A tag, note or disposition changed: the list's tags and dispositions are read again. */
  reviewChanged(): void {
    this.list = null
  }

  /**
   * How many values the rules redact in each listed session that has any, counted over every field
   * a full report shows (the list itself is built from prompts only). Built when first asked, kept
   * until the rules change.
   */
  redactedSessions(): Record<string, number> {
    if (this.redacted) return this.redacted
    const { records } = buildReport(this.opts.db, {
      config: this.config,
      mode: 'full',
      filters: this.opts.filters,
      scope: this.opts.scope,
      version: this.opts.version
    })
    const counts: Record<string, number> = {}
    for (const r of records) counts[r.session_id] = (counts[r.session_id] ?? 0) + r.count
    this.redacted = counts
    return counts
  }

  sessions(): SessionList {
    if (this.list) return this.list
    const { report } = buildReport(this.opts.db, {
      config: this.config,
      mode: 'prompts',
      filters: this.opts.filters,
      scope: this.opts.scope,
      version: this.opts.version
    })
    const tags = new Map<string, Set<string>>()
    for (const t of listTags(this.opts.db)) tags.set(t.session, (tags.get(t.session) ?? new Set()).add(t.label))
    const needsReview = new Set(
      listDispositions(this.opts.db)
        .filter((d) => d.value === 'needs-review')
        .map((d) => d.session)
    )
    this.list = {
      scope: report.scope.label,
      redactions: { total: report.redactions.total, by_detector: report.redactions.by_detector },
      sessions: report.sessions.map((s) => ({
        id: s.id,
        agent: s.agent,
        models: s.models,
        branch: s.branch,
        started_at: s.started_at,
        ended_at: s.ended_at,
        prompts: s.prompts,
        tool_calls: s.tool_calls,
        tokens: s.tokens === null ? null : s.tokens.total,
        cost_usd: s.cost_usd,
        scope_reasons: s.scope_reasons,
        first_prompt: firstPrompt(s.turns),
        tags: [...(tags.get(s.id) ?? [])].sort(),
        needs_review: needsReview.has(s.id)
      }))
    }
    return this.list
  }

  /** One listed session with every prompt and what the agent did, redacted; undefined when not listed. */
  session(id: string): SessionReport | undefined {
    if (!this.sessions().sessions.some((s) => s.id === id)) return undefined
    const { report } = buildReport(this.opts.db, {
      config: this.config,
      mode: 'full',
      filters: { ...this.opts.filters, sessions: [id] },
      scope: this.opts.scope,
      version: this.opts.version
    })
    return report.sessions.find((s) => s.id === id)
  }

  /**
   * The unredacted text of one field of one listed session, for the reviewer's own screen only.
   * Undefined when the session is not listed or has no such field; a private prompt stays empty.
   */
  raw(r: RawRequest): string | null | undefined {
    if (!this.sessions().sessions.some((s) => s.id === r.session)) return undefined
    for (const t of selectTurns(this.opts.db, r.session, true)) {
      if (r.field === 'prompt') {
        if (t.prompt?.event_id === r.event) return t.prompt.text
        continue
      }
      const a = t.actions.find((x) => x.event_id === r.event)
      if (a) return a[r.field]
    }
    return undefined
  }

  /**
   * Where `event` is in its session as an override names it to outlive a rebuilt database: the
   * prompt it follows and its place under it (1 = first), as the report lists them. Undefined
   * when the session is not listed, has no such event, or the event comes before the first prompt.
   */
  actionPlace(session: string, event: number): { prompt: number; action: number } | undefined {
    if (!this.sessions().sessions.some((s) => s.id === session)) return undefined
    for (const t of selectTurns(this.opts.db, session, true)) {
      const i = t.actions.findIndex((a) => a.event_id === event)
      if (i >= 0) return t.ordinal >= 1 ? { prompt: t.ordinal, action: i + 1 } : undefined
    }
    return undefined
  }

  /** The number in its session (1 = first) of the prompt recorded as `event`; undefined when there is none. */
  promptNumber(session: string, event: number): number | undefined {
    if (!this.sessions().sessions.some((s) => s.id === session)) return undefined
    for (const t of selectTurns(this.opts.db, session, true)) if (t.prompt?.event_id === event) return t.ordinal
    return undefined
  }
}

function firstPrompt(turns: Turn[]): string | null {
  const p = turns.find((t) => t.prompt && !t.prompt.by_agent)?.prompt
  return p && !p.private ? p.text : null
}
