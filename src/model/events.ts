import { z } from 'zod'
import { TokenCountsSchema } from './tokens.js'

/**
 * The agent-neutral event vocabulary. Each source maps its own records onto these kinds; the
 * store keeps the raw line beside every event so nothing a source did not understand is lost.
 */
export const EventKindSchema = z.enum([
  'session_meta',
  'user_prompt',
  'context_message',
  'assistant_message',
  'reasoning',
  'tool_call',
  'tool_result',
  'plan_update',
  'token_usage',
  'rate_limit',
  'turn_context',
  'compaction',
  'marker',
  'file_change',
  'status_snapshot',
  'link',
  'other'
])
export type EventKind = z.infer<typeof EventKindSchema>

const text = z.string()

export const UserPromptSchema = z.object({
  kind: z.literal('user_prompt'),
  text,
  /** true when an agent, not a person, wrote the prompt (a sub-agent's task). */
  by_agent: z.boolean().default(false),
  images: z.number().int().nonnegative().default(0)
})

export const ContextMessageSchema = z.object({
  kind: z.literal('context_message'),
  role: z.string(),
  text
})

export const AssistantMessageSchema = z.object({
  kind: z.literal('assistant_message'),
  text,
  phase: z.string().nullish()
})

export const ReasoningSchema = z.object({
  kind: z.literal('reasoning'),
  /** Summary text as the agent wrote it; empty when only encrypted content exists. */
  text,
  /** Encrypted reasoning is never decoded, only counted. */
  encrypted: z.boolean().default(false),
  encrypted_bytes: z.number().int().nonnegative().default(0)
})

export const ToolCallSchema = z.object({
  kind: z.literal('tool_call'),
  call_id: z.string().nullish(),
  name: z.string(),
  /** Arguments as the agent wrote them: a JSON string, or free-form input for custom tools. */
  arguments: z.string(),
  /** The shell command line when the call runs one; its first word is shown in metadata-only reports. */
  command: z.string().nullish(),
  tool_type: z.enum(['function', 'custom', 'local_shell', 'web_search', 'mcp', 'file_change', 'other']).default('function')
})

export const ToolResultSchema = z.object({
  kind: z.literal('tool_result'),
  call_id: z.string().nullish(),
  output: z.string(),
  exit_code: z.number().int().nullish(),
  duration_ms: z.number().nullish(),
  status: z.string().nullish()
})

export const PlanUpdateSchema = z.object({
  kind: z.literal('plan_update'),
  explanation: z.string().nullish(),
  steps: z.array(z.object({ step: z.string(), status: z.string() }))
})

export const TokenUsageSchema = z.object({
  kind: z.literal('token_usage'),
  model: z.string().nullish(),
  /** What this row adds to the session's total; zero when the row is a repeat or replay. */
  delta: TokenCountsSchema,
  /** The cumulative total the log reported, when it reports one. */
  cumulative: TokenCountsSchema.nullish(),
  counted: z.boolean(),
  /** Why a row is not counted: duplicate, replay, context-full, empty. */
  reason: z.string().nullish()
})

export const RateLimitSchema = z.object({
  kind: z.literal('rate_limit'),
  windows: z.array(
    z.object({
      window_minutes: z.number().nullish(),
      used_percent: z.number().nullish(),
      resets_at: z.string().nullish()
    })
  ),
  plan_type: z.string().nullish()
})

export const TurnContextSchema = z.object({
  kind: z.literal('turn_context'),
  model: z.string().nullish(),
  cwd: z.string().nullish(),
  approval_policy: z.string().nullish(),
  sandbox_policy: z.string().nullish(),
  effort: z.string().nullish(),
  summary: z.string().nullish()
})

export const CompactionSchema = z.object({
  kind: z.literal('compaction'),
  text: z.string().nullish(),
  encrypted: z.boolean().default(false)
})

export const MarkerSchema = z.object({
  kind: z.literal('marker'),
  marker: z.enum(['abort', 'rollback', 'undo', 'review_enter', 'review_exit', 'context_compacted', 'turn_start', 'turn_end', 'error', 'snapshot']),
  detail: z.string().nullish()
})

export const FileChangeSchema = z.object({
  kind: z.literal('file_change'),
  path: z.string(),
  change: z.enum(['add', 'update', 'delete', 'move', 'unknown']),
  call_id: z.string().nullish()
})

export const StatusSnapshotSchema = z.object({
  kind: z.literal('status_snapshot'),
  /** Which printout the numbers came from: exit line, `tokens used`, `/status` panel. */
  form: z.string(),
  input: z.number().nullish(),
  cached_input: z.number().nullish(),
  output: z.number().nullish(),
  reasoning_output: z.number().nullish(),
  total: z.number().nullish(),
  /** Non-cached input + output, the figure Codex prints as `total=` and `tokens used`. */
  blended_total: z.number().nullish(),
  model: z.string().nullish()
})

export const SessionMetaSchema = z.object({
  kind: z.literal('session_meta')
})

/** Something the agent itself tied the session to, such as the pull request it opened (Claude Code's `pr-link`). */
export const LinkSchema = z.object({
  kind: z.literal('link'),
  rel: z.enum(['pull_request']),
  url: z.string()
})

export const OtherSchema = z.object({
  kind: z.literal('other'),
  type: z.string()
})

export const EventPayloadSchema = z.discriminatedUnion('kind', [
  SessionMetaSchema,
  UserPromptSchema,
  ContextMessageSchema,
  AssistantMessageSchema,
  ReasoningSchema,
  ToolCallSchema,
  ToolResultSchema,
  PlanUpdateSchema,
  TokenUsageSchema,
  RateLimitSchema,
  TurnContextSchema,
  CompactionSchema,
  MarkerSchema,
  FileChangeSchema,
  StatusSnapshotSchema,
  LinkSchema,
  OtherSchema
])
export type EventPayload = z.infer<typeof EventPayloadSchema>
export type PayloadOf<K extends EventKind> = Extract<EventPayload, { kind: K }>

/** One normalized event, as a source yields it. */
export interface NormalizedEvent {
  session_id: string
  /** UTC ISO-8601 from the log, or null when the log has no time for it. */
  ts: string | null
  /** 1-based line number in the source file. */
  line: number
  payload: EventPayload
  /** Set when the line repeats history that another session (or an earlier line) recorded. */
  replayed?: boolean
  /** A key that identifies the same record across files (e.g. Claude's `uuid`), for replay detection. */
  dedupe_key?: string | null
  /** The raw record when it is not the whole source line (document formats, multi-line text logs). */
  raw?: string
}
