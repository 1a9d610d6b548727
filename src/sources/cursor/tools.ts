import type { EventPayload, PayloadOf } from '../../model/events.js'
import type { Json } from '../util/json.js'
import { str } from '../util/json.js'
import { filesInPatch } from '../util/patch.js'

type FileChange = PayloadOf<'file_change'>
type ToolType = PayloadOf<'tool_call'>['tool_type']

/**
 * Cursor's tool names: the agent CLI's transcripts use `Shell`, `Write`, `StrReplace`, `Delete`,
 * `ApplyPatch`, `Read`, `Grep`, `WebSearch`…; the editor's bubbles use snake_case names
 * (`run_terminal_cmd`, `edit_file`, `apply_patch`, `read_file`, `grep`, `web_search`…).
 */
const SHELL = new Set(['Shell', 'run_terminal_cmd', 'run_terminal_command'])
const WEB_SEARCH = new Set(['WebSearch', 'web_search'])

/** The file a tool's arguments name, under whichever key that tool uses. */
function pathOf(args: Json): string | undefined {
  return str(args.path) ?? str(args.file_path) ?? str(args.filePath) ?? str(args.target_file) ?? str(args.target_notebook)
}

export function toolType(name: string): ToolType {
  if (SHELL.has(name)) return 'local_shell'
  if (WEB_SEARCH.has(name)) return 'web_search'
  return 'function'
}

export function shellCommand(name: string, args: Json): string | null {
  return SHELL.has(name) ? (str(args.command) ?? null) : null
}

/**
 * The files a call writes. Neither store records whether a call succeeded in a form we have seen
 * for every tool, so a write counts at the call (a refused write still names the file it aimed at).
 */
export function filesWritten(name: string, args: Json, patchText: string | undefined, callId: string | null): FileChange[] {
  const path = pathOf(args)
  switch (name) {
    case 'Write':
      return path ? [{ kind: 'file_change', path, change: 'unknown', call_id: callId }] : []
    case 'StrReplace':
    case 'MultiStrReplace':
    case 'EditNotebook':
    case 'edit_file':
    case 'search_replace':
    case 'edit_notebook':
      return path ? [{ kind: 'file_change', path, change: 'update', call_id: callId }] : []
    case 'Delete':
    case 'delete_file':
      return path ? [{ kind: 'file_change', path, change: 'delete', call_id: callId }] : []
    case 'ApplyPatch':
    case 'apply_patch': {
      const found = patchText ? filesInPatch(patchText, callId) : []
      if (found.length > 0) return found
      return path ? [{ kind: 'file_change', path, change: 'update', call_id: callId }] : []
    }
    default:
      return []
  }
}

/** A tool call and the files it writes, as events. */
export function toolEvents(name: string, args: Json, rawArgs: string, callId: string | null, patchText?: string): EventPayload[] {
  return [
    { kind: 'tool_call', call_id: callId, name, arguments: rawArgs, command: shellCommand(name, args), tool_type: toolType(name) },
    ...filesWritten(name, args, patchText, callId)
  ]
}
