import type { EventPayload } from '../../model/events.js'
import { isZeroTokens, subtractTokens, hasNegative, tokensEqual, type TokenCounts } from '../../model/tokens.js'
import { type Keyed, shortHash } from '../util/emit.js'
import { arr, isObject, num, obj, str, type Json } from '../util/json.js'
import { commandFromArgs } from '../util/shell.js'
import type { ParseRecord } from '../types.js'

/**
 * What has already been emitted for one Gemini message id. The journal re-appends a message
 * whenever it changes (tokens arriving after the text, tool calls added), so a later copy must
 * add only what the earlier one did not.
 */
export interface GeminiSent {
  prompt: boolean
  text: boolean
  thoughts: number
  calls: string[]
  results: string[]
  tokens: TokenCounts | null
}

export function nothingSent(): GeminiSent {
  return { prompt: false, text: false, thoughts: 0, calls: [], results: [], tokens: null }
}

/** Per-session facts that shape how messages map: who wrote the prompts, which model is current. */
export interface GeminiCtx {
  sessionId: string
  /** A sub-agent session's "user" messages are the parent agent's task, not a person's. */
  byAgent: boolean
  model: string | null
  /** Occurrences of each prompt text so far, so a repeated prompt gets its own key. */
  promptSeen: Record<string, number>
}

const REFERENCED_FILES = '\n--- Content from referenced files ---'
const SESSION_CONTEXT = /^\s*<session_context>/

/** `TokensSummary` → normalized counts. Gemini's `input` already holds `cached`; `thoughts` are output. */
export function geminiTokens(v: unknown): TokenCounts | null {
  const t = obj(v)
  if (!t) return null
  // `tool` (toolUsePromptTokenCount) is prompt-side and part of Gemini's total, so it belongs in input.
  const input = (num(t.input) ?? 0) + (num(t.tool) ?? 0)
  const thoughts = num(t.thoughts) ?? 0
  const output = (num(t.output) ?? 0) + thoughts
  return { input, cached_input: Math.min(num(t.cached) ?? 0, input), cache_write: 0, output, reasoning_output: thoughts, total: input + output }
}

/** Text of a `PartListUnion`: a string, a part, or an array of parts. */
export function partsText(v: unknown): string {
  if (typeof v === 'string') return v
  const parts = Array.isArray(v) ? v : [v]
  return parts
    .map((p) => (typeof p === 'string' ? p : (str(obj(p)?.text) ?? '')))
    .filter((t) => t !== '')
    .join('\n')
}

function countParts(v: unknown, key: string): number {
  return (arr(v) ?? []).filter((p) => isObject(p) && key in p).length
}

/** Only `functionResponse` parts: a tool result echoed back as a user turn. */
function onlyToolResponses(v: unknown): boolean {
  const parts = arr(v)
  return parts !== undefined && parts.length > 0 && parts.every((p) => isObject(p) && 'functionResponse' in p)
}

/**
 * The prompt as the person typed it: `@file` expansion appends the files' contents to the
 * recorded content, and `logs.json` holds the text before expansion, so keys match on this.
 */
export function typedPromptText(text: string): string {
  const i = text.indexOf(REFERENCED_FILES)
  return (i === -1 ? text : text.slice(0, i)).trim()
}

/** The dedupe key shared by a chat recording's prompt and the same prompt in `logs.json`. */
export function promptKey(ctx: GeminiCtx, typed: string): string {
  const h = shortHash(typed)
  const n = (ctx.promptSeen[h] ?? 0) + 1
  ctx.promptSeen[h] = n
  return `gemini-cli:prompt:${ctx.sessionId}:${h}:${n}`
}

function toolOutput(result: unknown): { output: string; failed: boolean } {
  const texts: string[] = []
  let failed = false
  for (const p of arr(result) ?? (result === undefined || result === null ? [] : [result])) {
    const fr = obj(obj(p)?.functionResponse)
    const resp = obj(fr?.response)
    if (resp) {
      if (resp.error !== undefined) failed = true
      const v = resp.output ?? resp.error ?? resp
      texts.push(typeof v === 'string' ? v : JSON.stringify(v))
    } else if (typeof p === 'string' || str(obj(p)?.text) !== undefined) {
      texts.push(partsText(p))
    }
  }
  return { output: texts.join('\n'), failed }
}

const WRITE_TOOLS: Record<string, 'update' | 'unknown'> = { replace: 'update', edit: 'update', write_file: 'unknown' }

function toolCallPayloads(tc: Json, sent: GeminiSent): Keyed[] {
  const out: Keyed[] = []
  const id = str(tc.id) ?? null
  const name = str(tc.name) ?? 'unknown'
  const key = id ?? `${name}:${JSON.stringify(tc.args ?? null)}`
  if (!sent.calls.includes(key)) {
    sent.calls.push(key)
    const args = tc.args === undefined ? '{}' : typeof tc.args === 'string' ? tc.args : JSON.stringify(tc.args)
    const command = name === 'run_shell_command' ? commandFromArgs(tc.args) : null
    out.push({
      payload: { kind: 'tool_call', call_id: id, name, arguments: args, command, tool_type: 'function' },
      dedupe_key: id ? `gemini-cli:call:${id}` : null
    })
  }
  const status = str(tc.status) ?? null
  const done = tc.result !== undefined || (status !== null && status !== 'executing' && status !== 'scheduled' && status !== 'validating')
  if (done && !sent.results.includes(key)) {
    sent.results.push(key)
    const { output, failed } = toolOutput(tc.result)
    out.push({ payload: { kind: 'tool_result', call_id: id, output, exit_code: null, duration_ms: null, status: status ?? (failed ? 'error' : null) } })
    const change = WRITE_TOOLS[name]
    const path = str(obj(tc.args)?.file_path) ?? str(obj(tc.args)?.absolute_path)
    if (change && path && status === 'success') out.push({ payload: { kind: 'file_change', path, change, call_id: id } })
  }
  return out
}

function tokenPayload(m: Json, sent: GeminiSent, model: string | null): Keyed[] {
  const t = geminiTokens(m.tokens)
  if (!t || (sent.tokens && tokensEqual(sent.tokens, t))) return []
  const first = sent.tokens === null
  const delta = first ? t : subtractTokens(t, sent.tokens as TokenCounts)
  sent.tokens = t
  if (hasNegative(delta))
    return [
      {
        payload: {
          kind: 'token_usage',
          model,
          delta: { ...t, input: 0, cached_input: 0, output: 0, reasoning_output: 0, total: 0 },
          cumulative: null,
          counted: false,
          reason: 'counter-reset'
        }
      }
    ]
  const id = str(m.id)
  return [
    {
      payload: { kind: 'token_usage', model, delta, cumulative: null, counted: !isZeroTokens(delta), reason: isZeroTokens(delta) ? 'empty' : null },
      dedupe_key: first && id ? `gemini-cli:tokens:${id}` : null
    }
  ]
}

function geminiPayloads(m: Json, sent: GeminiSent, ctx: GeminiCtx): Keyed[] {
  const out: Keyed[] = []
  const model = str(m.model) ?? ctx.model
  if (model && model !== ctx.model) {
    ctx.model = model
    out.push({ payload: { kind: 'turn_context', model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null } })
  }
  const thoughts = arr(m.thoughts) ?? []
  for (const th of thoughts.slice(sent.thoughts)) {
    const o = obj(th)
    const text = [str(o?.subject), str(o?.description)].filter(Boolean).join(': ')
    out.push({ payload: { kind: 'reasoning', text, encrypted: false, encrypted_bytes: 0 } })
  }
  sent.thoughts = Math.max(sent.thoughts, thoughts.length)
  const text = partsText(m.content)
  if (text.trim() !== '' && !sent.text) {
    sent.text = true
    out.push({ payload: { kind: 'assistant_message', text, phase: null } })
  }
  for (const tc of arr(m.toolCalls) ?? []) if (isObject(tc)) out.push(...toolCallPayloads(tc, sent))
  out.push(...tokenPayload(m, sent, model))
  return out
}

function userPayloads(m: Json, sent: GeminiSent, ctx: GeminiCtx): Keyed[] {
  if (sent.prompt) return []
  sent.prompt = true
  if (onlyToolResponses(m.content)) return [{ payload: { kind: 'context_message', role: 'tool', text: toolOutput(m.content).output } }]
  const text = partsText(m.content)
  if (SESSION_CONTEXT.test(text)) return [{ payload: { kind: 'context_message', role: 'user', text } }]
  const shown = m.displayContent !== undefined && m.displayContent !== null ? partsText(m.displayContent) : text
  const payload: EventPayload = { kind: 'user_prompt', text: shown, by_agent: ctx.byAgent, images: countParts(m.content, 'inlineData') }
  return [{ payload, dedupe_key: promptKey(ctx, typedPromptText(shown)) }]
}

const MESSAGE_TYPES = new Set(['user', 'gemini', 'info', 'error', 'warning'])

/** Gemini CLI's own message types; another (a fork's, or a new one) is stored as `other` and reported as unknown. */
export function isKnownMessageType(type: unknown): boolean {
  return typeof type === 'string' && MESSAGE_TYPES.has(type)
}

/** The `unknown` record for a message of a type Gemini CLI does not write, or null. */
export function unknownMessage(m: Json, line: number): ParseRecord | null {
  if (isKnownMessageType(m.type)) return null
  const type = str(m.type) ?? '?'
  return { type: 'unknown', line, what: `message type "${type.length > 40 ? `${type.slice(0, 40)}…` : type}"` }
}

/**
 * Normalized payloads for one `MessageRecord`, minus what `sent` says was already emitted for
 * its id (`sent` is updated). Unknown `type`s (forks such as "bob-shell") are kept as `other`.
 */
export function messagePayloads(m: Json, sent: GeminiSent, ctx: GeminiCtx): Keyed[] {
  switch (m.type) {
    case 'user':
      return userPayloads(m, sent, ctx)
    case 'gemini':
      return geminiPayloads(m, sent, ctx)
    case 'error':
      if (sent.text) return []
      sent.text = true
      return [{ payload: { kind: 'marker', marker: 'error', detail: partsText(m.content) } }]
    case 'info':
    case 'warning':
      if (sent.text) return []
      sent.text = true
      return [{ payload: { kind: 'context_message', role: m.type, text: partsText(m.content) } }]
    default:
      if (sent.text) return []
      sent.text = true
      return [{ payload: { kind: 'other', type: `gemini-message:${str(m.type) ?? '?'}` } }]
  }
}
