import type { EventPayload, NormalizedEvent } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import { hasNegative, isZeroTokens, subtractTokens, type TokenCounts } from '../../model/tokens.js'
import { assistantPayloads, userPayloads } from './content.js'
import { lineProblem } from '../util/token-count.js'
import { claudeTokens, modelUsageTokens, SYNTHETIC_MODEL, usageRow } from './usage.js'
import type { DocumentSource, LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { arrayElementLines } from '../util/json-array.js'
import { isObject, num, obj, str } from '../util/json.js'
import { toUtcIso } from '../util/time.js'

const AGENT = 'claude-code'
const MESSAGE_TYPES = new Set(['system', 'assistant', 'user', 'result', 'stream_event', 'rate_limit_event', 'tool_progress', 'auth_status'])

interface StreamState {
  session: string
  /** `stream-json` for the CLI's stdout, `claude-code-action` for the action's execution file. */
  form: string
  model: string | null
  cwd: string | null
  /** Per-model totals of the last `result`, for sessions that print one result per turn. */
  lastResult: Record<string, TokenCounts> | null
}

/**
 * `claude -p --output-format stream-json` messages. Per-message usage is a snapshot taken when a
 * block was emitted (often `output_tokens: 1` for a long answer), so only the final `result`
 * totals are counted; the per-message rows stay for reference.
 */
export class ClaudeStreamParser implements LineParser {
  private st: StreamState

  constructor(ctx: SourceContext, state?: unknown, form = 'stream-json') {
    this.st = (state as StreamState | undefined) ?? { session: ctx.fallbackSessionId, form, model: null, cwd: null, lastResult: null }
  }

  state(): unknown {
    return this.st
  }

  end(): void {}

  push(line: string, lineNo: number, out: ParseRecord[]): void {
    let o: unknown
    try {
      o = JSON.parse(line)
    } catch {
      // Wrappers often redirect stderr into the same file; only a line that looks like JSON can be torn.
      out.push({ type: 'skip', line: lineNo, reason: line.trimStart().startsWith('{') ? 'malformed JSON' : 'not JSON (stderr text mixed into the stream)' })
      return
    }
    if (!isObject(o)) {
      out.push({ type: 'skip', line: lineNo, reason: 'not a JSON object' })
      return
    }
    this.message(o, lineNo, out)
  }

  /** One SDK message; `raw` is given when it is not a whole line of the file (an array element). */
  message(o: Record<string, unknown>, lineNo: number, out: ParseRecord[], raw?: string): void {
    const st = this.st
    const sid = str(o.session_id)
    if (sid && sid !== st.session) st.session = sid
    const type = str(o.type) ?? 'none'
    const payloads: EventPayload[] = []
    let unknown: string | null = null
    switch (type) {
      case 'system':
        payloads.push(...this.system(o, out))
        break
      case 'assistant': {
        const msg = obj(o.message) ?? {}
        const model = str(msg.model) ?? null
        const synthetic = model === SYNTHETIC_MODEL
        if (model && !synthetic && model !== st.model) {
          st.model = model
          payloads.push({ kind: 'turn_context', model, cwd: st.cwd })
        }
        payloads.push(...assistantPayloads(msg.content, synthetic))
        const tokens = claudeTokens(msg.usage)
        if (tokens) payloads.push(usageRow(model, tokens, false, synthetic ? 'synthetic' : 'superseded-by-result'))
        break
      }
      case 'user': {
        const msg = obj(o.message) ?? {}
        payloads.push(
          ...userPayloads(msg.content, {
            isMeta: o.isMeta === true || o.isSynthetic === true,
            isCompactSummary: o.isCompactSummary === true,
            // Messages inside a sub-agent carry the Task call that spawned it.
            byAgent: typeof o.parent_tool_use_id === 'string',
            toolUseResult: o.tool_use_result ?? o.toolUseResult
          })
        )
        break
      }
      case 'result':
        payloads.push(...this.result(o, out))
        break
      case 'rate_limit_event': {
        const r = obj(o.rate_limit_info) ?? {}
        payloads.push({
          kind: 'rate_limit',
          windows: [{ window_minutes: null, used_percent: num(r.utilization) ?? null, resets_at: toUtcIso(r.resetsAt) }],
          plan_type: str(r.rateLimitType) ?? null
        })
        break
      }
      default:
        payloads.push({ kind: 'other', type })
        if (!MESSAGE_TYPES.has(type)) unknown = `type "${type}"`
    }
    const ts = toUtcIso(o.timestamp)
    const events: NormalizedEvent[] = payloads.map((payload) => ({ session_id: st.session, ts, line: lineNo, payload, dedupe_key: str(o.uuid) ?? null }))
    if (raw !== undefined && events.length) events[0].raw = raw
    for (const event of events) out.push({ type: 'event', event })
    if (unknown) out.push({ type: 'unknown', line: lineNo, what: unknown })
  }

  private system(o: Record<string, unknown>, out: ParseRecord[]): EventPayload[] {
    const st = this.st
    const subtype = str(o.subtype)
    if (subtype === 'init') {
      st.cwd = str(o.cwd) ?? st.cwd
      const model = str(o.model) ?? null
      if (model) st.model = model
      const patch: SessionPatch = {
        id: st.session,
        agent: AGENT,
        agent_version: str(o.claude_code_version) ?? null,
        source: st.form,
        cwd: st.cwd
      }
      out.push({ type: 'session', patch })
      return [{ kind: 'session_meta' }, { kind: 'turn_context', model, cwd: st.cwd, approval_policy: str(o.permissionMode) ?? null }]
    }
    if (subtype === 'compact_boundary') return [{ kind: 'marker', marker: 'context_compacted', detail: str(obj(o.compact_metadata)?.trigger) ?? null }]
    return [{ kind: 'other', type: `system:${subtype ?? '?'}` }]
  }

  /**
   * The run's totals. `modelUsage` splits them by model and includes side calls to smaller
   * models; `usage` is the fallback. A file with several results (one per turn of a long-lived
   * session) is read as running totals when every figure grew.
   */
  private result(o: Record<string, unknown>, out: ParseRecord[]): EventPayload[] {
    const st = this.st
    const cost = num(o.total_cost_usd) ?? num(o.cost_usd)
    out.push({ type: 'session', patch: { id: st.session, agent: AGENT, reported_cost_usd: cost ?? null } })
    const totals: Record<string, TokenCounts> = {}
    const byModel = obj(o.modelUsage)
    for (const [model, v] of Object.entries(byModel ?? {})) {
      const t = modelUsageTokens(v)
      if (t) totals[model] = t
    }
    if (Object.keys(totals).length === 0) {
      const t = claudeTokens(o.usage)
      if (t) totals[st.model ?? ''] = t
    }
    const prev = st.lastResult
    const cumulative = prev !== null && Object.entries(prev).every(([m, p]) => totals[m] && !hasNegative(subtractTokens(totals[m], p)))
    st.lastResult = totals
    const payloads: EventPayload[] = []
    for (const [model, t] of Object.entries(totals)) {
      const delta = cumulative && prev?.[model] ? subtractTokens(t, prev[model]) : t
      payloads.push(usageRow(model || null, delta, !isZeroTokens(delta), isZeroTokens(delta) ? 'empty' : null, t))
    }
    if (o.is_error === true) payloads.push({ kind: 'marker', marker: 'error', detail: str(o.subtype) ?? null })
    payloads.push({ kind: 'marker', marker: 'turn_end', detail: num(o.num_turns) !== undefined ? `num_turns=${num(o.num_turns)}` : null })
    return payloads
  }
}

function isStreamMessage(o: unknown): boolean {
  if (!isObject(o) || typeof o.type !== 'string' || 'sessionId' in o) return false
  if (o.type === 'system' && o.subtype === 'init' && typeof o.session_id === 'string') return true
  return (o.type === 'assistant' || o.type === 'user' || o.type === 'result') && typeof o.session_id === 'string'
}

export const claudeStream: LineSource = {
  mode: 'lines',
  id: 'claude-stream-json',
  promptless: true,
  agent: AGENT,
  description: 'claude -p --output-format stream-json --verbose output (NDJSON: system init, assistant, user, result)',
  sniff: (head: SniffInput) => head.parsed.some(isStreamMessage),
  createParser: (ctx, state) => new ClaudeStreamParser(ctx, state)
}

const ARRAY_OF_MESSAGES = /^\s*\[\s*\{/
const SDK_FIELDS = /"session_id"\s*:/
const SDK_TYPES = /"type"\s*:\s*"(system|assistant|user|result)"/

export const claudeExecutionFile: DocumentSource = {
  mode: 'document',
  id: 'claude-code-action-execution',
  promptless: true,
  agent: AGENT,
  description: "claude-code-action's execution file ($RUNNER_TEMP/claude-execution-output.json): a JSON array of stream-json messages",
  sniff: (head: SniffInput) =>
    ARRAY_OF_MESSAGES.test(head.text) && SDK_FIELDS.test(head.text) && SDK_TYPES.test(head.text) && !/"sessionId"\s*:/.test(head.text),
  parseDocument(text: string, ctx: SourceContext, out: ParseRecord[]): void {
    const doc: unknown = JSON.parse(text)
    if (!Array.isArray(doc)) throw new Error('expected a JSON array of messages')
    const lines = arrayElementLines(text)
    const parser = new ClaudeStreamParser(ctx, undefined, 'claude-code-action')
    doc.forEach((m, i) => {
      const lineNo = lines[i] ?? i + 1
      if (isObject(m)) {
        // An element the parser cannot take is a problem of its element, as a line is in a log.
        const found: ParseRecord[] = []
        try {
          parser.message(m, lineNo, found, JSON.stringify(m))
          out.push(...found)
        } catch (e) {
          out.push({ type: 'skip', line: lineNo, reason: lineProblem(e) })
        }
      } else out.push({ type: 'skip', line: lineNo, reason: 'array element is not a JSON object' })
    })
  }
}
