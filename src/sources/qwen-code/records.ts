import type { EventPayload } from '../../model/events.js'
import type { Keyed } from '../util/emit.js'
import { arr, isObject, obj, str, type Json } from '../util/json.js'
import { commandFromArgs } from '../util/shell.js'
import { functionCalls, functionResponses, messageParts, responseText, thoughtTexts, visibleText } from './parts.js'
import { qwenTokens } from './usage.js'

/** What a parser remembers across records: the current model and each call's tool and file, for its result. */
export interface QwenCtx {
  model: string | null
  calls: Record<string, { name: string; path: string | null }>
}

/** Calls remembered for their results; a result arrives a few records after its call, so a window suffices. */
const REMEMBERED_CALLS = 256

const SHELL_TOOLS = new Set(['run_shell_command', 'shell'])
const WRITE_TOOLS: Record<string, 'update' | 'unknown'> = { edit: 'update', replace: 'update', write_file: 'unknown' }

/**
 * `system` subtypes Qwen writes for its own bookkeeping (telemetry copies of usage, UI state,
 * attribution, goals, branch checkpoints): known, and nothing a report shows. A subtype outside
 * this list and the interpreted ones is reported as unknown.
 */
const QUIET_SYSTEM = new Set([
  'ui_telemetry',
  'attribution_snapshot',
  'session_notes',
  'session_source',
  'session_execution_engine',
  'omni_recall',
  'session_model',
  'session_approval_mode',
  'agent_bootstrap',
  'agent_launch_prompt',
  'agent_retry',
  'agent_session_ready',
  'file_history_snapshot',
  'user_text_elements',
  'session_artifact_event',
  'session_artifact_snapshot',
  'session_sources_snapshot',
  'branch_checkpoint',
  'goal_state',
  'goal_turn_end',
  'realtime_message',
  'turn_result',
  'managed_session_header_v1',
  'managed_session_event_v1',
  'managed_session_commit_v1'
])
/** `system` (and `user`) subtypes that are messages to show as context, not prompts. */
const NOTICE_SUBTYPES = new Set(['notification', 'background_task_completed', 'cron', 'goal_runtime'])

/** Written by a sub-agent, so its "user" turns are the parent agent's task. */
export function bySubagent(r: Json): boolean {
  return r.isSidechain === true || typeof r.agentId === 'string'
}

function displayText(r: Json): string | undefined {
  return str(obj(r.systemPayload)?.displayText)
}

function userPayloads(r: Json): Keyed[] {
  const parts = messageParts(r)
  const subtype = str(r.subtype)
  const responses = functionResponses(parts)
  if (responses.length > 0 && responses.length === parts.length)
    return [{ payload: { kind: 'context_message', role: 'tool', text: responses.map((x) => responseText(x).text).join('\n') } }]
  const text = displayText(r) ?? visibleText(parts)
  // A mid-turn message is a person steering while tools run: a prompt like any other.
  if (subtype === undefined || subtype === 'mid_turn_user_message') {
    const uuid = str(r.uuid)
    const images = parts.filter((p) => isObject(p.inlineData)).length
    return [{ payload: { kind: 'user_prompt', text, by_agent: bySubagent(r), images }, dedupe_key: uuid ? `qwen-code:prompt:${uuid}` : null }]
  }
  return [{ payload: { kind: 'context_message', role: subtype, text } }]
}

function assistantPayloads(r: Json, ctx: QwenCtx): Keyed[] {
  const out: Keyed[] = []
  const model = str(r.model) ?? ctx.model
  if (model && model !== ctx.model) {
    ctx.model = model
    out.push({ payload: { kind: 'turn_context', model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null } })
  }
  const parts = messageParts(r)
  for (const t of thoughtTexts(parts)) out.push({ payload: { kind: 'reasoning', text: t, encrypted: false, encrypted_bytes: 0 } })
  const text = visibleText(parts)
  if (text.trim() !== '') out.push({ payload: { kind: 'assistant_message', text, phase: null } })
  for (const fc of functionCalls(parts)) out.push(callPayload(fc, ctx))
  const t = qwenTokens(r.usageMetadata)
  const uuid = str(r.uuid)
  if (t)
    out.push({
      payload: { kind: 'token_usage', model, delta: t, cumulative: null, counted: t.total > 0, reason: t.total > 0 ? null : 'empty' },
      dedupe_key: uuid ? `qwen-code:tokens:${uuid}` : null
    })
  return out
}

function callPayload(fc: Json, ctx: QwenCtx): Keyed {
  const id = str(fc.id) ?? null
  const name = str(fc.name) ?? 'unknown'
  const args = obj(fc.args)
  if (id) {
    ctx.calls[id] = { name, path: str(args?.file_path) ?? str(args?.absolute_path) ?? null }
    const ids = Object.keys(ctx.calls)
    for (const old of ids.slice(0, Math.max(0, ids.length - REMEMBERED_CALLS))) delete ctx.calls[old]
  }
  const payload: EventPayload = {
    kind: 'tool_call',
    call_id: id,
    name,
    arguments: fc.args === undefined ? '{}' : JSON.stringify(fc.args),
    command: SHELL_TOOLS.has(name) ? commandFromArgs(fc.args) : null,
    tool_type: 'function'
  }
  return { payload, dedupe_key: id ? `qwen-code:call:${id}` : null }
}

function toolResultPayloads(r: Json, ctx: QwenCtx): Keyed[] {
  const out: Keyed[] = []
  const info = obj(r.toolCallResult)
  const responses = functionResponses(messageParts(r))
  // A result written without the API parts still has the UI copy.
  const items = responses.length > 0 ? responses : info ? [{ id: info.callId, name: info.name, response: { output: info.resultDisplay } }] : []
  for (const fr of items) {
    const id = str(fr.id) ?? str(info?.callId) ?? null
    const { text, failed } = responseText(fr)
    const status = str(info?.status) ?? (failed ? 'error' : 'success')
    out.push({ payload: { kind: 'tool_result', call_id: id, output: text, exit_code: null, duration_ms: null, status } })
    const call = id ? ctx.calls[id] : undefined
    const name = call?.name ?? str(fr.name) ?? ''
    const path = call?.path ?? str(obj(info?.args)?.file_path) ?? null
    const change = WRITE_TOOLS[name]
    if (change && path && status === 'success') out.push({ payload: { kind: 'file_change', path, change, call_id: id } })
  }
  return out
}

/** What a `system` record shows, or `undefined` when its subtype is not one Qwen is known to write. */
function systemPayloads(r: Json): Keyed[] | undefined {
  const subtype = str(r.subtype) ?? ''
  const p = obj(r.systemPayload)
  switch (subtype) {
    case 'chat_compression': {
      // The summary Qwen wrote opens the compressed history.
      const first = obj(arr(p?.compressedHistory)?.[0])
      const summary = visibleText((arr(first?.parts) ?? []).filter(isObject))
      return [{ payload: { kind: 'compaction', text: summary || null, encrypted: false } }]
    }
    case 'slash_command':
      return p?.phase === 'invocation' ? [{ payload: { kind: 'context_message', role: 'command', text: str(p.rawCommand) ?? '' } }] : []
    case 'at_command':
      return [{ payload: { kind: 'context_message', role: 'at_command', text: str(p?.userText) ?? '' } }]
    case 'rewind':
      return [
        {
          payload: {
            kind: 'marker',
            marker: 'rollback',
            detail: `rewind: ${typeof p?.truncatedCount === 'number' ? p.truncatedCount : '?'} history item(s) truncated`
          }
        }
      ]
    case 'custom_title':
    case 'parent_session':
      return [] // session facts, read by the parser
  }
  if (NOTICE_SUBTYPES.has(subtype)) return [{ payload: { kind: 'context_message', role: subtype, text: displayText(r) ?? visibleText(messageParts(r)) } }]
  return QUIET_SYSTEM.has(subtype) ? [] : undefined
}

/** The events of one Qwen record, or `undefined` when its type (or system subtype) is not one this source knows. */
export function recordPayloads(r: Json, ctx: QwenCtx): Keyed[] | undefined {
  switch (r.type) {
    case 'user':
      return userPayloads(r)
    case 'assistant':
      return assistantPayloads(r, ctx)
    case 'tool_result':
      return toolResultPayloads(r, ctx)
    case 'system':
      return systemPayloads(r)
    default:
      return undefined
  }
}
