import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import type { ParseRecord } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { isObject, num, obj, str, tryParseJson, type Json } from '../util/json.js'
import { isoOrNull } from '../util/time.js'
import { lineProblem } from '../util/token-count.js'
import type { ClineAgent } from './agents.js'
import { KNOWN_UNINTERPRETED } from './known.js'
import { knownPlace, placeIn, type Place } from './place.js'
import { commandRecord, mcpRecord, toolRecord } from './tools.js'
import { requestCost, requestTokens, usageRow } from './usage.js'

interface TaskState {
  sessionId: string
  model: string | null
  place: Place | null
  /** The last command or MCP call, whose output records follow it. */
  lastCall: string | null
  cost: number | null
}

const imagesOf = (m: Json): number => (Array.isArray(m.images) ? m.images.length : 0)

/** `modelInfo` (newer Cline, on every record) or `modelId` in a request's JSON (Kilo Code, newer forks). */
function modelChange(st: TaskState, model: string | undefined): EventPayload[] {
  if (!model || model === st.model) return []
  st.model = model
  return [{ kind: 'turn_context', model, cwd: st.place?.cwd ?? null }]
}

function apiRequest(st: TaskState, text: string, out: ParseRecord[], agent: ClineAgent): EventPayload[] {
  const info = obj(tryParseJson(text))
  if (!info) return [{ kind: 'other', type: 'api_req_started' }]
  const payloads: EventPayload[] = [...modelChange(st, str(info.modelId))]
  const request = str(info.request)
  if (request && !st.place) {
    const place = placeIn(request)
    if (knownPlace(place)) {
      st.place = place
      out.push({ type: 'session', patch: { id: st.sessionId, agent, ...place } })
    }
  }
  const tokens = requestTokens(info)
  const cost = requestCost(info)
  if (cost !== null) st.cost = (st.cost ?? 0) + cost
  if (tokens) payloads.push(usageRow(st.model, tokens))
  const cancelled = str(info.cancelReason)
  if (cancelled) payloads.push({ kind: 'marker', marker: 'abort', detail: cancelled })
  return payloads.length > 0 ? payloads : [{ kind: 'other', type: 'api_req_started' }]
}

/** `ask: "followup"`: `{question, options}` JSON in current versions, plain text in older ones. */
function question(text: string): string {
  const q = obj(tryParseJson(text))
  return str(q?.question) ?? text
}

/**
 * One record of `ui_messages.json`: `{ts, type: "say"|"ask", say?/ask?, text, images?, partial?,
 * modelInfo?}`. The first record is the task as the person typed it (`say: "text"` in current
 * versions, `say: "task"` in older ones), `user_feedback` is a later prompt; `text`,
 * `completion_result` and the mode answers are the agent's words; `tool`, `command` and
 * `use_mcp_server` are calls; `api_req_started` holds each request's usage and cost.
 */
function record(st: TaskState, m: Json, index: number, out: ParseRecord[], agent: ClineAgent): EventPayload[] {
  const type = str(m.type) ?? 'none'
  const sub = type === 'say' ? str(m.say) : type === 'ask' ? str(m.ask) : undefined
  const key = `${type} "${sub ?? ''}"`
  const text = str(m.text) ?? ''
  const callId = String(num(m.ts) ?? index)
  // A record still being streamed when the file was written: its final form is a later record, or none.
  if (m.partial === true) return [{ kind: 'other', type: `${key} (partial)` }]
  const model = modelChange(st, str(obj(m.modelInfo)?.modelId))
  const own = (): EventPayload[] => {
    switch (key) {
      case 'say "task"':
        return [{ kind: 'user_prompt', text, by_agent: false, images: imagesOf(m) }]
      case 'say "text"':
        return index === 0
          ? [{ kind: 'user_prompt', text, by_agent: false, images: imagesOf(m) }]
          : text.trim()
            ? [{ kind: 'assistant_message', text, phase: null }]
            : []
      case 'say "user_feedback"':
        return [{ kind: 'user_prompt', text, by_agent: false, images: imagesOf(m) }]
      case 'say "reasoning"':
        return text.trim() ? [{ kind: 'reasoning', text, encrypted: false, encrypted_bytes: 0 }] : []
      case 'say "completion_result"':
        return text.trim() ? [{ kind: 'assistant_message', text, phase: 'completion' }] : []
      case 'ask "followup"':
      case 'ask "plan_mode_respond"':
      case 'say "act_mode_respond"':
      case 'ask "text"':
        return [{ kind: 'assistant_message', text: key === 'ask "followup"' ? question(text) : text, phase: null }]
      case 'say "api_req_started"':
        return apiRequest(st, text, out, agent)
      case 'say "tool"':
      case 'ask "tool"':
        return toolRecord(text, callId)
      case 'say "command"':
      case 'ask "command"':
        st.lastCall = callId
        return [commandRecord(text, callId)]
      case 'say "command_output"':
      case 'ask "command_output"':
        return [{ kind: 'tool_result', call_id: st.lastCall, output: text, exit_code: null, duration_ms: null, status: null }]
      case 'ask "use_mcp_server"':
      case 'say "use_mcp_server"':
        st.lastCall = callId
        return [mcpRecord(text, callId)]
      case 'say "mcp_server_response"':
        return [{ kind: 'tool_result', call_id: st.lastCall, output: text, exit_code: null, duration_ms: null, status: null }]
      case 'say "error"':
        return [{ kind: 'marker', marker: 'error', detail: text || null }]
      case 'say "condense_context"':
        return [{ kind: 'compaction', text: str(obj(m.contextCondense)?.summary) ?? (text || null), encrypted: false }]
      default:
        if (!KNOWN_UNINTERPRETED.has(key)) out.push({ type: 'unknown', line: index + 1, what: `ui message ${key}` })
        return []
    }
  }
  const payloads = [...model, ...own()]
  return payloads.length > 0 ? payloads : [{ kind: 'other', type: key }]
}

/**
 * `ui_messages.json` of a Cline, Roo Code or Kilo Code task: the conversation as the extension
 * shows it. The extension writes the array on one line, so an event's line is its record's
 * place in the array (1-based); each event's record goes with it as raw JSON.
 */
export function parseUiMessages(text: string, agent: ClineAgent, sessionId: string, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!Array.isArray(doc)) throw new Error('expected a JSON array of UI messages')
  const st: TaskState = { sessionId, model: null, place: null, lastCall: null, cost: null }
  const times = doc.map((m) => (isObject(m) ? num(m.ts) : undefined)).filter((t): t is number => t !== undefined)
  const first = times.length > 0 ? isoOrNull(Math.min(...times)) : null
  const last = times.length > 0 ? isoOrNull(Math.max(...times)) : null
  out.push({ type: 'session', patch: { id: sessionId, agent, source: 'ui_messages', originator: agent, started_at: first, ended_at: last } })
  doc.forEach((m, i) => {
    const lineNo = i + 1
    if (!isObject(m)) {
      out.push({ type: 'skip', line: lineNo, reason: 'array element is not a JSON object' })
      return
    }
    try {
      const found: ParseRecord[] = []
      const payloads = record(st, m, i, found, agent)
      const ts = isoOrNull(num(m.ts) ?? NaN)
      out.push(...found)
      emitRecord(
        out,
        sessionId,
        lineNo,
        ts,
        payloads.map((payload) => ({ payload })),
        JSON.stringify(m)
      )
    } catch (e) {
      out.push({ type: 'skip', line: lineNo, reason: lineProblem(e) })
    }
  })
  const end: SessionPatch = { id: sessionId, agent, reported_cost_usd: st.cost }
  if (st.cost !== null) out.push({ type: 'session', patch: end })
}
