import type { SessionPatch } from '../../model/session.js'
import type { LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { isObject, obj, str, type Json, parseObjectLine } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'
import { recordPayloads, type QwenCtx } from './records.js'

const AGENT = 'qwen-code'
const RECORD_TYPES = new Set(['user', 'assistant', 'tool_result', 'system'])

/** Qwen's record envelope, which Claude Code's resembles: `uuid`, `sessionId` and a `type`. */
function isEnvelope(o: Json): boolean {
  return typeof o.uuid === 'string' && typeof o.sessionId === 'string' && typeof o.type === 'string' && RECORD_TYPES.has(o.type)
}

/**
 * Qwen's own markers inside that envelope: a Gemini-style `message.parts`, `usageMetadata`, a
 * `tool_result` record or a `systemPayload`. A Claude Code line has `message.content` instead,
 * and one such line is enough to leave the file to Claude Code.
 */
function sniffQwen(head: SniffInput): boolean {
  const records = head.parsed.filter(isObject).filter(isEnvelope)
  if (records.length === 0 || records.some((r) => obj(r.message)?.content !== undefined)) return false
  return records.some((r) => Array.isArray(obj(r.message)?.parts) || isObject(r.usageMetadata) || r.type === 'tool_result' || isObject(r.systemPayload))
}

interface QwenState extends QwenCtx {
  /** Sessions whose facts were already emitted. */
  announced: string[]
  session: string | null
  lastTs: string | null
}

function sessionFacts(r: Json, id: string, ts: string | null): SessionPatch {
  const forked = obj(r.forkedFrom)
  const parent = str(forked?.sessionId) ?? null
  return {
    id,
    agent: AGENT,
    agent_version: str(r.version) ?? null,
    started_at: ts,
    cwd: str(r.cwd) ?? null,
    branch: str(r.gitBranch) || null,
    parent_id: parent,
    parent_relation: parent ? 'fork' : null
  }
}

/** Session facts a `system` record carries: a title, or the session that spawned this one. */
function systemFacts(r: Json, id: string): SessionPatch | null {
  const p = obj(r.systemPayload)
  if (r.subtype === 'custom_title' && typeof p?.customTitle === 'string') return { id, agent: AGENT, title: p.customTitle }
  if (r.subtype === 'parent_session' && typeof p?.parentSessionId === 'string')
    return { id, agent: AGENT, parent_id: p.parentSessionId, parent_relation: 'subagent' }
  return null
}

/** A name from the log as it goes into a warning: a type name is short, anything longer is not one. */
function short(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name
}

function push(st: QwenState, ctx: SourceContext, line: string, lineNo: number, out: ParseRecord[]): void {
  const r = parseObjectLine(line, lineNo, out)
  if (!r) return
  const what =
    typeof r.type === 'string'
      ? `record type "${short(r.type)}"${typeof r.subtype === 'string' ? ` subtype "${short(r.subtype)}"` : ''}`
      : 'record without a type'
  const items = recordPayloads(r, st)
  if (items === undefined) return void out.push({ type: 'unknown', line: lineNo, what })
  const id = str(r.sessionId) ?? st.session ?? ctx.fallbackSessionId
  const ts = toUtcIso(r.timestamp)
  if (!st.announced.includes(id)) {
    st.announced.push(id)
    out.push({ type: 'session', patch: sessionFacts(r, id, ts) })
  }
  st.session = id
  if (ts) st.lastTs = ts
  const facts = r.type === 'system' ? systemFacts(r, id) : null
  if (facts) out.push({ type: 'session', patch: facts })
  emitRecord(out, id, lineNo, ts, items)
}

function end(st: QwenState, out: ParseRecord[]): void {
  if (st.session && st.lastTs) out.push({ type: 'session', patch: { id: st.session, agent: AGENT, ended_at: st.lastTs } })
}

/**
 * Qwen Code's chat recording (`~/.qwen/projects/<escaped cwd>/chats/<sessionId>.jsonl`): one
 * append-only record per line, read in file order. Records form a tree through `parentUuid`
 * (a rewind continues from an earlier record); the abandoned branch was still sent and paid
 * for, so its prompts and tokens stay counted, and the `rewind` record is kept as a marker.
 */
export const qwenCode: LineSource = {
  mode: 'lines',
  id: 'qwen-code',
  agent: AGENT,
  description: 'Qwen Code chat recording (~/.qwen/projects/<project>/chats/<session>.jsonl)',
  sniff: sniffQwen,
  createParser: (ctx, state): LineParser =>
    lineParser<QwenState>(state, {
      initial: { model: null, calls: {}, announced: [], session: null, lastTs: null },
      push: (st, line, lineNo, out) => push(st, ctx, line, lineNo, out),
      end
    })
}
