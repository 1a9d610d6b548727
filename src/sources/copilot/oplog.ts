import type { SessionPatch } from '../../model/session.js'
import { nothingSentYet, requestPayloads, type CopilotCtx, type RequestSent } from './requests.js'
import type { LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { arr, isObject, obj, str, type Json } from '../util/json.js'
import { toUtcIso } from '../util/time.js'

type Key = string | number

/** Session facts from an `ISerializableChatData` (a `.json` snapshot or the replayed log). */
export function copilotPatch(doc: Json, sessionId: string): SessionPatch {
  const first = obj((arr(doc.requests) ?? [])[0])
  return {
    id: sessionId,
    agent: 'copilot-chat',
    agent_version: str(obj(first?.agent)?.extensionVersion) ?? null,
    originator: 'vscode',
    source: str(doc.initialLocation) ?? null,
    started_at: toUtcIso(doc.creationDate),
    ended_at: toUtcIso(doc.lastMessageDate),
    title: str(doc.customTitle) ?? null
  }
}

/** Emits every request of a chat state with what `sent` does not already hold. */
export function emitRequests(
  doc: Json,
  ctx: CopilotCtx,
  sent: Record<string, RequestSent>,
  lineOf: (rid: string, i: number) => number,
  out: ParseRecord[]
): void {
  ;(arr(doc.requests) ?? []).forEach((r, i) => {
    if (!isObject(r)) return
    const rid = str(r.requestId) ?? `#${i}`
    const s = sent[rid] ?? nothingSentYet()
    const items = requestPayloads(r, s, ctx)
    sent[rid] = s
    if (items.length) emitRecord(out, ctx.sessionId, lineOf(rid, i), toUtcIso(r.timestamp), items, JSON.stringify(r))
  })
}

function isKeyPath(v: unknown): v is Key[] {
  return Array.isArray(v) && v.every((k) => typeof k === 'string' || typeof k === 'number')
}

/** The container at `path`, creating objects on the way when `create` is set. */
function walk(root: Json, path: Key[], create: boolean): Record<Key, unknown> | unknown[] | undefined {
  let cur: unknown = root
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    const c = cur as Record<Key, unknown>
    if ((c[k] === undefined || c[k] === null) && create) c[k] = {}
    cur = c[k]
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<Key, unknown>) : undefined
}

/** The mutation log always starts with a kind 0 record holding a full chat state. */
function sniffOpLog(head: SniffInput): boolean {
  const first = head.parsed[0]
  if (!isObject(first) || first.kind !== 0) return false
  const v = obj(first.v)
  return v !== undefined && Array.isArray(v.requests) && ('sessionId' in v || 'version' in v)
}

interface OpLogState {
  ctx: CopilotCtx
  doc: Json | null
  sent: Record<string, RequestSent>
  /** Line of the last change to each request, so its events point at the line that completed it. */
  touched: Record<string, number>
}

/**
 * The `.jsonl` mutation log (`objectMutationLog.ts`): kind 0 Initial (a full state, and a reset
 * whenever it reappears), 1 Set, 2 Push (`i` truncates first), 3 Delete. Lines are replayed into
 * the state and nothing is emitted until `end()`, so a request that a later line removes (a
 * reset, an undo that truncates `requests`) is never counted. Requests already emitted by an
 * earlier ingest are remembered by id and only their new parts are added.
 */
export class CopilotOpLogParser implements LineParser {
  private st: OpLogState

  constructor(ctx: SourceContext, state?: unknown) {
    this.st = (state as OpLogState | undefined) ?? { ctx: { sessionId: ctx.fallbackSessionId, model: null }, doc: null, sent: {}, touched: {} }
  }

  state(): unknown {
    return this.st
  }

  push(line: string, lineNo: number, out: ParseRecord[]): void {
    let o: unknown
    try {
      o = JSON.parse(line)
    } catch {
      return void out.push({ type: 'skip', line: lineNo, reason: 'malformed JSON' })
    }
    if (!isObject(o) || typeof o.kind !== 'number') return void out.push({ type: 'skip', line: lineNo, reason: 'not a mutation record' })
    const st = this.st
    if (o.kind === 0) {
      if (!isObject(o.v)) return void out.push({ type: 'skip', line: lineNo, reason: 'Initial record without a state object' })
      st.doc = o.v
      st.ctx.sessionId = str(o.v.sessionId) ?? st.ctx.sessionId
      for (const [i, r] of (arr(o.v.requests) ?? []).entries()) st.touched[this.rid(r, i)] = lineNo
      return
    }
    if (!st.doc || !isKeyPath(o.k) || o.k.length === 0)
      return void out.push({ type: 'skip', line: lineNo, reason: `kind ${o.kind} record before an Initial state or without a key path` })
    this.apply(st.doc, o.kind, o.k, o.v, o.i, lineNo, out)
    this.touch(o.k, o.kind, o.v, lineNo)
  }

  end(out: ParseRecord[]): void {
    const st = this.st
    if (!st.doc) return
    out.push({ type: 'session', patch: copilotPatch(st.doc, st.ctx.sessionId) })
    emitRequests(st.doc, st.ctx, st.sent, (rid) => st.touched[rid] ?? 1, out)
  }

  private rid(r: unknown, i: number): string {
    return str(obj(r)?.requestId) ?? `#${i}`
  }

  private apply(doc: Json, kind: number, k: Key[], v: unknown, i: unknown, lineNo: number, out: ParseRecord[]): void {
    const parent = walk(doc, k.slice(0, -1), kind !== 3)
    const last = k[k.length - 1]
    if (!parent) return void out.push({ type: 'skip', line: lineNo, reason: `path ${JSON.stringify(k)} does not exist` })
    const p = parent as Record<Key, unknown>
    if (kind === 1) p[last] = v
    else if (kind === 3) delete p[last]
    else if (kind === 2) {
      if (!Array.isArray(p[last])) p[last] = []
      const list = p[last] as unknown[]
      if (typeof i === 'number') list.length = Math.min(list.length, i)
      if (Array.isArray(v)) list.push(...v)
    } else out.push({ type: 'skip', line: lineNo, reason: `unknown mutation kind ${kind}` })
  }

  private touch(k: Key[], kind: number, v: unknown, lineNo: number): void {
    if (k[0] !== 'requests' || !this.st.doc) return
    const reqs = arr(this.st.doc.requests) ?? []
    if (k.length === 1 && kind === 2) {
      const n = Array.isArray(v) ? v.length : 0
      for (let j = reqs.length - n; j < reqs.length; j++) this.st.touched[this.rid(reqs[j], j)] = lineNo
    } else if (typeof k[1] === 'number' && reqs[k[1]] !== undefined) this.st.touched[this.rid(reqs[k[1]], k[1])] = lineNo
  }
}

export const copilotOpLog: LineSource = {
  mode: 'lines',
  id: 'copilot-chat-oplog',
  agent: 'copilot-chat',
  description: 'GitHub Copilot Chat (VS Code) session mutation log (chatSessions/<session>.jsonl, kinds 0 to 3)',
  sniff: sniffOpLog,
  createParser: (ctx, state) => new CopilotOpLogParser(ctx, state)
}
