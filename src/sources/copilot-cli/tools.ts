import type { EventPayload, PayloadOf } from '../../model/events.js'
import { obj, str, tryParseJson } from '../util/json.js'
import { filesInPatch } from '../util/patch.js'
import { commandFromArgs } from '../util/shell.js'

type FileChange = PayloadOf<'file_change'>

/** Tool arguments arrive as an object (current CLI) or as a JSON string (older `toolRequests`). */
export function toolArgs(args: unknown): unknown {
  return typeof args === 'string' ? (tryParseJson(args) ?? args) : args
}

const SHELL_TOOLS = new Set(['bash', 'powershell', 'shell'])

export function toolCall(id: string | null, name: string, args: unknown): PayloadOf<'tool_call'> {
  const text = typeof args === 'string' ? args : JSON.stringify(args ?? {})
  const command = SHELL_TOOLS.has(name) ? commandFromArgs(toolArgs(args)) : null
  return { kind: 'tool_call', call_id: id, name, arguments: text, command, tool_type: 'function' }
}

/**
 * The files a tool call writes, known from its arguments: `create` adds a file, `edit` changes
 * one, `str_replace_editor` (older CLIs) does either by its `command`, and `apply_patch` (GPT
 * models) names its files in the patch. Reads (`view`) touch nothing.
 */
export function writtenFiles(id: string | null, name: string, args: unknown): FileChange[] {
  const a = toolArgs(args)
  if (name === 'apply_patch') {
    const patch = typeof a === 'string' ? a : (str(obj(a)?.input) ?? str(obj(a)?.patch) ?? '')
    return filesInPatch(patch, id)
  }
  const o = obj(a)
  const path = str(o?.path)
  if (!path) return []
  const change = name === 'create' ? 'add' : name === 'edit' ? 'update' : name === 'str_replace_editor' ? editorChange(str(o?.command)) : null
  return change ? [{ kind: 'file_change', path, change, call_id: id }] : []
}

function editorChange(command: string | undefined): FileChange['change'] | null {
  if (command === 'create') return 'add'
  if (command === 'str_replace' || command === 'insert' || command === 'undo_edit') return 'update'
  return null
}

/** `success` on current CLIs; some logs only carry the result's type (`resultType` / `result_type`). */
export function succeeded(d: Record<string, unknown>): boolean {
  if (typeof d.success === 'boolean') return d.success
  const r = obj(d.result)
  return (str(r?.resultType) ?? str(r?.result_type)) === 'success'
}

/** What a tool returned: `result.content` (the text the model saw), else the result as JSON. */
export function toolResult(id: string | null, d: Record<string, unknown>): EventPayload {
  const res = d.result
  const error = obj(d.error)
  const output = typeof res === 'string' ? res : (str(obj(res)?.content) ?? str(error?.message) ?? (res === undefined ? '' : JSON.stringify(res)))
  const status = succeeded(d) ? 'success' : d.success === false ? 'error' : null
  return { kind: 'tool_result', call_id: id, output, exit_code: null, duration_ms: null, status }
}
