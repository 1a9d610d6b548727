import type { EventPayload, PayloadOf } from '../../model/events.js'
import type { LineSource, ParseRecord, SniffInput } from '../types.js'
import { arr, isObject, obj, parseObjectLine, str, type Json } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'
import { droidSessionId, NOT_DROID } from './paths.js'

type FileChange = PayloadOf<'file_change'>

interface DroidState {
  sessionId: string
  /** Writes waiting for their result: a file counts as touched only when the call succeeded. */
  writes: { id: string; change: FileChange }[]
}

/** Tools that write the file named by `file_path` (or `path`), and how. */
const WRITES: Record<string, FileChange['change']> = { Create: 'add', Edit: 'update', MultiEdit: 'update', ApplyPatch: 'update' }
const SHELL = new Set(['Execute', 'Bash', 'Shell'])

function blocks(content: unknown): Json[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  return (arr(content) ?? []).map((b) => (typeof b === 'string' ? { type: 'text', text: b } : obj(b))).filter((b): b is Json => b !== undefined)
}

const textOf = (v: unknown): string =>
  blocks(v)
    .filter((b) => b.type === 'text')
    .map((b) => str(b.text) ?? '')
    .join('\n')

function userMessage(st: DroidState, content: unknown): EventPayload[] {
  const out: EventPayload[] = []
  const bs = blocks(content)
  for (const b of bs.filter((x) => x.type === 'tool_result')) {
    const id = str(b.tool_use_id) ?? null
    const failed = b.is_error === true
    out.push({ kind: 'tool_result', call_id: id, output: textOf(b.content), exit_code: null, duration_ms: null, status: failed ? 'error' : 'success' })
    const pending = id ? st.writes.find((w) => w.id === id) : undefined
    if (pending) {
      st.writes = st.writes.filter((w) => w !== pending)
      if (!failed) out.push(pending.change)
    }
  }
  const text = textOf(bs.filter((b) => b.type === 'text'))
  const images = bs.filter((b) => b.type === 'image').length
  // A message of tool results only is the agent's bookkeeping, not something the person typed.
  if (text.trim() || images > 0) out.push({ kind: 'user_prompt', text, by_agent: false, images })
  return out
}

function assistantMessage(st: DroidState, content: unknown): EventPayload[] {
  const out: EventPayload[] = []
  for (const b of blocks(content)) {
    if (b.type === 'text' && str(b.text)?.trim()) out.push({ kind: 'assistant_message', text: str(b.text) ?? '', phase: null })
    else if (b.type === 'thinking' || b.type === 'redacted_thinking') {
      const text = str(b.thinking) ?? ''
      if (text.trim() || b.type === 'redacted_thinking') out.push({ kind: 'reasoning', text, encrypted: b.type === 'redacted_thinking', encrypted_bytes: 0 })
    } else if (b.type === 'tool_use') {
      const id = str(b.id) ?? null
      const name = str(b.name) ?? 'unknown'
      const input = obj(b.input) ?? {}
      const command = SHELL.has(name) ? (str(input.command) ?? null) : null
      out.push({ kind: 'tool_call', call_id: id, name, arguments: JSON.stringify(input), command, tool_type: 'function' })
      const path = str(input.file_path) ?? str(input.path)
      const change = WRITES[name]
      if (id && path && change) st.writes.push({ id, change: { kind: 'file_change', path, change, call_id: id } })
    }
  }
  return out
}

/**
 * One line of a Droid session (`~/.factory/sessions/<folder>/<id>.jsonl`): the `session_start`
 * header (id, title, cwd) and `message` entries whose `message` is an Anthropic-format message
 * (text, thinking, `tool_use`, and `tool_result` blocks in the next user message). The log holds no
 * usage: that is in the session's `settings.json` (see settings.ts).
 */
function pushLine(st: DroidState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const ts = toUtcIso(o.timestamp)
  const type = str(o.type) ?? 'none'
  const emit = (payloads: EventPayload[]) => {
    const list: EventPayload[] = payloads.length > 0 ? payloads : [{ kind: 'other', type }]
    for (const payload of list) out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload } })
  }
  switch (type) {
    case 'session_start':
      out.push({
        type: 'session',
        patch: {
          id: st.sessionId,
          agent: 'factory-droid',
          originator: 'factory-droid',
          source: 'session',
          cwd: str(o.cwd) ?? null,
          title: str(o.sessionTitle) ?? str(o.title) ?? null,
          started_at: ts
        }
      })
      return emit([{ kind: 'session_meta' }])
    case 'message': {
      const m = obj(o.message) ?? {}
      const role = str(m.role) ?? ''
      if (ts) out.push({ type: 'session', patch: { id: st.sessionId, agent: 'factory-droid', started_at: ts, ended_at: ts } })
      if (role === 'user') return emit(userMessage(st, m.content))
      if (role === 'assistant') return emit(assistantMessage(st, m.content))
      out.push({ type: 'unknown', line: lineNo, what: `message role "${role}"` })
      return emit([])
    }
    default:
      out.push({ type: 'unknown', line: lineNo, what: `entry "${type}"` })
      return emit([])
  }
}

/**
 * A Droid session opens with `{"type": "session_start", "id", "title", "owner"?, "cwd"}`. Another
 * tool's `session_start` (Enso's carries `model` and `resumed`) is not taken; nor is a file under
 * an Antigravity folder.
 */
export function sniffDroid(head: SniffInput): boolean {
  if (NOT_DROID.test(head.path)) return false
  const h = head.parsed[0]
  if (!isObject(h) || h.type !== 'session_start') return false
  if (typeof h.id !== 'string' || typeof h.cwd !== 'string' || 'resumed' in h || 'payload' in h) return false
  return typeof h.title === 'string' || typeof h.sessionTitle === 'string' || typeof h.owner === 'string'
}

export const droidSession: LineSource = {
  mode: 'lines',
  id: 'factory-droid-session',
  agent: 'factory-droid',
  description: 'Factory Droid session (~/.factory/sessions/<folder>/<session>.jsonl)',
  sniff: sniffDroid,
  createParser: (ctx, state) =>
    lineParser<DroidState>(state, { initial: { sessionId: droidSessionId(ctx.path, ctx.fallbackSessionId), writes: [] }, push: pushLine })
}
