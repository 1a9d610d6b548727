import { basename, dirname } from 'node:path'
import type { EventPayload } from '../../model/events.js'
import type { ParseRecord, SourceContext } from '../types.js'
import { arr, obj, parseObjectLine, str, type Json } from '../util/json.js'
import { callContent, sharedKeys, type SeenCounts } from './keys.js'
import { toolEvents } from './tools.js'

export const AGENT = 'cursor'

export interface TranscriptState {
  sessionId: string
  parentId: string | null
  started: boolean
  /** Keyed contents seen so far (see keys.ts); absent in the state of an older ingest. */
  seen?: SeenCounts
}

/**
 * The session is the transcript's folder, `agent-transcripts/<id>/<id>.jsonl`; a sub-agent's
 * transcript lies in `<id>/subagents/` and belongs to that session.
 */
export function initialState(ctx: SourceContext): TranscriptState {
  const stem = basename(ctx.path).replace(/\.jsonl$/i, '')
  const folder = dirname(ctx.path)
  const parent = basename(folder) === 'subagents' ? basename(dirname(folder)) : null
  return { sessionId: stem && stem !== basename(ctx.path) ? stem : ctx.fallbackSessionId, parentId: parent, started: false, seen: {} }
}

/** Cursor wraps what the person typed in `<user_query>`; what lies around it is context it added. */
const USER_QUERY = /<user_query>\s*([\s\S]*?)\s*<\/user_query>/

/** Cursor writes the literal `[REDACTED]` where it keeps the model's reasoning out of the transcript. */
const REDACTED = '[REDACTED]'

function blocksOf(content: unknown): Json[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  return (arr(content) ?? []).map(obj).filter((b): b is Json => b !== undefined)
}

function textOf(blocks: Json[]): string {
  return blocks
    .filter((b) => b.type === 'text')
    .map((b) => str(b.text) ?? '')
    .join('\n')
}

function resultText(content: unknown): string {
  return typeof content === 'string' ? content : textOf(blocksOf(content))
}

/** What one block of a message says; null for a block of a kind this reader does not know. */
function blockEvents(b: Json, role: string, sub: boolean): EventPayload[] | null {
  switch (b.type) {
    case 'text': {
      const text = str(b.text) ?? ''
      if (role === 'user') {
        const query = USER_QUERY.exec(text)
        return [{ kind: 'user_prompt', text: query ? query[1] : text, by_agent: sub, images: 0 }]
      }
      const redacted = text.trimEnd().endsWith(REDACTED)
      const said = redacted ? text.trimEnd().slice(0, -REDACTED.length).trimEnd() : text
      const out: EventPayload[] = []
      if (said.trim()) out.push({ kind: 'assistant_message', text: said, phase: null })
      if (redacted) out.push({ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: 0 })
      return out
    }
    case 'image':
      return role === 'user' ? [{ kind: 'user_prompt', text: '', by_agent: sub, images: 1 }] : []
    case 'tool_use': {
      const name = str(b.name) ?? 'unknown'
      const input = b.input
      const args = obj(input) ?? {}
      const raw = typeof input === 'string' ? input : JSON.stringify(input ?? {})
      const patch = typeof input === 'string' ? input : str(args.patch)
      return toolEvents(name, args, raw, str(b.id) ?? null, patch)
    }
    case 'tool_result':
      return [
        {
          kind: 'tool_result',
          call_id: str(b.tool_use_id) ?? null,
          output: resultText(b.content),
          exit_code: null,
          duration_ms: null,
          status: b.is_error === true ? 'error' : null
        }
      ]
    default:
      return null
  }
}

/** `turn_ended` closes a turn: `success`, `aborted` (the person stopped it) or `error`. */
function turnEnded(o: Json): EventPayload {
  const status = str(o.status) ?? ''
  const detail = str(o.error) ?? (status || null)
  if (status === 'aborted') return { kind: 'marker', marker: 'abort', detail }
  if (status === 'error') return { kind: 'marker', marker: 'error', detail }
  return { kind: 'marker', marker: 'turn_end', detail }
}

/**
 * One line of a Cursor agent transcript: `{role, message: {content}}` with Anthropic-style blocks
 * (`text`, `tool_use`, sometimes `tool_result`) or a `{type: "turn_ended"}` close. The transcript
 * records no time, model, token count or working folder.
 */
export function pushLine(st: TranscriptState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  if (!st.started) {
    st.started = true
    out.push({
      type: 'session',
      patch: {
        id: st.sessionId,
        agent: AGENT,
        originator: 'cursor-agent',
        source: 'agent-transcript',
        parent_id: st.parentId,
        parent_relation: st.parentId ? 'subagent' : null
      }
    })
  }
  const emit = (payloads: EventPayload[], what: string, keys: (string | null)[] = []) => {
    const list: EventPayload[] = payloads.length > 0 ? payloads : [{ kind: 'other', type: what }]
    list.forEach((payload, i) => {
      const key = keys[i]
      out.push({ type: 'event', event: { session_id: st.sessionId, ts: null, line: lineNo, payload, ...(key ? { dedupe_key: key } : {}) } })
    })
  }
  if (o.type === 'turn_ended') return emit([turnEnded(o)], 'turn_ended')
  const role = str(o.role)
  const message = obj(o.message)
  if ((role !== 'user' && role !== 'assistant') || !message) {
    out.push({ type: 'unknown', line: lineNo, what: role ? `role "${role}"` : `line "${str(o.type) ?? 'none'}"` })
    return emit([], str(o.type) ?? role ?? 'none')
  }
  const payloads: EventPayload[] = []
  const calls: string[] = []
  for (const b of blocksOf(message.content)) {
    const found = blockEvents(b, role, st.parentId !== null)
    if (found === null) out.push({ type: 'unknown', line: lineNo, what: `${role} block "${str(b.type) ?? 'none'}"` })
    else payloads.push(...found)
    if (found && b.type === 'tool_use') calls.push(callContent(str(b.name) ?? 'unknown', b.input ?? {}))
  }
  emit(payloads, `${role} message`, sharedKeys(st.sessionId, payloads, calls, (st.seen ??= {})))
}
