import type { EventPayload, PayloadOf } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import type { TokenCounts } from '../../model/tokens.js'
import type { ParseRecord } from '../types.js'
import { arr, obj, parseObjectLine, str, type Json } from '../util/json.js'
import { toUtcIso } from '../util/time.js'
import { KNOWN_UNINTERPRETED } from './known-events.js'
import { succeeded, toolArgs, toolCall, toolResult, writtenFiles } from './tools.js'
import { shutdownUsage } from './usage.js'

type FileChange = PayloadOf<'file_change'>

/** The stretch of a file from a `session.start` or `session.resume` to its `session.shutdown`. */
interface Segment {
  line: number
  /** A model answered in it, so it used tokens that only its shutdown would record. */
  answered: boolean
  /** Its missing usage was already said (once per segment, also across resumed reads). */
  noted: boolean
}

export interface CliState {
  sessionId: string
  /** Calls seen in `toolRequests` and not yet at `tool.execution_start`, which repeats them. */
  calls: string[]
  /** Write calls waiting for their result: a file counts as touched only when the call succeeded. */
  writes: { id: string; changes: FileChange[] }[]
  model: string | null
  segment: Segment | null
  /** The person's prompts so far; absent in the state of an older ingest (read as 0). */
  prompts?: number
  /** Each model's counters at the last `session.shutdown` (see `shutdownUsage`). */
  reported?: Record<string, TokenCounts>
}

export const initialState = (sessionId: string): CliState => ({ sessionId, calls: [], writes: [], model: null, segment: null, prompts: 0 })

/**
 * The key of the session's n-th prompt the person typed (from 0), the same in `events.jsonl` and in
 * `session-store.db`, whose `turns.turn_index` counts them so: whichever is read second finds its
 * prompt already stored and does not count it again.
 */
export const promptKey = (sessionId: string, n: number): string => `copilot-cli:${sessionId}:prompt:${n}`

export const NO_SHUTDOWN = 'usage not recorded: no session.shutdown'

function missingUsage(seg: Segment, why: string): EventPayload {
  return {
    kind: 'marker',
    marker: 'error',
    detail: `${NO_SHUTDOWN} for the part of the session from line ${seg.line} (Copilot CLI writes usage only on a clean exit; ${why})`
  }
}

/** A segment that ends unrecorded says so once; a segment in which no model answered used nothing. */
function closeSegment(st: CliState, why: string): EventPayload[] {
  const seg = st.segment
  st.segment = null
  return seg && seg.answered && !seg.noted ? [missingUsage(seg, why)] : []
}

/** `context.repository` is `owner/name`; with a known host it becomes a remote the scope can match. */
function repositoryUrl(ctx: Json): string | null {
  const repo = str(ctx.repository)
  if (!repo) return null
  const host = str(ctx.repositoryHost) ?? (ctx.hostType === 'github' ? 'github.com' : undefined)
  return host ? `${host}/${repo}` : null
}

/** Where the session ran: `session.start`, `session.resume` and `session.context_changed` carry it. */
function placePatch(st: CliState, context: unknown): SessionPatch {
  const ctx = obj(context) ?? {}
  return {
    id: st.sessionId,
    agent: 'copilot-cli',
    cwd: str(ctx.cwd) ?? null,
    branch: str(ctx.branch) || null,
    commit_sha: str(ctx.headCommit) || null,
    repository_url: repositoryUrl(ctx)
  }
}

function sessionPatch(st: CliState, d: Json, ts: string | null): SessionPatch {
  return {
    ...placePatch(st, d.context),
    agent_version: str(d.copilotVersion) ?? null,
    originator: 'copilot-cli',
    source: 'session-state',
    started_at: toUtcIso(d.startTime) ?? ts
  }
}

function modelChange(st: CliState, model: string | undefined, cwd: string | null = null): EventPayload[] {
  if (!model || model === st.model) return []
  st.model = model
  return [{ kind: 'turn_context', model, cwd }]
}

function newCall(st: CliState, id: string | null, name: string, args: unknown): EventPayload[] {
  if (id && st.calls.includes(id)) {
    st.calls = st.calls.filter((c) => c !== id)
    return []
  }
  const changes = writtenFiles(id, name, args)
  if (id && changes.length > 0 && !st.writes.some((w) => w.id === id)) st.writes.push({ id, changes })
  return [toolCall(id, name, args), ...subAgentPrompt(name, args)]
}

/** A `task` call starts a sub-agent in the same log: its `prompt` is a prompt an agent wrote, not the person. */
function subAgentPrompt(name: string, args: unknown): EventPayload[] {
  const text = name === 'task' ? str(obj(toolArgs(args))?.prompt) : undefined
  return text ? [{ kind: 'user_prompt', text, by_agent: true, images: 0 }] : []
}

function assistantMessage(st: CliState, d: Json, type: string): EventPayload[] {
  const out: EventPayload[] = [...modelChange(st, str(d.model))]
  if (st.segment) st.segment.answered = true
  const reasoning = str(d.reasoningText) ?? ''
  const opaque = str(d.reasoningOpaque) ?? str(d.encryptedContent) ?? ''
  if (reasoning.trim() || opaque) out.push({ kind: 'reasoning', text: reasoning, encrypted: opaque !== '', encrypted_bytes: opaque.length })
  const text = str(d.content) ?? ''
  if (text.trim()) out.push({ kind: 'assistant_message', text, phase: str(d.parentToolCallId) ? 'subagent' : null })
  for (const r of arr(d.toolRequests) ?? []) {
    const q = obj(r) ?? {}
    const id = str(q.toolCallId) ?? null
    const calls = newCall(st, id, str(q.name) ?? 'unknown', q.arguments)
    if (id && calls.length > 0) st.calls.push(id)
    out.push(...calls)
  }
  return out.length > 0 ? out : [{ kind: 'other', type }]
}

function toolComplete(st: CliState, d: Json): EventPayload[] {
  const id = str(d.toolCallId) ?? null
  const out = [toolResult(id, d)]
  const pending = id ? st.writes.find((w) => w.id === id) : undefined
  if (pending) {
    st.writes = st.writes.filter((w) => w !== pending)
    if (succeeded(d)) out.push(...pending.changes)
  }
  return out
}

/**
 * One line of `~/.copilot/session-state/<id>/events.jsonl`: `{type, data, id, timestamp,
 * parentId}`. Prompts, replies, reasoning, tool calls and results, models, and the per-model usage
 * of each `session.shutdown`, which the CLI writes only on a clean exit.
 */
export function pushLine(st: CliState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const ts = toUtcIso(o.timestamp)
  const d = obj(o.data) ?? {}
  const type = str(o.type) ?? 'none'
  const emit = (payloads: EventPayload[]) => {
    for (const payload of payloads) out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } })
  }
  switch (type) {
    case 'session.start':
    case 'session.resume': {
      const before = closeSegment(st, 'it was resumed without one')
      if (type === 'session.start') st.sessionId = str(d.sessionId) ?? st.sessionId
      st.segment = { line: lineNo, answered: false, noted: false }
      out.push({ type: 'session', patch: type === 'session.start' ? sessionPatch(st, d, ts) : placePatch(st, d.context) })
      const ctx = obj(d.context)
      return emit([...before, { kind: 'session_meta' }, ...modelChange(st, str(d.selectedModel), str(ctx?.cwd) ?? null)])
    }
    case 'session.model_change': {
      const changed = modelChange(st, str(d.newModel))
      return emit(changed.length > 0 ? changed : [{ kind: 'other', type }])
    }
    case 'session.context_changed':
      // A start whose git context was still pending gets it here; a session's place is the first one known.
      out.push({ type: 'session', patch: placePatch(st, d) })
      return emit([{ kind: 'other', type }])
    case 'system.message':
      return emit([{ kind: 'context_message', role: str(d.role) ?? 'system', text: str(d.content) ?? '' }])
    case 'user.message': {
      const images = (arr(d.attachments) ?? []).filter((a) => obj(a)?.type === 'image').length
      // Events of a sub-agent carry its `agentId`: such a message is never the person's prompt.
      const byAgent = typeof o.agentId === 'string'
      const payload: EventPayload = { kind: 'user_prompt', text: str(d.content) ?? '', by_agent: byAgent, images }
      if (byAgent) return emit([payload])
      const n = st.prompts ?? 0
      st.prompts = n + 1
      out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload, dedupe_key: promptKey(st.sessionId, n) } })
      return
    }
    case 'assistant.turn_start':
      return emit([{ kind: 'marker', marker: 'turn_start', detail: str(d.turnId) ?? null }])
    case 'assistant.turn_end':
      return emit([{ kind: 'marker', marker: 'turn_end', detail: str(d.turnId) ?? null }])
    case 'assistant.message':
      return emit(assistantMessage(st, d, type))
    case 'tool.execution_start': {
      const calls = newCall(st, str(d.toolCallId) ?? null, str(d.toolName) ?? 'unknown', d.arguments)
      return emit(calls.length > 0 ? calls : [{ kind: 'other', type }])
    }
    case 'tool.execution_complete':
      return emit(toolComplete(st, d))
    case 'session.compaction_complete':
      return emit([{ kind: 'compaction', text: str(d.summaryContent) ?? str(d.summary) ?? null, encrypted: false }])
    case 'abort':
      return emit([{ kind: 'marker', marker: 'abort', detail: str(d.reason) ?? null }])
    case 'session.error':
      return emit([{ kind: 'marker', marker: 'error', detail: str(d.message) ?? str(d.errorType) ?? null }])
    case 'session.shutdown': {
      const usage = shutdownUsage(d.modelMetrics, (st.reported ??= {}))
      const none = usage.every((u) => u.kind === 'token_usage' && !u.counted)
      const said = none ? closeSegment(st, `the session.shutdown at line ${lineNo} has no modelMetrics`) : []
      st.segment = null
      out.push({ type: 'session', patch: { id: st.sessionId, agent: 'copilot-cli', ended_at: ts } })
      return emit([...usage, ...said].length > 0 ? [...usage, ...said] : [{ kind: 'other', type }])
    }
    default:
      if (!KNOWN_UNINTERPRETED.has(type)) out.push({ type: 'unknown', line: lineNo, what: `event "${type}"` })
      return emit([{ kind: 'other', type }])
  }
}

/**
 * At the end of what could be read: a part of the session in which a model answered and that has
 * no `session.shutdown` has no usage in the log. The session says so rather than count zero. The
 * note belongs to no line of the file: it is stored at line 0, which no line of a line format
 * has, so it never takes the place of a line's own events (events are unique by file, line and place).
 */
export function endOfInput(st: CliState, out: ParseRecord[]): void {
  const seg = st.segment
  if (!seg || !seg.answered || seg.noted) return
  const payload = missingUsage(seg, 'the CLI did not exit cleanly, or the session was still running when the log was read')
  seg.noted = true
  // Keyed by session and part, as a line's events are by their bytes: a copy of the log (in `.ai-logs/`) repeats the note, it does not add one.
  const dedupe_key = `copilot-cli:no-shutdown:${st.sessionId}:${seg.line}`
  out.push({ type: 'event', event: { session_id: st.sessionId, ts: null, line: 0, payload, dedupe_key } })
}
