import type { EventPayload } from '../../model/events.js'
import { accountCodexUsage, codexRateLimits, type UsageState } from './usage.js'
import { isInjectedContext } from './items.js'
import { fileChange, mcpCall } from './turn-items.js'
import { arr, num, obj, str } from '../util/json.js'

export interface EventMsgContext {
  usage: UsageState
  model: string | null
  replay: boolean
  byAgent: boolean
  /**
   * A 0.147-or-later file, whose copies the caller removes: the end events of patches, MCP
   * calls, web searches and image generations are read as the calls' results. In older files
   * (early builds persisted every event) they stay raw, as their calls are read elsewhere.
   */
  items?: boolean
  /** Set to the text of each agent_message so its copy as a response item is recognized. */
  onAgentMessage(text: string): void
}

/** End events 0.147 and later persist, read only in such files (see `items`). */
const ITEM_ERA = new Set(['patch_apply_end', 'mcp_tool_call_end', 'web_search_end', 'image_generation_end'])

/** Event types Codex persists that carry nothing a report shows; kept raw as `other` without a warning. */
const QUIET = new Set([
  'sub_agent_activity',
  'thread_goal_updated',
  'exec_command_begin',
  'exec_command_end',
  'patch_apply_begin',
  'patch_apply_end',
  'mcp_tool_call_begin',
  'mcp_tool_call_end',
  'web_search_begin',
  'web_search_end',
  'view_image_tool_call',
  'plan_update',
  'thread_name_updated',
  'image_generation_end',
  'injected_message',
  'background_event',
  'stream_error',
  'session_configured',
  'turn_diff',
  'get_history_entry_response',
  'mcp_list_tools_response',
  'list_custom_prompts_response',
  'agent_message_delta',
  'agent_reasoning_delta',
  'agent_reasoning_section_break',
  'exec_approval_request',
  'apply_patch_approval_request',
  'shutdown_complete',
  'dynamic_tool_call_request',
  'dynamic_tool_call_response',
  'guardian_assessment'
])

/**
 * Maps one Codex protocol event (a rollout `event_msg` payload, or `msg` of the legacy
 * `codex exec --json` stream) onto normalized payloads; null for an unknown type.
 */
export function eventMsgPayloads(p: Record<string, unknown>, ctx: EventMsgContext): EventPayload[] | null {
  const type = str(p.type) ?? ''
  switch (type) {
    case 'user_message': {
      const text = str(p.message) ?? ''
      const images = (arr(p.images)?.length ?? 0) + (arr(p.local_images)?.length ?? 0)
      if (isInjectedContext(text)) return [{ kind: 'context_message', role: 'user', text }]
      return [{ kind: 'user_prompt', text, by_agent: ctx.byAgent, images }]
    }
    case 'agent_message': {
      const text = str(p.message) ?? ''
      ctx.onAgentMessage(text)
      return [{ kind: 'assistant_message', text, phase: str(p.phase) ?? null }]
    }
    case 'agent_reasoning':
    case 'agent_reasoning_raw_content':
      return [{ kind: 'reasoning', text: str(p.text) ?? '', encrypted: false, encrypted_bytes: 0 }]
    case 'token_count': {
      const out: EventPayload[] = []
      const usage = accountCodexUsage(ctx.usage, p.info, ctx.model, ctx.replay)
      if (usage) out.push(usage)
      const rl = codexRateLimits(p.rate_limits)
      if (rl) out.push(rl)
      return out.length ? out : [{ kind: 'other', type: 'token_count_empty' }]
    }
    case 'turn_aborted':
      return [{ kind: 'marker', marker: 'abort', detail: str(p.reason) ?? null }]
    case 'entered_review_mode':
      return [{ kind: 'marker', marker: 'review_enter', detail: str(obj(p.target)?.type) ?? str(p.user_facing_hint) ?? null }]
    case 'exited_review_mode':
      return [{ kind: 'marker', marker: 'review_exit', detail: str(obj(p.review_output)?.overall_correctness) ?? null }]
    case 'context_compacted':
      return [{ kind: 'marker', marker: 'context_compacted', detail: null }]
    case 'undo_completed':
      return [{ kind: 'marker', marker: 'undo', detail: p.success === false ? 'failed' : 'ok' }]
    case 'thread_rolled_back':
      return [{ kind: 'marker', marker: 'rollback', detail: String(num(p.num_turns) ?? '') }]
    case 'task_started':
    case 'turn_started':
      return [{ kind: 'marker', marker: 'turn_start', detail: str(p.turn_id) ?? null }]
    case 'task_complete':
    case 'turn_complete':
      return [{ kind: 'marker', marker: 'turn_end', detail: str(p.turn_id) ?? null }]
    case 'error':
      return [{ kind: 'marker', marker: 'error', detail: str(p.message) ?? null }]
    case 'item_completed': {
      const item = obj(p.item)
      if (item && (item.type === 'Plan' || item.type === 'plan')) {
        const steps = (arr(item.plan) ?? arr(item.steps) ?? []).map((s) => ({ step: str(obj(s)?.step) ?? str(s) ?? '', status: str(obj(s)?.status) ?? '' }))
        return [{ kind: 'plan_update', explanation: str(item.text) ?? null, steps }]
      }
      return [{ kind: 'other', type }]
    }
    default:
      if (ctx.items && ITEM_ERA.has(type)) return itemEraEnd(type, p)
      return QUIET.has(type) ? [{ kind: 'other', type }] : null
  }
}

function itemEraEnd(type: string, p: Record<string, unknown>): EventPayload[] {
  const callId = str(p.call_id) ?? null
  switch (type) {
    case 'patch_apply_end':
      return fileChange(p, callId)
    case 'mcp_tool_call_end':
      return mcpCall(p, callId)
    case 'web_search_end':
      return [
        {
          kind: 'tool_call',
          call_id: callId,
          name: 'web_search',
          arguments: JSON.stringify(obj(p.action) ?? { query: p.query ?? null }),
          command: null,
          tool_type: 'web_search'
        }
      ]
    default:
      // image_generation_end: `result` is the image (base64), never copied into an event.
      return [{ kind: 'tool_result', call_id: callId, output: str(p.saved_path) ?? '', exit_code: null, duration_ms: null, status: str(p.status) ?? null }]
  }
}
