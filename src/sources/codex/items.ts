import type { EventPayload, PayloadOf } from '../../model/events.js'
import { arr, isObject, num, obj, str, tryParseJson } from '../util/json.js'
import { filesInPatch } from '../util/patch.js'
import { commandFromArgs, unwrapShell } from '../util/shell.js'

/** Text blocks Codex injects into user-role messages; they are context, never a person's prompt. */
const INJECTED =
  /^\s*<(environment_context|user_instructions|user_shell_command|turn_aborted|permissions instructions|developer_instructions|collaboration_mode|skill|INSTRUCTIONS)[\s>]/i
const AGENTS_MD = /^\s*# AGENTS\.md instructions for /
/** One whole `<snake_case_tag>…</snake_case_tag>` block, the form of every context block Codex adds (`<recommended_plugins>`, `<skills_instructions>`…). */
const TAG_BLOCK = /^\s*<([a-z][a-z0-9]*_[a-z0-9_]*)(\s[^>]*)?>[\s\S]*<\/\1>\s*$/

export function isInjectedContext(text: string): boolean {
  return INJECTED.test(text) || AGENTS_MD.test(text) || TAG_BLOCK.test(text)
}

/** Joins the text parts of a Responses-API `content` array and counts its images. */
export function contentText(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 }
  let images = 0
  const parts: string[] = []
  for (const p of arr(content) ?? []) {
    const o = obj(p)
    if (!o) continue
    const t = str(o.text)
    if (t !== undefined) parts.push(t)
    if (o.type === 'input_image' || o.type === 'image') images++
  }
  return { text: parts.join('\n'), images }
}

/** Exit code and duration from the output shapes Codex tools return (JSON text, `Exit code:` text). */
export function parseToolOutput(output: string): { exit_code: number | null; duration_ms: number | null } {
  if (output.startsWith('{')) {
    const j = obj(tryParseJson(output))
    const m = obj(j?.metadata)
    if (m) {
      const d = num(m.duration_seconds)
      return { exit_code: num(m.exit_code) ?? null, duration_ms: d !== undefined ? Math.round(d * 1000) : null }
    }
  }
  const code = /^(?:Exit code|Process exited with code):? (-?\d+)/m.exec(output.slice(0, 4096))
  const wall = /^Wall time: ([\d.]+) seconds/m.exec(output.slice(0, 4096))
  return {
    exit_code: code ? Number(code[1]) : null,
    duration_ms: wall ? Math.round(Number(wall[1]) * 1000) : null
  }
}

function outputText(v: unknown): string {
  if (typeof v === 'string') return v
  if (Array.isArray(v)) return contentText(v).text
  const o = obj(v)
  if (o && typeof o.content === 'string') return o.content
  return v === undefined || v === null ? '' : JSON.stringify(v)
}

export interface ItemContext {
  /**
   * Legacy files, and 0.147 and later, carry the person's prompt as a message item (the later
   * ones also as events, removed as copies by the caller); 2025–2026 envelope files read it
   * from `event_msg/user_message` alone.
   */
  promptsFromMessages: boolean
  lastAgentMessage: string | null
  byAgent: boolean
}

/**
 * Maps one Responses-API item (a rollout `response_item` payload, or a bare legacy line) onto
 * normalized payloads. Returns null for an item type this parser does not know.
 */
export function responseItemPayloads(p: Record<string, unknown>, ctx: ItemContext): EventPayload[] | null {
  const type = str(p.type)
  switch (type) {
    case 'message': {
      const role = str(p.role) ?? 'unknown'
      const { text, images } = contentText(p.content)
      if (role === 'assistant') {
        // The final answer is written twice (event_msg/agent_message and this item); keep one.
        if (!ctx.promptsFromMessages && ctx.lastAgentMessage !== null && text === ctx.lastAgentMessage)
          return [{ kind: 'other', type: 'assistant_message_copy' }]
        return [{ kind: 'assistant_message', text, phase: str(p.phase) ?? null }]
      }
      if (role === 'user' && ctx.promptsFromMessages && !isInjectedContext(text)) return [{ kind: 'user_prompt', text, by_agent: ctx.byAgent, images }]
      return [{ kind: 'context_message', role, text }]
    }
    case 'reasoning': {
      const summary = (arr(p.summary) ?? []).map((s) => str(obj(s)?.text) ?? '').filter(Boolean)
      const enc = str(p.encrypted_content)
      // In envelope files the same summary was already written as event_msg/agent_reasoning.
      const text = ctx.promptsFromMessages ? summary.join('\n\n') : ''
      return [{ kind: 'reasoning', text, encrypted: Boolean(enc), encrypted_bytes: enc ? enc.length : 0 }]
    }
    case 'function_call': {
      const name = str(p.name) ?? 'unknown'
      const args = typeof p.arguments === 'string' ? p.arguments : JSON.stringify(p.arguments ?? {})
      const callId = str(p.call_id) ?? null
      const parsed = tryParseJson(args)
      const out: EventPayload[] = [{ kind: 'tool_call', call_id: callId, name, arguments: args, command: commandFromArgs(parsed), tool_type: 'function' }]
      if (name === 'update_plan' && isObject(parsed)) out.push(planFromArgs(parsed))
      out.push(...patchFiles(parsed, args, callId))
      return out
    }
    case 'custom_tool_call': {
      const name = str(p.name) ?? 'unknown'
      const input = str(p.input) ?? ''
      const callId = str(p.call_id) ?? null
      return [{ kind: 'tool_call', call_id: callId, name, arguments: input, command: null, tool_type: 'custom' }, ...filesInPatch(input, callId)]
    }
    case 'agent_message': {
      // A message another agent sent this thread (`author` is its path): input written by an agent.
      const { text } = contentText(p.content)
      return [{ kind: 'user_prompt', text, by_agent: true, images: 0 }]
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
    case 'tool_search_output': {
      const output = outputText(p.output)
      return [{ kind: 'tool_result', call_id: str(p.call_id) ?? null, output, ...parseToolOutput(output), status: str(p.status) ?? null }]
    }
    case 'local_shell_call': {
      const action = obj(p.action)
      const argv = arr(action?.command)?.filter((x): x is string => typeof x === 'string') ?? []
      return [
        {
          kind: 'tool_call',
          call_id: str(p.call_id) ?? str(p.id) ?? null,
          name: 'local_shell',
          arguments: JSON.stringify(action ?? {}),
          command: argv.length ? unwrapShell(argv) : null,
          tool_type: 'local_shell'
        }
      ]
    }
    case 'web_search_call': {
      const action = obj(p.action) ?? {}
      return [{ kind: 'tool_call', call_id: str(p.id) ?? null, name: 'web_search', arguments: JSON.stringify(action), command: null, tool_type: 'web_search' }]
    }
    case 'tool_search_call':
    case 'image_generation_call': {
      const name = type === 'tool_search_call' ? 'tool_search' : 'image_generation'
      const args = JSON.stringify(p.arguments ?? p.query ?? p.revised_prompt ?? {})
      return [{ kind: 'tool_call', call_id: str(p.call_id) ?? str(p.id) ?? null, name, arguments: args, command: null, tool_type: 'other' }]
    }
    case 'ghost_snapshot':
      return [{ kind: 'marker', marker: 'snapshot', detail: str(obj(p.ghost_commit)?.id) ?? null }]
    case 'compaction':
    case 'compaction_summary':
      return [{ kind: 'compaction', text: null, encrypted: true }]
    case 'context_compaction':
      return [{ kind: 'compaction', text: str(p.summary) ?? null, encrypted: typeof p.encrypted_content === 'string' }]
    case 'additional_tools':
    case 'other':
      return [{ kind: 'other', type }]
    default:
      return null
  }
}

function planFromArgs(a: Record<string, unknown>): PayloadOf<'plan_update'> {
  const steps = (arr(a.plan) ?? []).map((s) => ({ step: str(obj(s)?.step) ?? '', status: str(obj(s)?.status) ?? '' }))
  return { kind: 'plan_update', explanation: str(a.explanation) ?? null, steps }
}

/** apply_patch reached through a shell call (`["apply_patch", "*** Begin Patch…"]`) or a function argument. */
function patchFiles(parsed: unknown, raw: string, callId: string | null): PayloadOf<'file_change'>[] {
  if (!raw.includes('*** Begin Patch')) return []
  const o = obj(parsed)
  const cmd = o?.command ?? o?.input ?? o?.patch
  const text = Array.isArray(cmd) ? cmd.filter((x) => typeof x === 'string').join('\n') : typeof cmd === 'string' ? cmd : raw
  return filesInPatch(text, callId)
}
