import { GeminiJournalParser, geminiPatch, isJournalHeader } from './gemini-journal.js'
import { messagePayloads, nothingSent, promptKey, typedPromptText, type GeminiCtx } from './gemini-messages.js'
import type { DocumentSource, LineSource, ParseRecord, SniffInput, SourceContext } from './types.js'
import { emitRecord } from './util/emit.js'
import { arr, isObject, str, type Json } from './util/json.js'
import { toUtcIso } from './util/time.js'

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning'])

function isMessageRecord(o: Json): boolean {
  return typeof o.id === 'string' && typeof o.timestamp === 'string' && typeof o.type === 'string' && MESSAGE_TYPES.has(o.type) && 'content' in o
}

/** A whole-file `ConversationRecord`, pretty-printed (so its lines are not JSON) or on one line. */
function sniffSession(head: SniffInput): boolean {
  const text = head.text.trimStart()
  if (!text.startsWith('{')) return false
  const first = head.parsed[0]
  if (isObject(first)) return typeof first.sessionId === 'string' && typeof first.projectHash === 'string' && Array.isArray(first.messages)
  return /^\s*"sessionId"\s*:/m.test(text) && /^\s*"projectHash"\s*:/m.test(text) && /^\s*"messages"\s*:\s*\[/m.test(text)
}

/** The journal: a header line, or (in trimmed or headerless files) message records and `$` ops. */
function sniffJournal(head: SniffInput): boolean {
  const objs = head.parsed.filter(isObject)
  if (objs.length === 0 || objs.length < head.parsed.filter((p) => p !== undefined).length) return false
  return objs.some((o) => isJournalHeader(o) || isMessageRecord(o)) && objs.every((o) => isJournalHeader(o) || isMessageRecord(o) || '$set' in o || '$rewindTo' in o)
}

/** `logs.json`: a JSON array of `{sessionId, messageId, timestamp, type, message}`. */
function sniffPromptLog(head: SniffInput): boolean {
  const text = head.text.trimStart()
  return text.startsWith('[') && /"sessionId"\s*:/.test(text) && /"messageId"\s*:\s*\d/.test(text) && /"message"\s*:/.test(text)
}

function parseSession(text: string, ctx: SourceContext, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!isObject(doc)) throw new Error('not a JSON object')
  const gctx: GeminiCtx = { sessionId: str(doc.sessionId) ?? ctx.fallbackSessionId, byAgent: doc.kind === 'subagent', model: null, promptSeen: {} }
  out.push({ type: 'session', patch: geminiPatch(doc, gctx, ctx.path) })
  ;(arr(doc.messages) ?? []).forEach((m, i) => {
    if (!isObject(m)) return void out.push({ type: 'skip', line: i + 1, reason: 'message is not an object' })
    emitRecord(out, gctx.sessionId, i + 1, toUtcIso(m.timestamp), messagePayloads(m, nothingSent(), gctx), JSON.stringify(m))
  })
}

/**
 * `logs.json` holds every line a person typed, slash commands included, and outlives nothing:
 * the same retention deletes it with the chats. Prompts carry the same key as the chat
 * recording's copy, so whichever file is stored second is marked replayed and counted once.
 */
function parsePromptLog(text: string, ctx: SourceContext, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!Array.isArray(doc)) throw new Error('not a JSON array')
  const ctxs = new Map<string, GeminiCtx>()
  doc.forEach((e, i) => {
    if (!isObject(e) || typeof e.message !== 'string') return void out.push({ type: 'skip', line: i + 1, reason: 'log entry without a message' })
    const sid = str(e.sessionId) ?? ctx.fallbackSessionId
    let g = ctxs.get(sid)
    if (!g) {
      g = { sessionId: sid, byAgent: false, model: null, promptSeen: {} }
      ctxs.set(sid, g)
      out.push({ type: 'session', patch: { id: sid, agent: 'gemini-cli', started_at: toUtcIso(e.timestamp) } })
    }
    const typed = e.message.trim()
    const ts = toUtcIso(e.timestamp)
    const raw = JSON.stringify(e)
    if (e.type !== 'user') return emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'context_message', role: str(e.type) ?? 'unknown', text: e.message } }], raw)
    // Slash commands and shell-mode input never reach the model as a prompt.
    if (/^[/!]/.test(typed)) return emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'context_message', role: 'command', text: e.message } }], raw)
    const key = promptKey(g, typedPromptText(typed))
    emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'user_prompt', text: e.message, by_agent: false, images: 0 }, dedupe_key: key }], raw)
  })
}

export const geminiSession: DocumentSource = {
  mode: 'document',
  id: 'gemini-cli-session',
  agent: 'gemini-cli',
  description: 'Gemini CLI chat recording, whole-file JSON (~/.gemini/tmp/<project>/chats/session-*.json, Aug 2025 to Apr 2026)',
  sniff: sniffSession,
  parseDocument: parseSession
}

export const geminiJournal: LineSource = {
  mode: 'lines',
  id: 'gemini-cli-journal',
  agent: 'gemini-cli',
  description: 'Gemini CLI chat recording journal (chats/session-*.jsonl since Apr 2026: upserts by id, $set, $rewindTo)',
  sniff: sniffJournal,
  createParser: (ctx, state) => new GeminiJournalParser(ctx, state)
}

export const geminiPromptLog: DocumentSource = {
  mode: 'document',
  id: 'gemini-cli-logs',
  agent: 'gemini-cli',
  description: 'Gemini CLI prompt history (~/.gemini/tmp/<project>/logs.json)',
  sniff: sniffPromptLog,
  parseDocument: parsePromptLog
}

/** Every Gemini CLI format, for registration. */
export const geminiSources = [geminiSession, geminiJournal, geminiPromptLog] as const
