import type { EventPayload } from '../../model/events.js'
import type { LineSource, ParseRecord, SniffInput } from '../types.js'
import { arr, isObject, obj, str, parseObjectLine } from '../util/json.js'
import { commandFromArgs } from '../util/shell.js'
import { tryParseJson } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'

interface TranscriptState {
  sessionId: string
  /** Call ids already emitted: a call appears in `assistant.message.toolRequests` and again at `tool.execution_start`. */
  calls: string[]
}

function call(id: string | null, name: string, args: unknown): EventPayload {
  const a = typeof args === 'string' ? args : JSON.stringify(args ?? {})
  const command = commandFromArgs(typeof args === 'string' ? tryParseJson(args) : args)
  return { kind: 'tool_call', call_id: id, name, arguments: a, command, tool_type: 'function' }
}

/** The transcript stream opens with `session.start` from `copilot-agent` inside VS Code. */
function sniffTranscript(head: SniffInput): boolean {
  return head.parsed.some((o) => {
    if (!isObject(o) || o.type !== 'session.start') return false
    const d = obj(o.data)
    return d !== undefined && typeof d.vscodeVersion === 'string' && (d.producer === undefined || d.producer === 'copilot-agent')
  })
}

/**
 * The Copilot Chat "transcripts" event stream (VS Code ≈1.119 / Copilot Chat ≈0.47):
 * `{type, data, id, timestamp, parentId}` lines. It records no tokens and no model (those sit
 * in `debug-logs/<session>/models.json`, which this reader does not open).
 */
function pushLine(st: TranscriptState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const ts = toUtcIso(o.timestamp)
  const d = obj(o.data) ?? {}
  const type = str(o.type) ?? 'none'
  const emit = (payloads: EventPayload[]) => {
    for (const payload of payloads) out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } })
  }
  const newCall = (id: string | null, name: string, args: unknown): EventPayload[] => {
    if (id && st.calls.includes(id)) return []
    if (id) st.calls.push(id)
    return [call(id, name, args)]
  }
  switch (type) {
    case 'session.start':
      st.sessionId = str(d.sessionId) ?? st.sessionId
      out.push({
        type: 'session',
        patch: {
          id: st.sessionId,
          agent: 'copilot-chat',
          agent_version: str(d.copilotVersion) ?? null,
          originator: 'vscode',
          source: 'transcript',
          started_at: toUtcIso(d.startTime) ?? ts
        }
      })
      return emit([{ kind: 'session_meta' }])
    case 'user.message':
      return emit([
        { kind: 'user_prompt', text: str(d.content) ?? '', by_agent: false, images: (arr(d.attachments) ?? []).filter((a) => obj(a)?.type === 'image').length }
      ])
    case 'assistant.turn_start':
      return emit([{ kind: 'marker', marker: 'turn_start', detail: str(d.turnId) ?? null }])
    case 'assistant.turn_end':
      return emit([{ kind: 'marker', marker: 'turn_end', detail: str(d.turnId) ?? null }])
    case 'assistant.message': {
      const text = str(d.content) ?? ''
      const payloads: EventPayload[] = text.trim() ? [{ kind: 'assistant_message', text, phase: null }] : []
      for (const r of arr(d.toolRequests) ?? []) {
        const q = obj(r) ?? {}
        payloads.push(...newCall(str(q.toolCallId) ?? null, str(q.name) ?? 'unknown', q.arguments))
      }
      return emit(payloads.length ? payloads : [{ kind: 'other', type }])
    }
    case 'tool.execution_start': {
      const p = newCall(str(d.toolCallId) ?? null, str(d.toolName) ?? 'unknown', d.arguments)
      return emit(p.length ? p : [{ kind: 'other', type }])
    }
    case 'tool.execution_complete': {
      const res = d.result
      const output = typeof res === 'string' ? res : (str(obj(res)?.content) ?? (res === undefined ? '' : JSON.stringify(res)))
      const status = d.success === true ? 'success' : d.success === false ? 'error' : null
      return emit([{ kind: 'tool_result', call_id: str(d.toolCallId) ?? null, output, exit_code: null, duration_ms: null, status }])
    }
    default:
      emit([{ kind: 'other', type }])
  }
}

export const copilotTranscript: LineSource = {
  mode: 'lines',
  id: 'copilot-chat-transcript',
  agent: 'copilot-chat',
  description: 'GitHub Copilot Chat (VS Code) transcript event stream (GitHub.copilot-chat/transcripts/<session>.jsonl)',
  sniff: sniffTranscript,
  createParser: (ctx, state) => lineParser(state, { initial: { sessionId: ctx.fallbackSessionId, calls: [] }, push: pushLine })
}
