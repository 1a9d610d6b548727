import type { EventPayload, PayloadOf } from '../../model/events.js'
import { arr, obj, str, tryParseJson } from '../util/json.js'

type FileChange = PayloadOf<'file_change'>['change']

/** Tool names (the `tool` of a tool record's JSON) that write the file at `path`, and how. */
const WRITES: Record<string, FileChange> = {
  editedExistingFile: 'update',
  newFileCreated: 'add',
  fileDeleted: 'delete',
  appliedDiff: 'update',
  insertContent: 'update',
  searchAndReplace: 'update',
  applyPatch: 'update'
}

/** The paths a tool record names: `path`, or the `batchDiffs` / `batchFiles` of Roo Code's batched edits and reads. */
function pathsOf(t: Record<string, unknown>): string[] {
  const one = str(t.path)
  const batch = [...(arr(t.batchDiffs) ?? []), ...(arr(t.batchFiles) ?? [])].map((b) => str(obj(b)?.path)).filter((p): p is string => !!p)
  return one ? [one, ...batch.filter((p) => p !== one)] : batch
}

/**
 * A `say: "tool"` or `ask: "tool"` record: its `text` is JSON naming the tool (`readFile`,
 * `editedExistingFile`, `newFileCreated`, `appliedDiff`, …) and the path. The call has no id in the
 * log; the record's time is used, which is unique within a task. A write names its file as touched.
 */
export function toolRecord(text: string, callId: string): EventPayload[] {
  const t = obj(tryParseJson(text))
  if (!t) return [{ kind: 'tool_call', call_id: callId, name: 'tool', arguments: text, command: null, tool_type: 'other' }]
  const name = str(t.tool) ?? 'tool'
  // The record holds the written content or diff in full; the call keeps what names the action.
  const args = JSON.stringify({ ...t, content: undefined, diff: undefined })
  const out: EventPayload[] = [{ kind: 'tool_call', call_id: callId, name, arguments: args, command: null, tool_type: 'function' }]
  const change = WRITES[name]
  if (change) for (const path of pathsOf(t)) out.push({ kind: 'file_change', path, change, call_id: callId })
  return out
}

/** `ask`/`say: "command"`: the text is the command line (Cline may append a `REQ_APP` approval marker). */
export function commandRecord(text: string, callId: string): EventPayload {
  const command = text.replace(/REQ_APP\s*$/, '').trim()
  return { kind: 'tool_call', call_id: callId, name: 'execute_command', arguments: JSON.stringify({ command }), command, tool_type: 'local_shell' }
}

/** `ask: "use_mcp_server"`: `{type, serverName, toolName, arguments}` or, for resources, `{uri}`. */
export function mcpRecord(text: string, callId: string): EventPayload {
  const t = obj(tryParseJson(text)) ?? {}
  const server = str(t.serverName) ?? 'mcp'
  const name = `${server}/${str(t.toolName) ?? str(t.uri) ?? str(t.type) ?? 'call'}`
  return { kind: 'tool_call', call_id: callId, name, arguments: str(t.arguments) ?? text, command: null, tool_type: 'mcp' }
}
