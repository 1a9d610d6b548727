import type { EventPayload } from '../../model/events.js'
import { arr, obj, str, type Json } from '../util/json.js'
import { commandFromArgs } from '../util/shell.js'

/**
 * What one item of a Goose message's `content_json` becomes (`MessageContent` in goose's
 * crates/goose/src/conversation/message.rs: `{"type": "text" | "toolRequest" | "toolResponse" |
 * "thinking" | "redactedThinking" | …}`). Returns null for an item type this reader does not interpret.
 */
export function contentEvents(item: Json, role: string, userVisible: boolean): EventPayload[] | null {
  const type = str(item.type) ?? ''
  switch (type) {
    case 'text': {
      const text = str(item.text) ?? ''
      if (role === 'assistant') return [{ kind: 'assistant_message', text }]
      // A user-role text the user never saw is one goose wrote for the model (a summary, a hint).
      if (!userVisible) return [{ kind: 'context_message', role: 'hidden', text }]
      return [{ kind: 'user_prompt', text, by_agent: false, images: 0 }]
    }
    case 'toolRequest':
      return toolRequest(item)
    case 'toolResponse':
      return [toolResponse(item)]
    case 'thinking':
      return [{ kind: 'reasoning', text: str(item.thinking) ?? '', encrypted: false, encrypted_bytes: 0 }]
    case 'redactedThinking':
      return [{ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: (str(item.data) ?? '').length }]
    default:
      return null
  }
}

/** The text editor's commands that write its `path`, and how. */
const EDITS: Record<string, 'update' | 'unknown'> = { write: 'unknown', str_replace: 'update', insert: 'update', undo_edit: 'update' }

function toolRequest(item: Json): EventPayload[] {
  const callId = str(item.id) ?? null
  // `toolCall` is a Result: `{status: "success", value: {name, arguments}}` or `{status: "error", error}`.
  const call = obj(item.toolCall)
  const value = obj(call?.value)
  const name = str(value?.name) ?? 'unknown'
  const args = obj(value?.arguments) ?? {}
  const shell = /(^|__)shell$/.test(name)
  const out: EventPayload[] = [
    {
      kind: 'tool_call',
      call_id: callId,
      name,
      arguments: JSON.stringify(args),
      command: shell ? commandFromArgs(args) : null,
      tool_type: shell ? 'local_shell' : name.includes('__') ? 'mcp' : 'function'
    }
  ]
  const path = str(args.path)
  const change = EDITS[str(args.command) ?? '']
  if (/(^|__)text_editor$/.test(name) && path && change) out.push({ kind: 'file_change', path, change, call_id: callId })
  return out
}

function toolResponse(item: Json): EventPayload {
  const callId = str(item.id) ?? null
  const result = obj(item.toolResult)
  if (str(result?.status) === 'error') return { kind: 'tool_result', call_id: callId, output: str(result?.error) ?? '', status: 'error' }
  // The value is a CallToolResult `{content: [...], isError}`, or in older sessions the content array itself.
  const value = result?.value
  const content = arr(value) ?? arr(obj(value)?.content) ?? []
  const text = content
    .map((c) => obj(c))
    .filter((c): c is Json => c !== undefined && str(c.type) === 'text')
    .map((c) => str(c.text) ?? '')
    .join('\n')
  const failed = obj(value)?.isError === true
  return { kind: 'tool_result', call_id: callId, output: text, status: failed ? 'error' : 'success' }
}
