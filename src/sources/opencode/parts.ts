import type { EventPayload } from '../../model/events.js'
import { zeroTokens, type TokenCounts } from '../../model/tokens.js'
import { num, obj, str, type Json } from '../util/json.js'
import type { Keyed } from '../util/emit.js'

/**
 * What OpenCode's message and part JSON (`message.data`, `part.data`; the types are `MessageV2` in
 * opencode's packages/opencode/src/session/message-v2.ts) become. Tokens are counted from the
 * messages, never from their `step-finish` parts, which repeat the same usage step by step.
 */

/** What a part type turned into; `null` for a type this reader does not interpret. */
export type PartEvents = Keyed[] | null

/** Part types read for nothing on purpose: step markers, and snapshots (a git tree id). */
const QUIET_PARTS = new Set(['step-start', 'step-finish', 'snapshot'])

/** Tools that write the file named by their `filePath` argument, and how. */
const FILE_TOOLS: Record<string, 'update' | 'unknown'> = { edit: 'update', multiedit: 'update', write: 'unknown' }

export interface MessageFacts {
  role: string
  /** True in a sub-agent's session: its "user" is the agent that gave the task. */
  byAgent: boolean
}

/**
 * OpenCode stores input without the cached part and output without reasoning (since its AI SDK 6
 * usage, `adjustedInputTokens` and `outputTokens - reasoningTokens`); normalized input includes
 * cache reads and writes, and output includes reasoning (docs/tokens.md).
 */
export function messageTokens(tokens: Json | undefined): TokenCounts | null {
  if (!tokens) return null
  const cache = obj(tokens.cache)
  const input = num(tokens.input) ?? 0
  const output = num(tokens.output) ?? 0
  const reasoning = num(tokens.reasoning) ?? 0
  const read = num(cache?.read) ?? 0
  const write = num(cache?.write) ?? 0
  const t = zeroTokens()
  t.input = input + read + write
  t.cached_input = read
  t.cache_write = write
  t.output = output + reasoning
  t.reasoning_output = reasoning
  t.total = t.input + t.output
  return t
}

/** The events of an assistant message's own row: its usage, and the error it ended with. */
export function assistantEvents(id: string, data: Json): Keyed[] {
  const out: Keyed[] = []
  const model = str(data.modelID) ?? null
  const cwd = str(obj(data.path)?.cwd) ?? null
  out.push({ payload: { kind: 'turn_context', model, cwd }, dedupe_key: `opencode:${id}#context` })
  const tokens = messageTokens(obj(data.tokens))
  if (tokens) {
    const empty = tokens.total === 0
    out.push({
      payload: { kind: 'token_usage', model, delta: tokens, cumulative: null, counted: !empty, reason: empty ? 'empty' : null },
      dedupe_key: `opencode:${id}#usage`
    })
  }
  const error = obj(data.error)
  if (error) out.push({ payload: { kind: 'marker', marker: 'error', detail: str(error.name) ?? 'error' }, dedupe_key: `opencode:${id}#error` })
  return out
}

function toolEvents(part: Json): Keyed[] {
  const tool = str(part.tool) ?? 'unknown'
  const callId = str(part.callID) ?? null
  const state = obj(part.state) ?? {}
  const input = obj(state.input) ?? {}
  const command = tool === 'bash' ? (str(input.command) ?? null) : null
  const out: EventPayload[] = [
    { kind: 'tool_call', call_id: callId, name: tool, arguments: JSON.stringify(input), command, tool_type: tool === 'bash' ? 'local_shell' : 'function' }
  ]
  const status = str(state.status)
  const time = obj(state.time)
  const start = num(time?.start)
  const end = num(time?.end)
  const duration = start !== undefined && end !== undefined && end >= start ? end - start : null
  if (status === 'completed') {
    const exit = num(obj(state.metadata)?.exit)
    out.push({
      kind: 'tool_result',
      call_id: callId,
      output: str(state.output) ?? '',
      exit_code: exit !== undefined && Number.isInteger(exit) ? exit : null,
      duration_ms: duration,
      status
    })
  } else if (status === 'error') {
    out.push({ kind: 'tool_result', call_id: callId, output: str(state.error) ?? '', exit_code: null, duration_ms: duration, status })
  }
  const change = FILE_TOOLS[tool]
  const path = str(input.filePath)
  // A call that failed changed nothing; one still pending or running may yet.
  if (change && path && status !== 'error') out.push({ kind: 'file_change', path, change, call_id: callId })
  return out.map((payload) => ({ payload }))
}

/** The events of one part; `null` when its type is not one this reader interprets. */
export function partEvents(part: Json, message: MessageFacts): PartEvents {
  const type = str(part.type) ?? ''
  if (QUIET_PARTS.has(type)) return []
  switch (type) {
    case 'text': {
      const text = str(part.text) ?? ''
      if (message.role === 'assistant') return [{ payload: { kind: 'assistant_message', text } }]
      // Synthetic text is what OpenCode added to the prompt (a file's contents, a tool's note), not what anyone typed.
      if (part.synthetic === true || part.ignored === true) return [{ payload: { kind: 'context_message', role: 'synthetic', text } }]
      return [{ payload: { kind: 'user_prompt', text, by_agent: message.byAgent, images: 0 } }]
    }
    case 'reasoning':
      return [{ payload: { kind: 'reasoning', text: str(part.text) ?? '', encrypted: false, encrypted_bytes: 0 } }]
    case 'tool':
      return toolEvents(part)
    case 'file': {
      // The url can be a data: URL holding the whole file; only its name and type are kept.
      const name = str(part.filename) ?? str(obj(part.source)?.path) ?? 'file'
      return [{ payload: { kind: 'context_message', role: 'attachment', text: `[${str(part.mime) ?? 'file'}: ${name}]` } }]
    }
    case 'patch': {
      const files = Array.isArray(part.files) ? part.files.filter((f): f is string => typeof f === 'string') : []
      return files.map((path) => ({ payload: { kind: 'file_change', path, change: 'unknown', call_id: null } }))
    }
    case 'compaction':
      return [{ payload: { kind: 'compaction', text: null, encrypted: false } }]
    case 'subtask':
      return [{ payload: { kind: 'context_message', role: 'subtask', text: str(part.prompt) ?? '' } }]
    case 'retry':
      return [{ payload: { kind: 'marker', marker: 'error', detail: `retry ${num(part.attempt) ?? ''}`.trim() } }]
    default:
      return null
  }
}
