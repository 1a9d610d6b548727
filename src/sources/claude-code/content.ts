import type { EventPayload, PayloadOf } from '../../model/events.js'
import { arr, num, obj, str } from '../util/json.js'

/**
 * Text Claude Code writes into `user` lines on the person's behalf: slash-command wrappers and
 * their output, `!` shell echoes, IDE context, hook output, background-task notices. None of it
 * is a prompt a person typed to the model.
 */
const WRAPPER =
  /^\s*<(command-name|command-message|command-args|command-contents|local-command-stdout|local-command-stderr|local-command-caveat|bash-input|bash-stdout|bash-stderr|task-notification|ide_opened_file|ide_selection|ide_diagnostics|system-reminder|user-prompt-submit-hook|user-memory-input)>/
const INTERRUPTED = /^\s*\[Request interrupted by user/
const COMMAND_NAME = /<command-name>\s*(\/[^<\s]{1,100})\s*<\/command-name>/
const COMMAND_ARGS = /<command-args>([\s\S]*?)<\/command-args>/

/**
 * Claude Code's built-in commands that run locally and send the model nothing a person wrote
 * (settings, session housekeeping, views). Every other typed slash command — `/init`, `/review`,
 * a project's or plugin's own `/orchestrator` — is a request to the model, so it is a prompt.
 */
const LOCAL_COMMANDS = new Set(
  '/add-dir /agents /bashes /clear /compact /config /context /cost /doctor /exit /export /help /hooks /ide /login /logout /mcp /memory /model /output-style /permissions /plugin /privacy-settings /quit /release-notes /resume /rewind /stats /status /statusline /terminal-setup /theme /todos /upgrade /usage /vim'.split(
    ' '
  )
)

/** The prompt a typed slash command stands for (`/name args`), or null for a local command or other wrapper text. */
export function slashCommandPrompt(text: string): string | null {
  const name = COMMAND_NAME.exec(text)?.[1]
  if (!name || LOCAL_COMMANDS.has(name.toLowerCase())) return null
  const args = COMMAND_ARGS.exec(text)?.[1].trim() ?? ''
  return args ? `${name} ${args}` : name
}
const EXIT_CODE = /^(?:Error: )?Exit code (-?\d+)/

const FILE_TOOLS: Record<string, { key: string; change: PayloadOf<'file_change'>['change'] }> = {
  Edit: { key: 'file_path', change: 'update' },
  MultiEdit: { key: 'file_path', change: 'update' },
  // Write creates or overwrites; which one is known only from the result.
  Write: { key: 'file_path', change: 'unknown' },
  NotebookEdit: { key: 'notebook_path', change: 'update' }
}

export function isWrapperText(text: string): boolean {
  return WRAPPER.test(text)
}

/** Text of an Anthropic content value (a string or blocks); images are counted, not kept. */
export function blocksText(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 }
  const parts: string[] = []
  let images = 0
  for (const b of arr(content) ?? []) {
    const o = obj(b)
    if (!o) continue
    if (o.type === 'image') images++
    const t = str(o.text)
    if (t !== undefined) parts.push(t)
  }
  return { text: parts.join('\n'), images }
}

function toolType(name: string): PayloadOf<'tool_call'>['tool_type'] {
  if (name.startsWith('mcp__')) return 'mcp'
  if (name === 'WebSearch' || name === 'web_search') return 'web_search'
  if (name in FILE_TOOLS) return 'file_change'
  return 'function'
}

function toolUsePayloads(b: Record<string, unknown>): EventPayload[] {
  const name = str(b.name) ?? 'unknown'
  const input = obj(b.input)
  const callId = str(b.id) ?? null
  const out: EventPayload[] = [
    {
      kind: 'tool_call',
      call_id: callId,
      name,
      arguments: JSON.stringify(b.input ?? {}),
      command: name === 'Bash' ? (str(input?.command) ?? null) : null,
      tool_type: b.type === 'server_tool_use' ? (name === 'web_search' ? 'web_search' : 'other') : toolType(name)
    }
  ]
  const file = FILE_TOOLS[name]
  const path = file && str(input?.[file.key])
  if (file && path) out.push({ kind: 'file_change', path, change: file.change, call_id: callId })
  return out
}

/** Payloads of one assistant line's content blocks. `<synthetic>` lines are local error notices, not model output. */
export function assistantPayloads(content: unknown, synthetic: boolean): EventPayload[] {
  if (synthetic) return [{ kind: 'marker', marker: 'error', detail: blocksText(content).text || null }]
  if (typeof content === 'string') return [{ kind: 'assistant_message', text: content, phase: null }]
  const out: EventPayload[] = []
  for (const raw of arr(content) ?? []) {
    const b = obj(raw)
    if (!b) continue
    switch (b.type) {
      case 'text':
        out.push({ kind: 'assistant_message', text: str(b.text) ?? '', phase: null })
        break
      case 'thinking': {
        // An empty `thinking` with only a signature means the reasoning happened but was withheld.
        const text = str(b.thinking) ?? ''
        const sig = str(b.signature) ?? ''
        out.push({ kind: 'reasoning', text, encrypted: text === '', encrypted_bytes: text === '' ? sig.length : 0 })
        break
      }
      case 'redacted_thinking':
        out.push({ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: (str(b.data) ?? '').length })
        break
      case 'tool_use':
      case 'server_tool_use':
        out.push(...toolUsePayloads(b))
        break
      default:
        if (typeof b.type === 'string' && b.type.endsWith('_tool_result')) {
          out.push({ kind: 'tool_result', call_id: str(b.tool_use_id) ?? null, output: JSON.stringify(b.content ?? null), status: null })
        } else {
          out.push({ kind: 'other', type: `content block "${str(b.type) ?? '?'}"` })
        }
    }
  }
  return out
}

export interface UserLineFlags {
  isMeta: boolean
  isCompactSummary: boolean
  /** A sub-agent's line: its prompt was written by the parent agent. */
  byAgent: boolean
  /** The structured twin of a tool result (`toolUseResult` / `tool_use_result`). */
  toolUseResult: unknown
}

function toolResultPayload(b: Record<string, unknown>, structured: Record<string, unknown> | undefined): PayloadOf<'tool_result'> {
  const { text, images } = blocksText(b.content)
  const output = images && !text ? `[${images} image(s)]` : text
  const isError = b.is_error === true
  const code = isError ? EXIT_CODE.exec(output) : null
  const duration = num(structured?.durationMs) ?? num(structured?.totalDurationMs)
  return {
    kind: 'tool_result',
    call_id: str(b.tool_use_id) ?? null,
    output,
    exit_code: code ? Number(code[1]) : isError ? null : structured && 'stdout' in structured ? 0 : null,
    duration_ms: duration ?? null,
    status: isError ? 'error' : 'ok'
  }
}

/** Payloads of one user line: a person's prompt, tool results, or text injected for them. */
export function userPayloads(content: unknown, f: UserLineFlags): EventPayload[] {
  const blocks = (arr(content) ?? []).map(obj).filter((b): b is Record<string, unknown> => b !== undefined)
  const results = blocks.filter((b) => b.type === 'tool_result')
  if (results.length) {
    const structured = results.length === 1 ? obj(f.toolUseResult) : undefined
    const out: EventPayload[] = results.map((b) => toolResultPayload(b, structured))
    const rest = blockText(blocks.filter((b) => b.type !== 'tool_result'))
    if (rest) out.push(...textPayloads(rest, 0, { ...f, isMeta: true }))
    return out
  }
  const { text, images } = blocksText(content)
  return textPayloads(text, images, f)
}

function blockText(blocks: Record<string, unknown>[]): string {
  return blocks
    .map((b) => str(b.text))
    .filter((t): t is string => t !== undefined)
    .join('\n')
}

function textPayloads(text: string, images: number, f: UserLineFlags): EventPayload[] {
  if (f.isCompactSummary) return [{ kind: 'compaction', text, encrypted: false }]
  if (INTERRUPTED.test(text)) return [{ kind: 'marker', marker: 'abort', detail: text.trim() }]
  if (f.isMeta) return [{ kind: 'context_message', role: 'meta', text }]
  if (isWrapperText(text)) {
    const typed = slashCommandPrompt(text)
    if (typed !== null) return [{ kind: 'user_prompt', text: typed, by_agent: f.byAgent, images }]
    return [{ kind: 'context_message', role: 'command', text }]
  }
  return [{ kind: 'user_prompt', text, by_agent: f.byAgent, images }]
}
