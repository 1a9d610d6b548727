import { CopilotOpLogParser, copilotPatch, emitRequests } from './copilot-oplog.js'
import { CopilotTranscriptParser } from './copilot-transcript.js'
import type { CopilotCtx } from './copilot-requests.js'
import type { DocumentSource, LineSource, ParseRecord, SniffInput, SourceContext } from './types.js'
import { isObject, obj, str } from './util/json.js'

/** `ISerializableChatData` v3: pretty-printed or on one line, with `requests` and Copilot's usernames. */
function sniffSnapshot(head: SniffInput): boolean {
  const text = head.text.trimStart()
  if (!text.startsWith('{')) return false
  const first = head.parsed[0]
  if (isObject(first)) return typeof first.version === 'number' && Array.isArray(first.requests) && typeof first.kind !== 'number'
  return /"version"\s*:\s*\d/.test(text) && /"requests"\s*:\s*\[/.test(text) && /"(responderUsername|requesterUsername|initialLocation)"\s*:/.test(text)
}

/** The mutation log always starts with a kind 0 record holding a full chat state. */
function sniffOpLog(head: SniffInput): boolean {
  const first = head.parsed[0]
  if (!isObject(first) || first.kind !== 0) return false
  const v = obj(first.v)
  return v !== undefined && Array.isArray(v.requests) && ('sessionId' in v || 'version' in v)
}

/** The transcript stream opens with `session.start` from `copilot-agent` inside VS Code. */
function sniffTranscript(head: SniffInput): boolean {
  return head.parsed.some((o) => {
    if (!isObject(o) || o.type !== 'session.start') return false
    const d = obj(o.data)
    return d !== undefined && typeof d.vscodeVersion === 'string' && (d.producer === undefined || d.producer === 'copilot-agent')
  })
}

function parseSnapshot(text: string, ctx: SourceContext, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!isObject(doc)) throw new Error('not a JSON object')
  const c: CopilotCtx = { sessionId: str(doc.sessionId) ?? ctx.fallbackSessionId, model: null }
  out.push({ type: 'session', patch: copilotPatch(doc, c.sessionId) })
  emitRequests(doc, c, {}, (_rid, i) => i + 1, out)
}

export const copilotSnapshot: DocumentSource = {
  mode: 'document',
  id: 'copilot-chat-snapshot',
  agent: 'copilot-chat',
  description: 'GitHub Copilot Chat (VS Code) session snapshot, v3 JSON (workspaceStorage/<id>/chatSessions/<session>.json)',
  sniff: sniffSnapshot,
  parseDocument: parseSnapshot
}

export const copilotOpLog: LineSource = {
  mode: 'lines',
  id: 'copilot-chat-oplog',
  agent: 'copilot-chat',
  description: 'GitHub Copilot Chat (VS Code) session mutation log (chatSessions/<session>.jsonl, kinds 0 to 3)',
  sniff: sniffOpLog,
  createParser: (ctx, state) => new CopilotOpLogParser(ctx, state)
}

export const copilotTranscript: LineSource = {
  mode: 'lines',
  id: 'copilot-chat-transcript',
  agent: 'copilot-chat',
  description: 'GitHub Copilot Chat (VS Code) transcript event stream (GitHub.copilot-chat/transcripts/<session>.jsonl)',
  sniff: sniffTranscript,
  createParser: (ctx, state) => new CopilotTranscriptParser(ctx, state)
}

/** Every Copilot Chat format, for registration. */
export const copilotSources = [copilotSnapshot, copilotOpLog, copilotTranscript] as const
