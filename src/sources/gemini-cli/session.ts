import { geminiPatch } from './journal.js'
import { messagePayloads, nothingSent, unknownMessage, type GeminiCtx } from './messages.js'
import type { DocumentSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { arr, isObject, str } from '../util/json.js'
import { toUtcIso } from '../util/time.js'

/** A whole-file `ConversationRecord`, pretty-printed (so its lines are not JSON) or on one line. */
function sniffSession(head: SniffInput): boolean {
  const text = head.text.trimStart()
  if (!text.startsWith('{')) return false
  const first = head.parsed[0]
  if (isObject(first)) return typeof first.sessionId === 'string' && typeof first.projectHash === 'string' && Array.isArray(first.messages)
  return /^\s*"sessionId"\s*:/m.test(text) && /^\s*"projectHash"\s*:/m.test(text) && /^\s*"messages"\s*:\s*\[/m.test(text)
}

function parseSession(text: string, ctx: SourceContext, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!isObject(doc)) throw new Error('not a JSON object')
  const gctx: GeminiCtx = { sessionId: str(doc.sessionId) ?? ctx.fallbackSessionId, byAgent: doc.kind === 'subagent', model: null, promptSeen: {} }
  out.push({ type: 'session', patch: geminiPatch(doc, gctx, ctx.path) })
  ;(arr(doc.messages) ?? []).forEach((m, i) => {
    if (!isObject(m)) return void out.push({ type: 'skip', line: i + 1, reason: 'message is not an object' })
    const unknown = unknownMessage(m, i + 1)
    if (unknown) out.push(unknown)
    emitRecord(out, gctx.sessionId, i + 1, toUtcIso(m.timestamp), messagePayloads(m, nothingSent(), gctx), JSON.stringify(m))
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
