import type { EventPayload, PayloadOf } from '../../model/events.js'
import { arr, isObject, num, obj, str } from '../util/json.js'
import { unwrapShell } from '../util/shell.js'
import { isInjectedContext } from './items.js'

/**
 * Codex's turn items (`codex-rs/protocol/src/items.rs` `TurnItem`), as 0.147 and later write them
 * in `event_msg` `item_completed` (PascalCase `type`; some builds camelCase). The same shapes
 * carry the results of `patch_apply_end` and `mcp_tool_call_end`.
 */

/** The item types whose `item_completed` marks a 0.147-or-later file. */
export const TURN_ITEM_TYPES = new Set(['usermessage', 'agentmessage', 'reasoning', 'commandexecution', 'filechange'])

export interface TurnItemContext {
  byAgent: boolean
}

/** Text parts of a UserMessage (`{type:"text",text}`) or AgentMessage (`{type:"Text",text}`) content list. */
function partsText(content: unknown, join: string): { text: string; images: number } {
  const texts: string[] = []
  let images = 0
  for (const part of arr(content) ?? []) {
    const o = obj(part)
    if (!o) continue
    const t = str(o.text)
    if (t !== undefined) texts.push(t)
    else if (/image/i.test(str(o.type) ?? '')) images++
  }
  return { text: texts.join(join), images }
}

/** Rust `Duration` (`{secs, nanos}`) or a millisecond count, in milliseconds. */
export function durationMs(item: Record<string, unknown>): number | null {
  const ms = num(item.duration_ms) ?? num(item.durationMs)
  if (ms !== undefined) return ms
  const d = obj(item.duration)
  const secs = num(d?.secs)
  return secs === undefined ? null : Math.round(secs * 1000 + (num(d?.nanos) ?? 0) / 1e6)
}

function commandLine(v: unknown): string | null {
  if (typeof v === 'string') return v
  const argv = arr(v)?.filter((x): x is string => typeof x === 'string')
  return argv?.length ? unwrapShell(argv) : null
}

/** `{path: {type: add|delete|update, move_path?}}` (a map, as Codex writes it) or `[{path, kind}]`. */
export function changedFiles(changes: unknown, callId: string | null): PayloadOf<'file_change'>[] {
  const entries: [string, Record<string, unknown>][] = Array.isArray(changes)
    ? changes.filter(isObject).map((c) => [str(c.path) ?? '', obj(c.kind) ?? { type: c.kind }])
    : Object.entries(obj(changes) ?? {}).map(([path, c]) => [path, obj(c) ?? {}])
  const out: PayloadOf<'file_change'>[] = []
  for (const [path, c] of entries) {
    if (!path) continue
    const type = str(c.type) ?? Object.keys(c)[0]
    const change = type === 'add' || type === 'delete' ? type : type === 'update' ? 'update' : 'unknown'
    const moved = str(c.move_path)
    out.push({ kind: 'file_change', path, change: moved ? 'update' : change, call_id: callId })
    if (moved) out.push({ kind: 'file_change', path: moved, change: 'move', call_id: callId })
  }
  return out
}

/** The text of an MCP `CallToolResult` (or the error string), never the raw JSON around it. */
function mcpResultText(result: unknown): { output: string; failed: boolean } {
  const r = obj(result)
  if (!r) return { output: typeof result === 'string' ? result : '', failed: false }
  const ok = 'Ok' in r ? obj(r.Ok) : 'Err' in r ? undefined : r
  if (!ok) return { output: typeof r.Err === 'string' ? r.Err : JSON.stringify(r.Err ?? null), failed: true }
  const text = (arr(ok.content) ?? [])
    .map((c) => str(obj(c)?.text))
    .filter((t): t is string => t !== undefined)
    .join('\n')
  return { output: text, failed: ok.isError === true || ok.is_error === true }
}

function commandExecution(item: Record<string, unknown>): EventPayload[] {
  const id = str(item.id) ?? null
  const command = commandLine(item.command)
  const cwd = str(item.cwd) ?? null
  const out = str(item.aggregated_output) ?? str(item.aggregatedOutput) ?? [str(item.stdout), str(item.stderr)].filter(Boolean).join('\n')
  return [
    { kind: 'tool_call', call_id: id, name: 'shell', arguments: JSON.stringify({ command: item.command ?? null, cwd }), command, tool_type: 'local_shell' },
    {
      kind: 'tool_result',
      call_id: id,
      output: out || (str(item.formatted_output) ?? ''),
      exit_code: num(item.exit_code) ?? num(item.exitCode) ?? null,
      duration_ms: durationMs(item),
      status: str(item.status) ?? null
    }
  ]
}

/** A patch applied (FileChange item, or a `patch_apply_end` event): the call, the files, its outcome. */
export function fileChange(p: Record<string, unknown>, callId: string | null): EventPayload[] {
  const files = changedFiles(p.changes, callId)
  const status = str(p.status) ?? (p.success === true ? 'completed' : p.success === false ? 'failed' : null)
  const output = [str(p.stdout), str(p.stderr)].filter(Boolean).join('\n')
  return [
    {
      kind: 'tool_call',
      call_id: callId,
      name: 'apply_patch',
      arguments: JSON.stringify({ changes: files.map((f) => ({ path: f.path, change: f.change })) }),
      command: null,
      tool_type: 'file_change'
    },
    ...files,
    { kind: 'tool_result', call_id: callId, output, exit_code: null, duration_ms: null, status }
  ]
}

/** An MCP call (McpToolCall item, or an `mcp_tool_call_end` event with its `invocation`). */
export function mcpCall(p: Record<string, unknown>, callId: string | null): EventPayload[] {
  const inv = obj(p.invocation) ?? p
  const name = `${str(inv.server) ?? 'mcp'}.${str(inv.tool) ?? 'unknown'}`
  const args = typeof inv.arguments === 'string' ? inv.arguments : JSON.stringify(inv.arguments ?? {})
  const { output, failed } =
    p.error !== undefined && p.error !== null ? { output: str(obj(p.error)?.message) ?? String(p.error), failed: true } : mcpResultText(p.result)
  return [
    { kind: 'tool_call', call_id: callId, name, arguments: args, command: null, tool_type: 'mcp' },
    { kind: 'tool_result', call_id: callId, output, exit_code: null, duration_ms: durationMs(p), status: str(p.status) ?? (failed ? 'failed' : 'completed') }
  ]
}

/**
 * Normalized payloads for one completed turn item, or null for an item type this parser does
 * not interpret. Sub-agent and collaboration items are known but carry nothing a report shows
 * beyond the child's own file, which names its parent.
 */
export function turnItemPayloads(item: Record<string, unknown>, ctx: TurnItemContext): EventPayload[] | null {
  const type = (str(item.type) ?? '').toLowerCase()
  const id = str(item.id) ?? null
  switch (type) {
    case 'usermessage': {
      const { text, images } = partsText(item.content, '')
      if (isInjectedContext(text)) return [{ kind: 'context_message', role: 'user', text }]
      return [{ kind: 'user_prompt', text, by_agent: ctx.byAgent, images }]
    }
    case 'hookprompt': {
      const text = (arr(item.fragments) ?? []).map((f) => str(obj(f)?.text) ?? '').join('\n')
      return [{ kind: 'context_message', role: 'hook', text }]
    }
    case 'agentmessage':
      return [{ kind: 'assistant_message', text: partsText(item.content, '\n').text, phase: str(item.phase) ?? null }]
    case 'reasoning': {
      const summary = (arr(item.summary_text) ?? []).filter((s): s is string => typeof s === 'string')
      const raw = (arr(item.raw_content) ?? []).filter((s): s is string => typeof s === 'string')
      const text = [...summary, ...raw].join('\n\n')
      return text ? [{ kind: 'reasoning', text, encrypted: false, encrypted_bytes: 0 }] : [{ kind: 'other', type: 'reasoning_item_empty' }]
    }
    case 'plan': {
      const steps = (arr(item.plan) ?? arr(item.steps) ?? []).map((s) => ({ step: str(obj(s)?.step) ?? str(s) ?? '', status: str(obj(s)?.status) ?? '' }))
      return [{ kind: 'plan_update', explanation: str(item.text) ?? null, steps }]
    }
    case 'commandexecution':
      return commandExecution(item)
    case 'filechange':
      return fileChange(item, id)
    case 'mcptoolcall':
      return mcpCall(item, id)
    case 'dynamictoolcall': {
      const name = [str(item.namespace), str(item.tool) ?? 'unknown'].filter(Boolean).join('.')
      return [
        { kind: 'tool_call', call_id: id, name, arguments: JSON.stringify(item.arguments ?? {}), command: null, tool_type: 'other' },
        { kind: 'tool_result', call_id: id, output: '', exit_code: null, duration_ms: durationMs(item), status: str(item.status) ?? null }
      ]
    }
    case 'websearch':
      return [
        { kind: 'tool_call', call_id: id, name: 'web_search', arguments: JSON.stringify({ query: item.query ?? null }), command: null, tool_type: 'web_search' }
      ]
    case 'imagegeneration':
      // `result` is the image itself (base64): never copied into an event.
      return [
        { kind: 'tool_call', call_id: id, name: 'image_generation', arguments: JSON.stringify(item.revised_prompt ?? {}), command: null, tool_type: 'other' },
        { kind: 'tool_result', call_id: id, output: str(item.saved_path) ?? '', exit_code: null, duration_ms: null, status: str(item.status) ?? null }
      ]
    case 'contextcompaction':
      return [{ kind: 'marker', marker: 'context_compacted', detail: null }]
    case 'subagentactivity':
    case 'collabagenttoolcall':
    case 'sleep':
    case 'imageview':
      return [{ kind: 'other', type: `item:${type}` }]
    default:
      return null
  }
}
