import { basename } from 'node:path'
import type { EventPayload, PayloadOf } from '../../model/events.js'
import type { ParseRecord } from '../types.js'
import { arr, obj, parseObjectLine, str, type Json } from '../util/json.js'
import { toUtcIso } from '../util/time.js'
import { requestCost, usageRow } from './usage.js'

type FileChange = PayloadOf<'file_change'>

export interface PiState {
  sessionId: string
  model: string | null
  /** Writes waiting for their result: a file counts as touched only when the call succeeded. */
  writes: { id: string; change: FileChange }[]
  cost: number | null
}

export const initialState = (sessionId: string): PiState => ({ sessionId, model: null, writes: [], cost: null })

/** Entry types that carry nothing a report shows: stored raw as `other`. */
const KNOWN_UNINTERPRETED = new Set(['label', 'custom', 'branch_summary'])

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

function textOf(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 }
  const blocks = (arr(content) ?? []).map(obj).filter((b): b is Json => b !== undefined)
  const text = blocks
    .filter((b) => b.type === 'text')
    .map((b) => str(b.text) ?? '')
    .join('\n')
  return { text, images: blocks.filter((b) => b.type === 'image').length }
}

function modelChange(st: PiState, model: string | undefined, cwd: string | null = null): EventPayload[] {
  if (!model || model === st.model) return []
  st.model = model
  return [{ kind: 'turn_context', model, cwd }]
}

/** `write` creates or overwrites a file (which of the two the log does not say); `edit` changes one. */
function writeOf(name: string, args: Json, id: string): FileChange | null {
  const path = str(args.path) ?? str(args.file_path)
  if (!path) return null
  if (name === 'write') return { kind: 'file_change', path, change: 'unknown', call_id: id }
  if (name === 'edit') return { kind: 'file_change', path, change: 'update', call_id: id }
  return null
}

function assistant(st: PiState, m: Json): EventPayload[] {
  const out: EventPayload[] = [...modelChange(st, str(m.model))]
  for (const b of (arr(m.content) ?? []).map(obj)) {
    if (!b) continue
    if (b.type === 'text' && str(b.text)?.trim()) out.push({ kind: 'assistant_message', text: str(b.text) ?? '', phase: null })
    else if (b.type === 'thinking') {
      const text = str(b.thinking) ?? ''
      if (text.trim() || b.redacted === true) out.push({ kind: 'reasoning', text, encrypted: b.redacted === true, encrypted_bytes: 0 })
    } else if (b.type === 'toolCall') {
      const id = str(b.id) ?? null
      const name = str(b.name) ?? 'unknown'
      const args = obj(b.arguments) ?? {}
      const command = name === 'bash' ? (str(args.command) ?? null) : null
      out.push({ kind: 'tool_call', call_id: id, name, arguments: JSON.stringify(args), command, tool_type: 'function' })
      const change = id ? writeOf(name, args, id) : null
      if (id && change) st.writes.push({ id, change })
    }
  }
  out.push(...usageRow(st.model, m.usage))
  const cost = requestCost(m.usage)
  if (cost !== null) st.cost = (st.cost ?? 0) + cost
  const stop = str(m.stopReason)
  if (stop === 'aborted') out.push({ kind: 'marker', marker: 'abort', detail: str(m.errorMessage) ?? null })
  else if (stop === 'error') out.push({ kind: 'marker', marker: 'error', detail: str(m.errorMessage) ?? null })
  return out
}

function toolResult(st: PiState, m: Json): EventPayload[] {
  const id = str(m.toolCallId) ?? null
  const failed = m.isError === true
  const out: EventPayload[] = [
    { kind: 'tool_result', call_id: id, output: textOf(m.content).text, exit_code: null, duration_ms: null, status: failed ? 'error' : 'success' }
  ]
  const pending = id ? st.writes.find((w) => w.id === id) : undefined
  if (pending) {
    st.writes = st.writes.filter((w) => w !== pending)
    if (!failed) out.push(pending.change)
  }
  return out
}

/** A `!command` the person ran in pi's prompt: a shell call and its output in one message. */
function bashExecution(m: Json, id: string | null): EventPayload[] {
  const command = str(m.command) ?? ''
  const exit = typeof m.exitCode === 'number' && Number.isInteger(m.exitCode) ? m.exitCode : null
  return [
    { kind: 'tool_call', call_id: id, name: 'bash', arguments: JSON.stringify({ command }), command, tool_type: 'local_shell' },
    { kind: 'tool_result', call_id: id, output: str(m.output) ?? '', exit_code: exit, duration_ms: null, status: m.cancelled === true ? 'cancelled' : null }
  ]
}

function message(st: PiState, o: Json): EventPayload[] {
  const m = obj(o.message) ?? {}
  const role = str(m.role) ?? 'none'
  switch (role) {
    case 'user': {
      const { text, images } = textOf(m.content)
      return [{ kind: 'user_prompt', text, by_agent: false, images }]
    }
    case 'assistant':
      return assistant(st, m)
    case 'toolResult':
      return toolResult(st, m)
    case 'bashExecution':
      return bashExecution(m, str(o.id) ?? str(o.timestamp) ?? null)
    case 'custom':
    case 'hookMessage':
      return [{ kind: 'context_message', role: `custom:${str(m.customType) ?? ''}`, text: textOf(m.content).text }]
    default:
      return []
  }
}

/** The id of the session a header names as its origin (`parentSession`, older `branchedFrom`): the UUID in that file's name. */
function parentOf(h: Json): string | null {
  const from = str(h.parentSession) ?? str(h.branchedFrom)
  return from ? (UUID.exec(basename(from))?.[0]?.toLowerCase() ?? null) : null
}

/**
 * One line of a pi session (`~/.pi/agent/sessions/--<cwd>--/<time>_<id>.jsonl`): the `session`
 * header (id, start, cwd; version 1 headers also name the model), `message` entries (user,
 * assistant with usage and cost, tool results, `!` commands, extension messages), model and
 * thinking-level changes, compactions and the session's name.
 */
export function pushLine(st: PiState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const ts = toUtcIso(o.timestamp)
  const type = str(o.type) ?? 'none'
  const emit = (payloads: EventPayload[]) => {
    const list: EventPayload[] = payloads.length > 0 ? payloads : [{ kind: 'other', type }]
    for (const payload of list) out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } })
  }
  switch (type) {
    case 'session': {
      st.sessionId = str(o.id) ?? st.sessionId
      const parent = parentOf(o)
      out.push({
        type: 'session',
        patch: {
          id: st.sessionId,
          agent: 'pi',
          originator: 'pi',
          source: 'session',
          agent_version: typeof o.version === 'number' ? `session format ${o.version}` : 'session format 1',
          started_at: ts,
          cwd: str(o.cwd) ?? null,
          parent_id: parent,
          parent_relation: parent ? 'fork' : null
        }
      })
      return emit([{ kind: 'session_meta' }, ...modelChange(st, str(o.modelId), str(o.cwd) ?? null)])
    }
    case 'message': {
      const payloads = message(st, o)
      const role = str(obj(o.message)?.role) ?? ''
      if (payloads.length === 0) out.push({ type: 'unknown', line: lineNo, what: `message role "${role}"` })
      // The cost so far rides on each answer, so a session read while still running has the cost of what it did.
      if (role === 'assistant') out.push({ type: 'session', patch: { id: st.sessionId, agent: 'pi', reported_cost_usd: st.cost, ended_at: ts } })
      return emit(payloads)
    }
    case 'model_change':
      return emit(modelChange(st, str(o.modelId)))
    case 'thinking_level_change':
      return emit([{ kind: 'turn_context', model: st.model, effort: str(o.thinkingLevel) ?? null }])
    case 'compaction':
      return emit([{ kind: 'compaction', text: str(o.summary) ?? null, encrypted: false }])
    case 'custom_message':
      return emit([{ kind: 'context_message', role: `custom:${str(o.customType) ?? ''}`, text: textOf(o.content).text }])
    case 'session_info':
      out.push({ type: 'session', patch: { id: st.sessionId, agent: 'pi', title: str(o.name) ?? null } })
      return emit([])
    default:
      if (!KNOWN_UNINTERPRETED.has(type)) out.push({ type: 'unknown', line: lineNo, what: `entry "${type}"` })
      return emit([])
  }
}
