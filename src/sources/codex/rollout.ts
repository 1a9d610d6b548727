import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import { emptyCopies, withoutCopies, type CopyOrigin, type CopyState } from './copies.js'
import { eventMsgPayloads } from './events.js'
import { responseItemPayloads } from './items.js'
import { TURN_ITEM_TYPES, turnItemPayloads } from './turn-items.js'
import type { UsageState } from './usage.js'
import type { LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { isObject, obj, str, parseObjectLine } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'

/** The line types every envelope file is made of; only these make a file Codex's. */
const CORE_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted'])
/** Line types 2026 builds add; read once a file is taken, never enough to take one. */
const LATER_TYPES = new Set([
  'inter_agent_communication',
  'inter_agent_communication_metadata',
  'world_state',
  'token_usage_record',
  'security_risk_score',
  'realtime_item'
])
/** The first CLI release that writes turn items (`item_completed`) and `world_state`. */
const ITEMS_SINCE = [0, 147]
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
  /**
   * Set for a file Codex 0.147 or later wrote (its version, or a `world_state` line or a turn
   * item says so): prompts are read from history items too, and copies are removed. Absent in
   * the state older ingests stored.
   */
  items?: boolean
  copies?: CopyState
}

const ANY_ENVELOPE = new Set([...CORE_TYPES, ...LATER_TYPES])

function isEnvelope(o: Record<string, unknown>, types = ANY_ENVELOPE): boolean {
  return typeof o.type === 'string' && types.has(o.type) && 'payload' in o
}

function isLegacyLine(o: Record<string, unknown>): boolean {
  if (typeof o.record_type === 'string') return true
  // A pi (and OpenClaw, Command Code) entry is `{type: "message", message: {role, …}}`; a Codex item has its role on the line itself.
  if (typeof o.type === 'string' && LEGACY_ITEM_TYPES.has(o.type) && !('payload' in o) && !isObject(o.message)) return true
  return typeof o.id === 'string' && typeof o.timestamp === 'string' && !('type' in o)
}

/** A bare Responses-API item as Codex wrote it before the envelope: its own fields, not another agent's `type: "message"`. */
function isLegacyItem(o: Record<string, unknown>): boolean {
  switch (o.type) {
    case 'message':
      return typeof o.role === 'string' && Array.isArray(o.content)
    case 'function_call':
    case 'custom_tool_call':
      return typeof o.name === 'string' && typeof o.call_id === 'string'
    case 'function_call_output':
    case 'custom_tool_call_output':
      return typeof o.call_id === 'string' && 'output' in o
    case 'local_shell_call':
      return isObject(o.action)
    case 'reasoning':
      return Array.isArray(o.summary)
    default:
      return false
  }
}

/** `0.148.0-alpha.9` → true when at or after `ITEMS_SINCE`. */
function writesItems(version: string | null | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '')
  if (!m) return false
  const [major, minor] = [Number(m[1]), Number(m[2])]
  return major > ITEMS_SINCE[0] || (major === ITEMS_SINCE[0] && minor >= ITEMS_SINCE[1])
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
  const emit = (payloads: EventPayload[], from?: CopyOrigin) => {
    const kept = st.items && from ? withoutCopies((st.copies ??= emptyCopies()), payloads, from) : payloads
    for (const payload of kept.length ? kept : [{ kind: 'other' as const, type: 'copy' }])
      out.push({ type: 'event', event: { session_id: st.sessionId, ts, line: lineNo, payload, replayed: replay } })
  }
  const unknown = (what: string) => {
    emit([{ kind: 'other', type: what }])
    out.push({ type: 'unknown', line: lineNo, what })
  }

  if (isEnvelope(o)) {
    const type = o.type as string
    const p = obj(o.payload) ?? {}
    if (type === 'world_state' || (type === 'event_msg' && isTurnItemEvent(p))) st.items = true
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
        const eventType = str(p.type) ?? '?'
        if (eventType === 'item_completed') {
          const item = obj(p.item) ?? {}
          const r = turnItemPayloads(item, { byAgent: st.byAgent })
          return r ? emit(r, 'item') : unknown(`event_msg item_completed item "${str(item.type) ?? '?'}"`)
        }
        const r = eventMsgPayloads(p, eventCtx(st, replay))
        return r ? emit(r, 'event') : unknown(`event_msg type "${eventType}"`)
      }
      case 'response_item': {
        const r = responseItemPayloads(p, {
          promptsFromMessages: Boolean(st.items),
          lastAgentMessage: st.items ? null : st.lastAgentMessage,
          byAgent: st.byAgent
        })
        return r ? emit(r, 'response') : unknown(`response_item type "${str(p.type) ?? '?'}"`)
      }
      case 'compacted':
        return emit([{ kind: 'compaction', text: str(p.message) ?? null, encrypted: false }])
      case 'inter_agent_communication':
        // A message between agents (`author` → `recipient`); its copy in history is a response item.
        return emit([{ kind: 'user_prompt', text: str(p.content) ?? '', by_agent: true, images: 0 }], 'inter-agent')
      case 'world_state':
      case 'inter_agent_communication_metadata':
        // The environment the model was shown, and a delivery flag: context, nothing to count.
        return emit([{ kind: 'other', type }])
      default:
        return unknown(`line type "${type}"`)
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

/** An `item_completed` of a turn item only 0.147 and later write. */
function isTurnItemEvent(p: Record<string, unknown>): boolean {
  return p.type === 'item_completed' && TURN_ITEM_TYPES.has((str(obj(p.item)?.type) ?? '').toLowerCase())
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
  if (writesItems(patch.agent_version)) st.items = true
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
    items: Boolean(st.items),
    onAgentMessage: (t: string) => {
      st.lastAgentMessage = t
    }
  }
}

/**
 * Taken on Codex's own markers only: an envelope line of one of the five core types, the
 * legacy state marker, a legacy header with Codex's header fields, or a bare item with the
 * fields Codex writes. Another agent's `{"type":"message",…}` or `{"type":"world_state",…}` is
 * not enough.
 */
function sniffRollout(head: SniffInput): boolean {
  for (const o of head.parsed) {
    if (!isObject(o)) continue
    if (isEnvelope(o, CORE_TYPES)) return true
    if (o.record_type === 'state') return true
    if (typeof o.type === 'string' && !('payload' in o) && isLegacyItem(o)) return true
    if (typeof o.id === 'string' && typeof o.timestamp === 'string' && !('type' in o)) {
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
