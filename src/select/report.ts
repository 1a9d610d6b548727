import { z } from 'zod'
import { ScopeKindSchema, ScopeReasonSchema } from '../scope/types.js'
import { TokenCountsSchema } from '../model/tokens.js'
import { ReportModeSchema } from '../config/choices.js'
import { SessionReviewSchema } from '../model/review.js'

export { ReportModeSchema, type ReportMode } from '../config/choices.js'

/**
 * The report object: what `select` produces from the store, what redaction rewrites, and what
 * every renderer reads. The JSON report is this object as is (docs/report.schema.json), so every
 * format shows the same numbers.
 */
export const REPORT_SCHEMA_VERSION = 2

export const FiltersSchema = z.object({
  since: z.string().nullable(),
  until: z.string().nullable(),
  timezone: z.string(),
  repo: z.string().nullable(),
  sessions: z.array(z.string()),
  agents: z.array(z.string()),
  models: z.array(z.string()),
  branches: z.array(z.string()),
  /** Sessions carrying any of these review tags, on the session or a prompt (absent when not filtered by tag). */
  tags: z.array(z.string()).optional()
})
export type Filters = z.infer<typeof FiltersSchema>

export const ActionSchema = z.object({
  /** `agent_prompt`: a prompt an agent wrote for a sub-agent (a person's prompts head turns). */
  kind: z.enum(['reasoning', 'tool_call', 'assistant_message', 'agent_prompt', 'plan_update', 'file_change', 'marker', 'compaction']),
  ts: z.string().nullable(),
  /** Tool name, marker name, or the change kind of a file. */
  name: z.string().nullable(),
  /** Reasoning summary, assistant text, the command of a shell call, a plan's steps, a file path. */
  text: z.string().nullable(),
  /** A tool call's arguments (JSON text as the agent wrote it). */
  arguments: z.string().nullable(),
  /** A tool call's output, truncated for the report. */
  output: z.string().nullable(),
  exit_code: z.number().nullable(),
  duration_ms: z.number().nullable(),
  call_id: z.string().nullable(),
  /** The redacted-event id, so manual overrides can name it. */
  event_id: z.number()
})
export type Action = z.infer<typeof ActionSchema>

export const TurnSchema = z.object({
  ordinal: z.number().int(),
  ts: z.string().nullable(),
  prompt: z
    .object({
      text: z.string(),
      /** `[private]` prompts are counted but their text is never shown. */
      private: z.boolean(),
      by_agent: z.boolean(),
      event_id: z.number()
    })
    .nullable(),
  actions: z.array(ActionSchema)
})
export type Turn = z.infer<typeof TurnSchema>

export const SessionReportSchema = z.object({
  id: z.string(),
  /** The session's title as the agent named it (Claude Code's ai-title, OpenCode's, …); redacted as free text. */
  title: z.string().nullable(),
  agent: z.string(),
  agent_version: z.string().nullable(),
  models: z.array(z.string()),
  cwd: z.string().nullable(),
  repository: z.string().nullable(),
  branch: z.string().nullable(),
  commit: z.string().nullable(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  parent_id: z.string().nullable(),
  parent_relation: z.string().nullable(),
  prompts: z.number().int(),
  tool_calls: z.number().int(),
  tool_call_names: z.record(z.string(), z.number().int()),
  tokens: TokenCountsSchema.nullable().describe('null when the log records no usage at all: unknown, not zero'),
  /** `null` when any model in the session has no price, or when `tokens` is null and the agent wrote no cost (never 0). */
  cost_usd: z.number().nullable(),
  /** `agent` when the log carried the agent's own cost figure, `estimate` from the price table. */
  cost_source: z.enum(['agent', 'estimate']).nullable(),
  files_touched: z.array(z.string()),
  /** Why the session is in this report (see `scope`); every reason that holds. */
  scope_reasons: z.array(ScopeReasonSchema),
  review: SessionReviewSchema.optional().describe(
    "a reviewer's tags, notes and prompt dispositions (ai-log-trail tag, note, disposition), redacted; present only when there are any"
  ),
  /** Prompts with what the agent did under each; empty in modes that do not show them. */
  turns: z.array(TurnSchema)
})
export type SessionReport = z.infer<typeof SessionReportSchema>

export const UsageRowSchema = z.object({
  key: z.string(),
  sessions: z.number().int(),
  tokens: TokenCountsSchema,
  cost_usd: z.number().nullable()
})
export type UsageRow = z.infer<typeof UsageRowSchema>

/** What the last check of the final files redacted: values per detector, per published file. */
export const LateCheckSchema = z.object({
  total: z.number().int(),
  by_file: z.record(z.string(), z.record(z.string(), z.number().int()))
})
export type LateCheck = z.infer<typeof LateCheckSchema>

/**
 * A file the report's sessions come from that was recognized but not read as its agent writes it
 * now (src/ingest/format-drift.ts): its numbers may be incomplete.
 */
export const FormatWarningSchema = z.object({
  /** The log file's path, redacted as a path (a tag in metadata-only). */
  file: z.string(),
  /** The source that recognized it, e.g. `claude-code`. */
  format: z.string().nullable(),
  agent_version: z.string().nullable(),
  records: z.number().int(),
  /** Records of types the reader does not know. */
  unknown: z.number().int(),
  prompts: z.number().int(),
  /** What looks changed, naming the unknown record types; redacted like the report's other text. */
  message: z.string()
})
export type FormatWarning = z.infer<typeof FormatWarningSchema>

export const ReportSchema = z.object({
  schema_version: z.literal(REPORT_SCHEMA_VERSION),
  generated_at: z.string(),
  generator: z.object({ name: z.literal('ai-log-trail'), version: z.string() }),
  mode: ReportModeSchema,
  /** Which sessions the report is about: a pull request's, a release's, given logs', or all found. */
  scope: z.object({ kind: ScopeKindSchema, label: z.string() }),
  filters: FiltersSchema,
  totals: z.object({
    sessions: z.number().int(),
    prompts: z.number().int(),
    tool_calls: z.number().int(),
    /** Sums over the sessions whose logs record usage; the others are counted below, never as zero. */
    tokens: TokenCountsSchema,
    cost_usd: z.number().nullable(),
    /** Sessions whose logs record no usage: their tokens and cost are in no sum. */
    sessions_without_usage: z.number().int()
  }),
  sessions: z.array(SessionReportSchema),
  usage: z.object({
    by_model: z.array(UsageRowSchema),
    by_agent: z.array(UsageRowSchema),
    by_day: z.array(UsageRowSchema)
  }),
  redactions: z.object({
    total: z.number().int(),
    by_detector: z.record(z.string(), z.number().int()),
    late: LateCheckSchema.optional().describe('values the last check of the published files found and redacted (present only when it found any)')
  }),
  unpriced_models: z.array(z.string()),
  /** What ingest could not read, so a reader knows what the report does not cover. */
  skipped: z.object({
    lines: z.number().int(),
    files: z.number().int()
  }),
  /** One per file of the report's sessions whose format looks changed, so a cached re-run still says so. */
  format_warnings: z.array(FormatWarningSchema)
})
export type Report = z.infer<typeof ReportSchema>
