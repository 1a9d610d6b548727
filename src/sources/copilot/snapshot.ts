import { copilotPatch, emitRequests } from './oplog.js'
import type { CopilotCtx } from './requests.js'
import type { DocumentSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { isObject, str } from '../util/json.js'

/** `ISerializableChatData` v3: pretty-printed or on one line, with `requests` and Copilot's usernames. */
function sniffSnapshot(head: SniffInput): boolean {
  const text = head.text.trimStart()
  if (!text.startsWith('{')) return false
  const first = head.parsed[0]
  if (isObject(first)) return typeof first.version === 'number' && Array.isArray(first.requests) && typeof first.kind !== 'number'
  return /"version"\s*:\s*\d/.test(text) && /"requests"\s*:\s*\[/.test(text) && /"(responderUsername|requesterUsername|initialLocation)"\s*:/.test(text)
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
