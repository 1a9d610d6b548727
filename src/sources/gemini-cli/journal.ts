import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import { geminiTokens, isKnownMessageType, messagePayloads, nothingSent, partsText, unknownMessage, type GeminiCtx, type GeminiSent } from './messages.js'
import type { LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { arr, isObject, obj, str, type Json, parseObjectLine } from '../util/json.js'
import { toUtcIso } from '../util/time.js'

function isMessageRecord(o: Json): boolean {
  return typeof o.id === 'string' && typeof o.timestamp === 'string' && isKnownMessageType(o.type) && 'content' in o
}

/**
 * One message (or a bookkeeping event) in journal order. `record` is the latest write not yet
 * emitted; `sent` is what earlier ingests already stored for this id.
 */
interface Entry {
  id: string
  line: number
  record: Json | null
  sent: GeminiSent | null
  events?: EventPayload[]
}

interface JournalState {
  ctx: GeminiCtx
  entries: Entry[]
}

export function isJournalHeader(o: Json): boolean {
  return typeof o.sessionId === 'string' && typeof o.projectHash === 'string' && typeof o.id !== 'string' && !Array.isArray(o.messages)
}

/** A message of any type, Gemini's own or a fork's (its `unknown` is reported when parsed). */
function isMessageLike(o: Json): boolean {
  return typeof o.id === 'string' && typeof o.timestamp === 'string' && typeof o.type === 'string' && 'content' in o
}

/** A journal operation: an object whose keys are all `$` names (`$set`, `$rewindTo`, or one added later). */
function isJournalOp(o: Json): boolean {
  const keys = Object.keys(o)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/** The journal: a header line, or (in trimmed or headerless files) message records and `$` ops. */
function sniffJournal(head: SniffInput): boolean {
  const objs = head.parsed.filter(isObject)
  if (objs.length === 0 || objs.length < head.parsed.filter((p) => p !== undefined).length) return false
  return objs.some((o) => isJournalHeader(o) || isMessageRecord(o)) && objs.every((o) => isJournalHeader(o) || isMessageLike(o) || isJournalOp(o))
}

/** What an uninterpreted journal line is, for the drift count: its `$` operation, or its keys. */
function describeRecord(o: Json): string {
  // Key names go into warnings: a key is short, anything longer is not one.
  const keys = Object.keys(o).map((k) => (k.length > 40 ? `${k.slice(0, 40)}…` : k))
  if (isJournalOp(o)) return `journal op ${keys.map((k) => `"${k}"`).join(', ')}`
  return `journal record with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}`
}

/** Session facts from a conversation record's metadata (legacy file, journal header or `$set`). */
export function geminiPatch(meta: Json, ctx: GeminiCtx, path: string): SessionPatch {
  const subagent = meta.kind === 'subagent'
  // Sub-agent recordings live in `chats/<parentSessionId>/<sessionId>.jsonl`.
  const parentDir = path.split(/[\\/]/).slice(-2, -1)[0]
  const parent = subagent && parentDir && parentDir !== 'chats' ? parentDir : null
  const dirs = arr(meta.directories)
  return {
    id: ctx.sessionId,
    agent: 'gemini-cli',
    source: str(meta.kind) ?? null,
    started_at: toUtcIso(meta.startTime),
    ended_at: toUtcIso(meta.lastUpdated),
    cwd: dirs && typeof dirs[0] === 'string' ? dirs[0] : null,
    title: str(meta.summary) ?? null,
    parent_id: parent,
    parent_relation: parent ? 'subagent' : null
  }
}

/**
 * The 2026 JSONL journal. Messages are upserted by id and `$rewindTo` deletes a message and
 * everything after it, so nothing is emitted while lines arrive: entries are held in the parser
 * state and emitted at `end()`, when the final order is known. A rewound message that was never
 * emitted is dropped (its tokens stay visible as an uncounted `rewound` row); a later write to an
 * already-emitted id adds only what is new. What cannot be undone: messages stored by an earlier
 * ingest of a live file and rewound afterwards stay counted (a `rollback` marker says how many).
 */
export class GeminiJournalParser implements LineParser {
  private st: JournalState

  constructor(
    private ctxIn: SourceContext,
    state?: unknown
  ) {
    this.st = (state as JournalState | undefined) ?? {
      ctx: { sessionId: ctxIn.fallbackSessionId, byAgent: false, model: null, promptSeen: {} },
      entries: []
    }
  }

  state(): unknown {
    return this.st
  }

  push(line: string, lineNo: number, out: ParseRecord[]): void {
    const o = parseObjectLine(line, lineNo, out)
    if (!o) return
    if (typeof o.$rewindTo === 'string') return this.rewind(o.$rewindTo, lineNo)
    const set = obj(o.$set)
    if (set) return this.metadata(set, lineNo, out)
    if (typeof o.id === 'string') {
      const unknown = unknownMessage(o, lineNo)
      if (unknown) out.push(unknown)
      return this.upsert(o, lineNo)
    }
    if (isJournalHeader(o)) {
      this.st.ctx.sessionId = o.sessionId as string
      this.st.ctx.byAgent = o.kind === 'subagent'
      return void out.push({ type: 'session', patch: geminiPatch(o, this.st.ctx, this.ctxIn.path) })
    }
    out.push({ type: 'unknown', line: lineNo, what: describeRecord(o) })
  }

  end(out: ParseRecord[]): void {
    const ctx = this.st.ctx
    for (const e of this.st.entries) {
      if (e.events?.length) {
        emitRecord(
          out,
          ctx.sessionId,
          e.line,
          null,
          e.events.map((payload) => ({ payload }))
        )
        e.events = []
      }
      if (!e.record) continue
      const sent = e.sent ?? nothingSent()
      emitRecord(out, ctx.sessionId, e.line, toUtcIso(e.record.timestamp), messagePayloads(e.record, sent, ctx), JSON.stringify(e.record))
      e.sent = sent
      e.record = null
    }
  }

  private upsert(m: Json, lineNo: number): void {
    const e = this.st.entries.find((x) => x.id === m.id)
    if (e) {
      e.record = m
      e.line = lineNo
    } else {
      this.st.entries.push({ id: m.id as string, line: lineNo, record: m, sent: null })
    }
  }

  private rewind(target: string, lineNo: number): void {
    const entries = this.st.entries
    const idx = entries.findIndex((x) => x.id === target)
    // Gemini CLI's own loader clears everything when the target is unknown.
    const removed = entries.splice(idx === -1 ? 0 : idx)
    const stored = removed.filter((x) => x.sent !== null && !x.id.startsWith('$')).length
    const dropped = removed.filter((x) => x.sent === null && !x.id.startsWith('$')).length
    const events: EventPayload[] = [
      {
        kind: 'marker',
        marker: 'rollback',
        detail: `rewound to ${target}: ${dropped} message(s) dropped${stored ? `, ${stored} stored by an earlier ingest stay counted` : ''}`
      }
    ]
    for (const x of removed) {
      const t = x.record && x.sent === null ? geminiTokens(x.record.tokens) : null
      if (t) events.push({ kind: 'token_usage', model: str(x.record?.model) ?? null, delta: t, cumulative: null, counted: false, reason: 'rewound' })
    }
    entries.push({ id: `$${lineNo}`, line: lineNo, record: null, sent: null, events })
  }

  private metadata(set: Json, lineNo: number, out: ParseRecord[]): void {
    const ctx = this.st.ctx
    if (typeof set.sessionId === 'string') ctx.sessionId = set.sessionId
    const patch: SessionPatch = { id: ctx.sessionId, agent: 'gemini-cli', ended_at: toUtcIso(set.lastUpdated), title: str(set.summary) ?? null }
    out.push({ type: 'session', patch })
    const messages = arr(set.messages)
    if (!messages) return
    // A checkpoint after /compress: known ids are rewritten in place; compressed-away messages
    // still happened and stay; new ids are the synthetic summary, context rather than prompts.
    const synthetic: string[] = []
    for (const m of messages) {
      if (!isObject(m) || typeof m.id !== 'string') continue
      const e = this.st.entries.find((x) => x.id === m.id)
      if (e) {
        e.record = m
        e.line = lineNo
      } else synthetic.push(partsText(m.content))
    }
    const text = synthetic.join('\n\n')
    this.st.entries.push({ id: `$${lineNo}`, line: lineNo, record: null, sent: null, events: [{ kind: 'compaction', text: text || null, encrypted: false }] })
  }
}

export const geminiJournal: LineSource = {
  mode: 'lines',
  id: 'gemini-cli-journal',
  agent: 'gemini-cli',
  description: 'Gemini CLI chat recording journal (chats/session-*.jsonl since Apr 2026: upserts by id, $set, $rewindTo)',
  sniff: sniffJournal,
  createParser: (ctx, state) => new GeminiJournalParser(ctx, state)
}
