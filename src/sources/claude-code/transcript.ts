import { basename } from 'node:path'
import type { EventPayload, NormalizedEvent } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import type { TokenCounts } from '../../model/tokens.js'
import { assistantPayloads, userPayloads } from './content.js'
import { sideLinePayloads } from './lines.js'
import { persistedOutputRef, readSideFile } from './side-files.js'
import { claudeTokens, isBetterCopy, SYNTHETIC_MODEL, topUp, usageRow } from './usage.js'
import type { LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { isObject, obj, str, parseObjectLine } from '../util/json.js'
import { toUtcIso } from '../util/time.js'

const AGENT = 'claude-code'
const SESSION_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i
/** Lines that never end a streamed response: Claude Code writes them between its content-block lines. */
const PASS_THROUGH = new Set([
  'progress',
  'attachment',
  'file-history-snapshot',
  'file-history-delta',
  'queue-operation',
  'custom-title',
  'ai-title',
  'agent-name',
  'last-prompt',
  'tag',
  'pr-link'
])
/** Held lines above this size are released early; a later copy of the same response then adds only its remainder. */
const MAX_HELD_BYTES = 4 * 1024 * 1024
const RECENT_RESPONSES = 32

interface HeldLine {
  line: number
  raw: string
  /** session_id is '' while the file has not named its session yet. */
  events: NormalizedEvent[]
}

/** The response whose lines are being read: its usage is counted once, from its largest copy. */
interface PendingResponse {
  key: string
  usageKey: string
  session: string
  model: string | null
  best: TokenCounts
  bestLine: number
  ts: string | null
  replayed: boolean
}

interface ClaudeState {
  /** The session a `<uuid>.jsonl` file belongs to by name; null for `agent-*.jsonl` and renamed files. */
  fileSession: string | null
  agentFile: boolean
  session: string | null
  /** A line of the file's own session was seen: later foreign lines are appended, not replayed. */
  ownSeen: boolean
  replaying: boolean
  announced: Record<string, string>
  model: string | null
  cwd: string | null
  title: string | null
  repositoryUrl: string | null
  pending: PendingResponse | null
  held: HeldLine[]
  heldBytes: number
  /** Responses already counted, in case more copies of them turn up. */
  recent: { key: string; counted: TokenCounts }[]
}

function initialState(ctx: SourceContext): ClaudeState {
  const name = basename(ctx.path)
  const m = SESSION_FILE.exec(name)
  return {
    fileSession: m ? m[1].toLowerCase() : null,
    agentFile: /^agent-/.test(name) || /[\\/]subagents[\\/]/.test(ctx.path),
    session: m ? m[1].toLowerCase() : null,
    ownSeen: false,
    replaying: false,
    announced: {},
    model: null,
    cwd: null,
    title: null,
    repositoryUrl: null,
    pending: null,
    held: [],
    heldBytes: 0,
    recent: []
  }
}

/** All lines of one API response share `message.id` and `requestId`; gateways drop `requestId`. */
function responseKey(o: Record<string, unknown>, msg: Record<string, unknown>, lineNo: number): { key: string; usageKey: string } {
  const id = str(msg.id)
  if (!id) {
    const own = str(o.uuid) ?? `line:${lineNo}`
    return { key: own, usageKey: `claude-usage:${own}` }
  }
  return { key: `${id}:${str(o.requestId) ?? ''}`, usageKey: `claude-usage:${id}` }
}

interface Attribution {
  session: string | null
  replayed: boolean
  patches: SessionPatch[]
}

class ClaudeTranscriptParser implements LineParser {
  private st: ClaudeState

  constructor(
    private ctx: SourceContext,
    state?: unknown
  ) {
    this.st = (state as ClaudeState | undefined) ?? initialState(ctx)
  }

  state(): unknown {
    return this.st
  }

  end(out: ParseRecord[]): void {
    if (this.st.session === null && this.st.held.length) out.push({ type: 'session', patch: this.adopt(this.ctx.fallbackSessionId) })
    this.release(out)
  }

  push(line: string, lineNo: number, out: ParseRecord[]): void {
    const o = parseObjectLine(line, lineNo, out)
    if (!o) return
    const st = this.st
    const type = str(o.type) ?? 'none'
    const ts = toUtcIso(o.timestamp)
    const at = this.attribute(o)
    for (const p of at.patches) out.push({ type: 'session', patch: p })
    const byAgent = o.isSidechain === true || st.agentFile
    const payloads: EventPayload[] = []
    let hold = st.session === null
    let usage: EventPayload | null = null
    let unknown: string | null = null
    let sideProblems: string[] = []
    let usageDedupe: string | null = null

    if (type === 'assistant') {
      const msg = obj(o.message) ?? {}
      const model = str(msg.model) ?? null
      const synthetic = model === SYNTHETIC_MODEL
      const { key, usageKey } = responseKey(o, msg, lineNo)
      if (st.pending && st.pending.key !== key) this.release(out)
      if (!synthetic && !at.replayed) payloads.push(...this.context(model, str(o.cwd) ?? null))
      payloads.push(...assistantPayloads(msg.content, synthetic))
      const tokens = claudeTokens(msg.usage)
      const prior = st.recent.find((r) => r.key === key)
      if (tokens && synthetic) {
        // Locally generated notices (usage limits, API errors) cost nothing and name no model.
        usage = usageRow(model, tokens, false, 'synthetic')
      } else if (tokens && prior) {
        const t = topUp(prior.counted, tokens, model)
        prior.counted = t.counted
        usage = at.replayed ? { ...t.row, counted: false, reason: 'replay' } : t.row
      } else if (tokens && at.session !== null) {
        this.track({ key, usageKey, session: at.session, model, best: tokens, bestLine: lineNo, ts, replayed: at.replayed })
        hold = true
      } else if (tokens) {
        usage = usageRow(model, tokens, !at.replayed, at.replayed ? 'replay' : null)
      } else if (st.pending?.key === key) {
        hold = true
      }
      usageDedupe = at.replayed ? null : usageKey
    } else {
      if (!PASS_THROUGH.has(type)) this.release(out)
      if (type === 'user') {
        if (!at.replayed) payloads.push(...this.context(null, str(o.cwd) ?? null))
        const msg = obj(o.message) ?? {}
        payloads.push(
          ...userPayloads(msg.content, {
            isMeta: o.isMeta === true,
            isCompactSummary: o.isCompactSummary === true,
            byAgent,
            toolUseResult: o.toolUseResult ?? o.tool_use_result
          })
        )
        sideProblems = this.readSideFiles(payloads)
      } else {
        const side = sideLinePayloads(type, o)
        payloads.push(...side.payloads)
        if (!side.known) unknown = type === 'system' ? `system "${str(o.subtype) ?? '?'}"` : `type "${type}"`
        if (side.title && !at.replayed) this.learn('title', side.title, out)
        if (side.repositoryUrl) this.learn('repositoryUrl', side.repositoryUrl, out)
      }
    }

    // A copy the parser already knows to be a replay gets no key: the writer would otherwise take
    // it, when stored first, as the original and mark the real original in the other file replayed.
    const dedupe = at.replayed ? null : (str(o.uuid) ?? null)
    const events: NormalizedEvent[] = payloads.map((payload) => ({
      session_id: at.session ?? '',
      ts,
      line: lineNo,
      payload,
      replayed: at.replayed,
      dedupe_key: dedupe
    }))
    if (usage) events.push({ session_id: at.session ?? '', ts, line: lineNo, payload: usage, replayed: at.replayed, dedupe_key: usageDedupe })
    if (hold) {
      st.held.push({ line: lineNo, raw: line, events })
      st.heldBytes += line.length
      if (st.heldBytes > MAX_HELD_BYTES && st.session !== null) this.release(out)
    } else {
      this.emit(events, line, out)
    }
    if (unknown) out.push({ type: 'unknown', line: lineNo, what: unknown })
    for (const reason of sideProblems) out.push({ type: 'skip', line: lineNo, reason })
  }

  /** Tool results whose output Claude Code kept in a side file get the file's text; returns what could not be read. */
  private readSideFiles(payloads: EventPayload[]): string[] {
    const problems: string[] = []
    for (let i = 0; i < payloads.length; i++) {
      const p = payloads[i]
      if (p.kind !== 'tool_result') continue
      const ref = persistedOutputRef(p.output)
      if (!ref) continue
      const read = readSideFile(this.ctx.path, ref)
      if (read.ok) payloads[i] = { ...p, output: read.text }
      else problems.push(read.problem)
    }
    return problems
  }

  /** Events of the current line; its raw text is named explicitly when held lines were released before it. */
  private emit(events: NormalizedEvent[], raw: string, out: ParseRecord[]): void {
    if (events.length && out.some((r) => r.type === 'event')) events[0] = { ...events[0], raw }
    for (const event of events) out.push({ type: 'event', event })
  }

  /** Which session a line belongs to, and whether it is a copy of another session's history. */
  private attribute(o: Record<string, unknown>): Attribution {
    const st = this.st
    const patches: SessionPatch[] = []
    const lineSid = str(o.sessionId) ?? str(o.session_id)
    if (!lineSid) return { session: st.session, replayed: st.replaying, patches }
    const fs = st.fileSession
    const forkedFrom = str(obj(o.forkedFrom)?.sessionId)
    if (fs && lineSid !== fs && !st.ownSeen) {
      // A resumed or forked file starts with the earlier session's lines, byte for byte.
      if (!st.replaying && !this.known(fs, 'p'))
        patches.push({ id: fs, agent: AGENT, parent_id: forkedFrom ?? lineSid, parent_relation: forkedFrom ? 'fork' : 'resume' })
      st.replaying = true
      return { session: fs, replayed: true, patches }
    }
    st.replaying = false
    if (lineSid === fs) st.ownSeen = true
    const prev = st.session
    if (prev !== lineSid) {
      if (prev === null) patches.push(this.adopt(lineSid))
      else {
        st.session = lineSid
        st.model = null
        st.cwd = null
        if (!this.known(lineSid, 'p')) patches.push({ id: lineSid, agent: AGENT, parent_id: prev, parent_relation: 'resume' })
      }
    }
    if (forkedFrom && forkedFrom !== lineSid && !this.known(lineSid, 'p'))
      patches.push({ id: lineSid, agent: AGENT, parent_id: forkedFrom, parent_relation: 'fork' })
    const p = this.describe(lineSid, o)
    if (p) patches.push(p)
    return { session: lineSid, replayed: false, patches }
  }

  /** The file names its session: lines held until now are attributed to it. */
  private adopt(sid: string): SessionPatch {
    const st = this.st
    st.session = sid
    for (const h of st.held) for (const e of h.events) if (e.session_id === '') e.session_id = sid
    return { id: sid, agent: AGENT, title: st.title, repository_url: st.repositoryUrl }
  }

  /** Session facts a line carries (version, cwd, branch), each written once per session. */
  private describe(sid: string, o: Record<string, unknown>): SessionPatch | null {
    const version = str(o.version)
    const cwd = str(o.cwd)
    const branch = str(o.gitBranch) || undefined
    const patch: SessionPatch = { id: sid, agent: AGENT }
    let any = !this.known(sid, 's')
    if (version && !this.known(sid, 'v')) patch.agent_version = version
    if (cwd && !this.known(sid, 'c')) patch.cwd = cwd
    if (branch && !this.known(sid, 'b')) patch.branch = branch
    const ts = toUtcIso(o.timestamp)
    if (any) patch.started_at = ts
    any = any || patch.agent_version !== undefined || patch.cwd !== undefined || patch.branch !== undefined
    this.mark(sid, 's')
    if (patch.agent_version) this.mark(sid, 'v')
    if (patch.cwd) this.mark(sid, 'c')
    if (patch.branch) this.mark(sid, 'b')
    return any ? patch : null
  }

  private learn(field: 'title' | 'repositoryUrl', value: string, out: ParseRecord[]): void {
    const st = this.st
    if (st[field] !== null) return
    st[field] = value
    if (st.session !== null)
      out.push({ type: 'session', patch: { id: st.session, agent: AGENT, ...(field === 'title' ? { title: value } : { repository_url: value }) } })
  }

  private known(sid: string, flag: string): boolean {
    return (this.st.announced[sid] ?? '').includes(flag)
  }

  private mark(sid: string, flag: string): void {
    if (!this.known(sid, flag)) this.st.announced[sid] = (this.st.announced[sid] ?? '') + flag
  }

  /** A `turn_context` whenever the model or the working directory changes, so a session's models are known. */
  private context(model: string | null, cwd: string | null): EventPayload[] {
    const st = this.st
    const newModel = model !== null && model !== st.model
    const newCwd = cwd !== null && cwd !== st.cwd
    if (!newModel && !newCwd) return []
    if (newModel) st.model = model
    if (newCwd) st.cwd = cwd
    return [{ kind: 'turn_context', model: st.model, cwd: st.cwd }]
  }

  private track(next: PendingResponse): void {
    const p = this.st.pending
    if (p && p.key === next.key) {
      if (isBetterCopy(next.best, p.best)) {
        p.best = next.best
        p.bestLine = next.bestLine
        p.ts = next.ts
        p.model = next.model ?? p.model
      }
      return
    }
    this.st.pending = next
  }

  /** Emits the held lines and, on the line of its largest copy, the pending response's usage. */
  private release(out: ParseRecord[]): void {
    const st = this.st
    if (st.session === null) return
    const p = st.pending
    for (const h of st.held) {
      const events = h.events.map((e) => (e.session_id === '' ? { ...e, session_id: st.session as string } : e))
      if (p && h.line === p.bestLine) {
        events.push({
          session_id: p.session,
          ts: p.ts,
          line: h.line,
          payload: usageRow(p.model, p.best, !p.replayed, p.replayed ? 'replay' : null),
          replayed: p.replayed,
          dedupe_key: p.replayed ? null : p.usageKey
        })
      }
      if (events.length) events[0] = { ...events[0], raw: h.raw }
      for (const event of events) out.push({ type: 'event', event })
    }
    if (p) {
      st.recent.push({ key: p.key, counted: p.best })
      if (st.recent.length > RECENT_RESPONSES) st.recent.shift()
    }
    st.pending = null
    st.held = []
    st.heldBytes = 0
  }
}

/** Entry types only Claude Code writes, each with the field that carries it. */
const OWN_TYPES: Record<string, string> = {
  attachment: 'attachment',
  progress: 'data',
  'queue-operation': 'operation',
  'ai-title': 'aiTitle',
  'custom-title': 'customTitle',
  'pr-link': 'prUrl',
  'permission-mode': 'permissionMode',
  'last-prompt': 'leafUuid',
  'agent-name': 'agentName'
}

/**
 * Claude Code's own markers, not a shape others share: Qwen Code writes `type: user/assistant`
 * lines with a `sessionId` too, but its messages hold Gemini-style `parts`, never `content`.
 */
function isClaudeLine(o: Record<string, unknown>): boolean {
  const type = o.type as string
  const session = typeof o.sessionId === 'string'
  if (type === 'user' || type === 'assistant') return session && 'content' in (obj(o.message) ?? {})
  if (type === 'system') return session && (typeof o.content === 'string' || 'compactMetadata' in o || typeof o.durationMs === 'number')
  if (type === 'summary') return 'leafUuid' in o
  if (type === 'file-history-snapshot') return 'snapshot' in o
  const field = OWN_TYPES[type]
  return field !== undefined && session && field in o
}

function sniffTranscript(head: SniffInput): boolean {
  return head.parsed.some((o) => isObject(o) && typeof o.type === 'string' && isClaudeLine(o))
}

export const claudeCode: LineSource = {
  mode: 'lines',
  id: 'claude-code',
  agent: AGENT,
  description: 'Claude Code session transcript (~/.claude/projects/<project>/<session>.jsonl) and its sub-agent files (agent-*.jsonl, <session>/subagents/)',
  sniff: sniffTranscript,
  createParser: (ctx, state) => new ClaudeTranscriptParser(ctx, state)
}
