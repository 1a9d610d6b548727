import type { EventPayload } from '../../model/events.js'
import { eventMsgPayloads } from './events.js'
import { accountCumulative, type UsageState } from './usage.js'
import type { LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { arr, isObject, num, obj, str, parseObjectLine } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'

/** The stream's own event types; a bare `{"type":"error"}` is in it too, but any tool may write that. */
const EXEC_TYPES = /^(thread\.started|turn\.(started|completed|failed)|item\.(started|updated|completed))$/

interface ExecState {
  sessionId: string
  model: string | null
  usage: UsageState
  /** Item ids whose call was already emitted, so started/updated/completed make one call. */
  called: string[]
  finished: string[]
  lastAgentMessage: string | null
}

function itemCall(item: Record<string, unknown>): EventPayload[] {
  const id = str(item.id) ?? null
  switch (item.type) {
    case 'command_execution': {
      const command = str(item.command) ?? ''
      return [{ kind: 'tool_call', call_id: id, name: 'shell', arguments: JSON.stringify({ command }), command, tool_type: 'function' }]
    }
    case 'file_change':
      return [
        {
          kind: 'tool_call',
          call_id: id,
          name: 'apply_patch',
          arguments: JSON.stringify({ changes: item.changes ?? [] }),
          command: null,
          tool_type: 'file_change'
        }
      ]
    case 'mcp_tool_call': {
      const name = `${str(item.server) ?? 'mcp'}.${str(item.tool) ?? 'unknown'}`
      const args = typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {})
      return [{ kind: 'tool_call', call_id: id, name, arguments: args, command: null, tool_type: 'mcp' }]
    }
    case 'web_search':
      return [
        { kind: 'tool_call', call_id: id, name: 'web_search', arguments: JSON.stringify({ query: item.query ?? null }), command: null, tool_type: 'web_search' }
      ]
    default:
      return []
  }
}

function itemDone(item: Record<string, unknown>, st: ExecState): EventPayload[] | null {
  const id = str(item.id) ?? null
  switch (item.type) {
    case 'agent_message': {
      const text = str(item.text) ?? ''
      st.lastAgentMessage = text
      return [{ kind: 'assistant_message', text, phase: null }]
    }
    case 'reasoning':
      return [{ kind: 'reasoning', text: str(item.text) ?? '', encrypted: false, encrypted_bytes: 0 }]
    case 'command_execution':
      return [
        {
          kind: 'tool_result',
          call_id: id,
          output: str(item.aggregated_output) ?? '',
          exit_code: num(item.exit_code) ?? null,
          duration_ms: null,
          status: str(item.status) ?? null
        }
      ]
    case 'file_change': {
      const changes = (arr(item.changes) ?? []).map((c) => obj(c)).filter((c) => c !== undefined)
      return [
        ...changes.map((c): EventPayload => {
          const k = str(c.kind)
          const change = k === 'add' || k === 'delete' || k === 'update' ? k : 'unknown'
          return { kind: 'file_change', path: str(c.path) ?? '', change, call_id: id }
        }),
        { kind: 'tool_result', call_id: id, output: '', exit_code: null, duration_ms: null, status: str(item.status) ?? null }
      ]
    }
    case 'mcp_tool_call': {
      const res = item.result ?? item.error ?? null
      return [
        {
          kind: 'tool_result',
          call_id: id,
          output: res === null ? '' : JSON.stringify(res),
          exit_code: null,
          duration_ms: null,
          status: str(item.status) ?? null
        }
      ]
    }
    case 'web_search':
      return []
    case 'todo_list': {
      const steps = (arr(item.items) ?? []).map((s) => ({ step: str(obj(s)?.text) ?? '', status: obj(s)?.completed ? 'completed' : 'pending' }))
      return [{ kind: 'plan_update', explanation: null, steps }]
    }
    case 'error':
      return [{ kind: 'marker', marker: 'error', detail: str(item.message) ?? null }]
    default:
      return null
  }
}

function initialState(ctx: SourceContext): ExecState {
  return {
    sessionId: ctx.fallbackSessionId,
    model: null,
    usage: { prevTotal: null, prevLast: null },
    called: [],
    finished: [],
    lastAgentMessage: null
  }
}

/** `codex exec --json` output: the current `thread.*`/`item.*` stream and the 2025 `{id,msg}` form. */
function pushLine(st: ExecState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const ts = toUtcIso(o.timestamp)
  const emit = (payloads: EventPayload[]) => {
    for (const payload of payloads) out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } })
  }
  const type = str(o.type)
  if (type === 'thread.started') {
    st.sessionId = str(o.thread_id) ?? st.sessionId
    out.push({ type: 'session', patch: { id: st.sessionId, agent: 'codex', source: 'exec', originator: 'codex_exec', started_at: ts } })
    return emit([{ kind: 'session_meta' }])
  }
  if (type === 'turn.started') return emit([{ kind: 'marker', marker: 'turn_start', detail: null }])
  if (type === 'turn.completed') {
    const u = accountCumulative(st.usage, o.usage, st.model)
    return emit([u ?? { kind: 'marker', marker: 'turn_end', detail: null }])
  }
  if (type === 'turn.failed') return emit([{ kind: 'marker', marker: 'error', detail: str(obj(o.error)?.message) ?? null }])
  if (type === 'error') return emit([{ kind: 'marker', marker: 'error', detail: str(o.message) ?? null }])
  if (type?.startsWith('item.')) {
    const item = obj(o.item)
    if (!item) return (out.push({ type: 'skip', line: lineNo, reason: `${type} without an item` }), undefined)
    const id = str(item.id) ?? `line-${lineNo}`
    const payloads: EventPayload[] = []
    if (!st.called.includes(id)) {
      const call = itemCall(item)
      if (call.length) st.called.push(id)
      payloads.push(...call)
    }
    if (type === 'item.completed' && !st.finished.includes(id)) {
      st.finished.push(id)
      const done = itemDone(item, st)
      if (done === null) {
        emit(payloads)
        emit([{ kind: 'other', type: `item:${str(item.type) ?? '?'}` }])
        return (out.push({ type: 'unknown', line: lineNo, what: `item type "${str(item.type) ?? '?'}"` }), undefined)
      }
      payloads.push(...done)
    }
    return emit(payloads.length ? payloads : [{ kind: 'other', type }])
  }
  // The 2025 form: a config summary line, a prompt line, then `{id, msg}` protocol events.
  const msg = obj(o.msg)
  if (msg) {
    const r = eventMsgPayloads(msg, {
      usage: st.usage,
      model: st.model,
      replay: false,
      byAgent: false,
      onAgentMessage: (t) => {
        st.lastAgentMessage = t
      }
    })
    if (r) return emit(r)
    emit([{ kind: 'other', type: `msg:${str(msg.type) ?? '?'}` }])
    return (out.push({ type: 'unknown', line: lineNo, what: `event type "${str(msg.type) ?? '?'}"` }), undefined)
  }
  if (typeof o.prompt === 'string') return emit([{ kind: 'user_prompt', text: o.prompt, by_agent: false, images: 0 }])
  if (isConfigSummary(o)) {
    st.model = str(o.model) ?? st.model
    const p: EventPayload = {
      kind: 'turn_context',
      model: str(o.model) ?? null,
      cwd: str(o.workdir) ?? null,
      approval_policy: str(o.approval) ?? null,
      sandbox_policy: str(o.sandbox) ?? null,
      effort: str(o['reasoning effort']) ?? null,
      summary: str(o['reasoning summaries']) ?? null
    }
    return emit([p])
  }
  emit([{ kind: 'other', type: type ?? 'none' }])
  out.push({ type: 'unknown', line: lineNo, what: `line type "${type ?? 'none'}"` })
}

function isConfigSummary(o: Record<string, unknown>): boolean {
  const vals = Object.values(o)
  return 'model' in o && vals.length > 0 && vals.every((v) => typeof v === 'string')
}

function sniff(head: SniffInput): boolean {
  for (const o of head.parsed) {
    if (!isObject(o)) continue
    if (typeof o.type === 'string' && EXEC_TYPES.test(o.type) && !('payload' in o)) return true
    if (typeof o.id === 'string' && isObject(o.msg) && typeof o.msg.type === 'string') return true
    if (isConfigSummary(o) && ('sandbox' in o || 'approval' in o || 'workdir' in o)) return true
  }
  return false
}

export const codexExec: LineSource = {
  mode: 'lines',
  id: 'codex-exec-json',
  promptless: true,
  agent: 'codex',
  description: 'OpenAI Codex `codex exec --json` output (thread/item stream, and the 2025 {id,msg} form)',
  sniff,
  createParser: (ctx, state) => lineParser(state, { initial: initialState(ctx), push: pushLine })
}
