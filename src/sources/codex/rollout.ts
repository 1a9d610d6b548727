import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import { eventMsgPayloads } from './events.js'
import { responseItemPayloads } from './items.js'
import type { UsageState } from './usage.js'
import type { LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { isObject, obj, str, parseObjectLine } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'

const ENVELOPE_TYPES = new Set([
  'session_meta',
  'response_item',
  'event_msg',
  'turn_context',
  'compacted',
  'inter_agent_communication',
  'inter_agent_communication_metadata',
  'world_state',
  'token_usage_record'
])
const LEGACY_ITEM_TYPES = new Set([
  'message',
  'function_call',
  'function_call_output',
  'local_shell_call',
  'reasoning',
  'custom_tool_call',
  'custom_tool_call_output',
  'web_search_call'
])
/** Lines copied from a parent at the top of a fork or sub-agent file are written within this window. */
const REPLAY_WINDOW_MS = 2000

interface CodexState {
  sessionId: string
  metaSeen: boolean
  model: string | null
  usage: UsageState
  /** Envelope files have `event_msg/user_message`; legacy files carry prompts only as message items. */
  legacy: boolean
  lastAgentMessage: string | null
  byAgent: boolean
  /** For a child session: the replay burst is open until a line is written after this time. */
  replayUntil: number | null
}

function isEnvelope(o: Record<string, unknown>): boolean {
  return typeof o.type === 'string' && ENVELOPE_TYPES.has(o.type) && 'payload' in o
}

function isLegacyLine(o: Record<string, unknown>): boolean {
  if (typeof o.record_type === 'string') return true
  // A pi (and OpenClaw, Command Code) entry is `{type: "message", message: {role, …}}`; a Codex item has its role on the line itself.
  if (typeof o.type === 'string' && LEGACY_ITEM_TYPES.has(o.type) && !('payload' in o) && !isObject(o.message)) return true
  return typeof o.id === 'string' && typeof o.timestamp === 'string' && !('type' in o)
}

/** `source` is a string (`cli`, `exec`, `vscode`) or an object (`{"subagent":{"thread_spawn":{…}}}`). */
function describeSource(v: unknown): string | null {
  if (typeof v === 'string') return v
  const o = obj(v)
  if (!o) return null
  const [k] = Object.keys(o)
  if (!k) return null
  const inner = o[k]
  if (typeof inner === 'string') return `${k}:${inner}`
  const innerKey = isObject(inner) ? Object.keys(inner)[0] : undefined
  return innerKey ? `${k}:${innerKey}` : k
}

function metaPatch(p: Record<string, unknown>, st: CodexState): SessionPatch {
  const git = obj(p.git)
  const source = obj(p.source)
  const spawn = obj(obj(source?.subagent)?.thread_spawn)
  const forkedFrom = str(p.forked_from_id)
  const parentThread = str(p.parent_thread_id) ?? str(spawn?.parent_thread_id)
  const isSubagent = Boolean(source && 'subagent' in source) || str(p.thread_source) === 'subagent'
  return {
    id: st.sessionId,
    agent: 'codex',
    agent_version: str(p.cli_version) ?? null,
    originator: str(p.originator) ?? null,
    source: describeSource(p.source),
    started_at: toUtcIso(p.timestamp),
    cwd: str(p.cwd) ?? null,
    repository_url: str(git?.repository_url) ?? null,
    branch: str(git?.branch) ?? null,
    commit_sha: str(git?.commit_hash) ?? null,
    parent_id: forkedFrom ?? parentThread ?? null,
    parent_relation: forkedFrom ? 'fork' : parentThread || isSubagent ? 'subagent' : null
  }
}

function initialState(ctx: SourceContext): CodexState {
  return {
    sessionId: ctx.fallbackSessionId,
    metaSeen: false,
    model: null,
    usage: { prevTotal: null, prevLast: null },
    legacy: false,
    lastAgentMessage: null,
    byAgent: false,
    replayUntil: null
  }
}

function pushLine(st: CodexState, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const ts = toUtcIso(o.timestamp)
  const replay = inReplay(st, ts)
  const emit = (payloads: EventPayload[]) => {
    for (const payload of payloads) out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload, replayed: replay } })
  }
  const unknown = (what: string) => {
    emit([{ kind: 'other', type: what }])
    out.push({ type: 'skip', line: lineNo, reason: `unknown ${what} (kept raw, not interpreted)` })
  }

  if (isEnvelope(o)) {
    const type = o.type as string
    const p = obj(o.payload) ?? {}
    switch (type) {
      case 'session_meta':
        return meta(st, p, ts, lineNo, out)
      case 'turn_context': {
        st.model = str(p.model) ?? st.model
        const sp = obj(p.sandbox_policy)
        return emit([
          {
            kind: 'turn_context',
            model: str(p.model) ?? null,
            cwd: str(p.cwd) ?? null,
            approval_policy: str(p.approval_policy) ?? null,
            sandbox_policy: str(sp?.type) ?? str(sp?.mode) ?? str(p.sandbox_policy) ?? null,
            effort: str(p.effort) ?? null,
            summary: str(p.summary) ?? null
          }
        ])
      }
      case 'event_msg': {
        const r = eventMsgPayloads(p, eventCtx(st, replay))
        return r ? emit(r) : unknown(`event_msg type "${str(p.type) ?? '?'}"`)
      }
      case 'response_item': {
        const r = responseItemPayloads(p, { promptsFromMessages: false, lastAgentMessage: st.lastAgentMessage, byAgent: st.byAgent })
        return r ? emit(r) : unknown(`response_item type "${str(p.type) ?? '?'}"`)
      }
      case 'compacted':
        return emit([{ kind: 'compaction', text: str(p.message) ?? null, encrypted: false }])
      default:
        return emit([{ kind: 'other', type }])
    }
  }

  if (isLegacyLine(o)) {
    st.legacy = true
    if (typeof o.record_type === 'string') return emit([{ kind: 'other', type: `record_type:${o.record_type}` }])
    if (typeof o.type !== 'string') return meta(st, o, ts, lineNo, out)
    const r = responseItemPayloads(o, { promptsFromMessages: true, lastAgentMessage: null, byAgent: st.byAgent })
    return r ? emit(r) : unknown(`item type "${o.type}"`)
  }
  unknown(`line type "${str(o.type) ?? 'none'}"`)
}

function meta(st: CodexState, p: Record<string, unknown>, ts: string | null, lineNo: number, out: ParseRecord[]): void {
  // Codex takes the first session_meta of a file as canonical; later ones are history copies.
  if (st.metaSeen) {
    out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload: { kind: 'other', type: 'session_meta_repeat' } } })
    return
  }
  st.metaSeen = true
  const id = str(p.id) ?? str(p.session_id)
  if (id) st.sessionId = id
  const patch = metaPatch(p, st)
  st.byAgent = patch.parent_relation === 'subagent'
  if (patch.parent_relation) {
    const start = Date.parse(patch.started_at ?? ts ?? '')
    st.replayUntil = Number.isNaN(start) ? null : start + REPLAY_WINDOW_MS
  }
  out.push({ type: 'session', patch })
  out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload: { kind: 'session_meta' } } })
}

function inReplay(st: CodexState, ts: string | null): boolean {
  if (st.replayUntil === null) return false
  const t = ts ? Date.parse(ts) : NaN
  if (!Number.isNaN(t) && t <= st.replayUntil) return true
  // The burst is contiguous: the first line written after it closes it for good.
  st.replayUntil = null
  return false
}

function eventCtx(st: CodexState, replay: boolean) {
  return {
    usage: st.usage,
    model: st.model,
    replay,
    byAgent: st.byAgent,
    onAgentMessage: (t: string) => {
      st.lastAgentMessage = t
    }
  }
}

function sniffRollout(head: SniffInput): boolean {
  for (const o of head.parsed) {
    if (!isObject(o)) continue
    if (isEnvelope(o)) return true
    if (isLegacyLine(o)) {
      // A bare legacy header has only id/timestamp; require Codex's other header fields or items to follow.
      if (typeof o.record_type === 'string' || typeof o.type === 'string') return true
      if ('instructions' in o || 'cli_version' in o || 'originator' in o || 'git' in o) return true
    }
  }
  return false
}

export const codexRollout: LineSource = {
  mode: 'lines',
  id: 'codex-rollout',
  agent: 'codex',
  description: 'OpenAI Codex CLI session rollout (~/.codex/sessions/**/rollout-*.jsonl), every generation',
  sniff: sniffRollout,
  createParser: (ctx, state) => lineParser(state, { initial: initialState(ctx), push: pushLine })
}
