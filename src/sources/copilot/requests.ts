import type { EventPayload } from '../../model/events.js'
import type { TokenCounts } from '../../model/tokens.js'
import type { Keyed } from '../util/emit.js'
import { arr, isObject, num, obj, str, tryParseJson, type Json } from '../util/json.js'
import { commandFromArgs } from '../util/shell.js'

/** What was already emitted for one request id, so a changed request adds only what is new. */
export interface RequestSent {
  prompt: boolean
  reply: boolean
  calls: string[]
  tokens: boolean
}

export function nothingSentYet(): RequestSent {
  return { prompt: false, reply: false, calls: [], tokens: false }
}

export interface CopilotCtx {
  sessionId: string
  model: string | null
}

/** `copilot/gpt-4o` → `gpt-4o`: the prefix names the vendor Copilot routes through, not a model. */
export function copilotModel(r: Json): string | null {
  const resolved = str(obj(obj(r.result)?.metadata)?.resolvedModel)
  if (resolved) return resolved
  const id = str(r.modelId)
  return id ? id.replace(/^copilot\//, '') : null
}

/**
 * Token counts by extension version: none (≤ 0.31), `result.usage {promptTokens,
 * completionTokens}` (0.37), `result.metadata {promptTokens, outputTokens}` (newer).
 * `promptTokens` is the whole context of the turn; Copilot reports no cache split.
 */
export function copilotTokens(r: Json): TokenCounts | null {
  const result = obj(r.result)
  const usage = obj(result?.usage)
  const meta = obj(result?.metadata)
  const input = num(usage?.promptTokens) ?? num(meta?.promptTokens)
  const output = num(usage?.completionTokens) ?? num(meta?.outputTokens) ?? num(meta?.completionTokens)
  if (input === undefined && output === undefined) return null
  const i = input ?? 0
  const o = output ?? 0
  return { input: i, cached_input: 0, cache_write: 0, output: o, reasoning_output: 0, total: i + o }
}

/** Text leaves of a tool result (a serialized prompt-tsx tree or plain parts). */
function collectText(v: unknown, out: string[], depth = 0): void {
  if (depth > 40) return
  if (typeof v === 'string') return void out.push(v)
  if (Array.isArray(v)) return v.forEach((x) => collectText(x, out, depth + 1))
  const o = obj(v)
  if (!o) return
  for (const [k, x] of Object.entries(o)) {
    if (k === 'references' || k === 'props' || k === '$mid') continue
    if ((k === 'text' || k === 'value') && typeof x === 'string') out.push(x)
    else if (typeof x === 'object') collectText(x, out, depth + 1)
  }
}

function isComplete(r: Json): boolean {
  return isObject(r.result) || r.isCanceled === true
}

/** Tool calls the model made: `toolCallRounds` names them with their arguments; the response parts are the UI's view of the same calls. */
function modelToolCalls(r: Json): { id: string; name: string; args: string }[] {
  const meta = obj(obj(r.result)?.metadata)
  const rounds = arr(meta?.toolCallRounds)
  if (rounds) {
    return rounds.flatMap((rd) =>
      (arr(obj(rd)?.toolCalls) ?? []).map((c, i) => {
        const o = obj(c) ?? {}
        const name = str(o.name) ?? 'unknown'
        return {
          id: str(o.id) ?? `${str(obj(rd)?.id) ?? 'round'}:${i}`,
          name,
          args: typeof o.arguments === 'string' ? o.arguments : JSON.stringify(o.arguments ?? {})
        }
      })
    )
  }
  return (arr(r.response) ?? [])
    .map((p) => obj(p))
    .filter((p): p is Json => p?.kind === 'toolInvocationSerialized')
    .map((p, i) => ({ id: str(p.toolCallId) ?? `part:${i}`, name: str(p.toolId) ?? 'unknown', args: JSON.stringify(obj(p.toolSpecificData) ?? {}) }))
}

function callPayloads(r: Json, sent: RequestSent): Keyed[] {
  const out: Keyed[] = []
  const results = obj(obj(obj(r.result)?.metadata)?.toolCallResults)
  for (const c of modelToolCalls(r)) {
    if (sent.calls.includes(c.id)) continue
    sent.calls.push(c.id)
    const command = commandFromArgs(tryParseJson(c.args))
    const tool_type = c.name.startsWith('mcp_') ? 'mcp' : 'function'
    out.push({ payload: { kind: 'tool_call', call_id: c.id, name: c.name, arguments: c.args, command, tool_type }, dedupe_key: `copilot-chat:call:${c.id}` })
    const res = results?.[c.id]
    if (res !== undefined) {
      const texts: string[] = []
      collectText(obj(res)?.content ?? res, texts)
      out.push({ payload: { kind: 'tool_result', call_id: c.id, output: texts.join(''), exit_code: null, duration_ms: null, status: null } })
    }
  }
  return out
}

function replyPayloads(r: Json, ctx: CopilotCtx): Keyed[] {
  const out: Keyed[] = []
  const model = copilotModel(r)
  if (model && model !== ctx.model) {
    ctx.model = model
    out.push({ payload: { kind: 'turn_context', model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null } })
  }
  const text: string[] = []
  const edited = new Set<string>()
  for (const p of arr(r.response) ?? []) {
    const o = obj(p)
    if (!o) continue
    if (o.kind === undefined && typeof o.value === 'string') text.push(o.value)
    else if (o.kind === 'thinking') {
      const v = typeof o.value === 'string' ? o.value : (arr(o.value) ?? []).filter((x) => typeof x === 'string').join('')
      if (v) out.push({ payload: { kind: 'reasoning', text: v, encrypted: false, encrypted_bytes: 0 } })
    } else if (o.kind === 'textEditGroup') {
      const path = str(obj(o.uri)?.path) ?? str(obj(o.uri)?.fsPath)
      if (path) edited.add(path)
    }
  }
  if (text.join('').trim() !== '') out.push({ payload: { kind: 'assistant_message', text: text.join(''), phase: null } })
  for (const path of edited) out.push({ payload: { kind: 'file_change', path, change: 'update', call_id: null } })
  if (r.isCanceled === true) out.push({ payload: { kind: 'marker', marker: 'abort', detail: 'request cancelled' } })
  const err = obj(obj(r.result)?.errorDetails)
  if (err) out.push({ payload: { kind: 'marker', marker: 'error', detail: str(err.message) ?? null } })
  return out
}

/**
 * Normalized payloads for one `requests[]` entry, minus what `sent` says was already emitted
 * (`sent` is updated). The reply, calls and tokens wait until the request has a result, so a
 * request caught mid-response is completed on a later ingest instead of being cut short.
 */
export function requestPayloads(r: Json, sent: RequestSent, ctx: CopilotCtx): Keyed[] {
  const out: Keyed[] = []
  const rid = str(r.requestId)
  if (!sent.prompt) {
    sent.prompt = true
    const msg = obj(r.message)
    const vars = arr(obj(r.variableData)?.variables) ?? []
    const images = vars.filter((v) => obj(v)?.kind === 'image' || obj(v)?.isImage === true).length
    const payload: EventPayload = { kind: 'user_prompt', text: str(msg?.text) ?? '', by_agent: false, images }
    out.push({ payload, dedupe_key: rid ? `copilot-chat:prompt:${rid}` : null })
  }
  if (!isComplete(r)) return out
  if (!sent.reply) {
    sent.reply = true
    out.push(...replyPayloads(r, ctx))
  }
  out.push(...callPayloads(r, sent))
  const t = copilotTokens(r)
  if (t && !sent.tokens) {
    sent.tokens = true
    out.push({
      payload: { kind: 'token_usage', model: copilotModel(r), delta: t, cumulative: null, counted: t.total > 0, reason: t.total > 0 ? null : 'empty' },
      dedupe_key: rid ? `copilot-chat:tokens:${rid}` : null
    })
  }
  return out
}
