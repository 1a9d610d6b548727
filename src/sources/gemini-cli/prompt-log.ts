import { promptKey, typedPromptText, type GeminiCtx } from './messages.js'
import type { DocumentSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { isObject, str } from '../util/json.js'
import { toUtcIso } from '../util/time.js'

/** `logs.json`: a JSON array of `{sessionId, messageId, timestamp, type, message}`. */
function sniffPromptLog(head: SniffInput): boolean {
  const text = head.text.trimStart()
  return text.startsWith('[') && /"sessionId"\s*:/.test(text) && /"messageId"\s*:\s*\d/.test(text) && /"message"\s*:/.test(text)
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
    if (e.type !== 'user')
      return emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'context_message', role: str(e.type) ?? 'unknown', text: e.message } }], raw)
    // Slash commands and shell-mode input never reach the model as a prompt.
    if (/^[/!]/.test(typed)) return emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'context_message', role: 'command', text: e.message } }], raw)
    const key = promptKey(g, typedPromptText(typed))
    emitRecord(out, sid, i + 1, ts, [{ payload: { kind: 'user_prompt', text: e.message, by_agent: false, images: 0 }, dedupe_key: key }], raw)
  })
}

export const geminiPromptLog: DocumentSource = {
  mode: 'document',
  id: 'gemini-cli-logs',
  agent: 'gemini-cli',
  description: 'Gemini CLI prompt history (~/.gemini/tmp/<project>/logs.json)',
  sniff: sniffPromptLog,
  parseDocument: parsePromptLog
}
