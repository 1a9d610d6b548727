import type { EventPayload } from '../../model/events.js'
import { isZeroTokens, type TokenCounts } from '../../model/tokens.js'
import { obj } from '../util/json.js'
import { tokenCount } from '../util/token-count.js'

/**
 * One model's `usage` from `session.shutdown.modelMetrics`. Copilot CLI's `inputTokens` is the
 * whole prompt, cache reads and writes included (in the real logs it equals fresh input +
 * `cacheReadTokens` + `cacheWriteTokens` of `tokenDetails`); a log whose input is smaller than its
 * cache figures counted them apart, and they are added back. `outputTokens` includes reasoning.
 */
export function copilotCliTokens(v: unknown): TokenCounts | null {
  const u = obj(v)
  if (!u) return null
  const reported = tokenCount(u.inputTokens, 'inputTokens') ?? 0
  const read = tokenCount(u.cacheReadTokens, 'cacheReadTokens') ?? 0
  const write = tokenCount(u.cacheWriteTokens, 'cacheWriteTokens') ?? 0
  const output = tokenCount(u.outputTokens, 'outputTokens') ?? 0
  const reasoning = tokenCount(u.reasoningTokens, 'reasoningTokens') ?? 0
  const input = reported >= read + write ? reported : reported + read + write
  return { input, cached_input: read, cache_write: write, output, reasoning_output: reasoning, total: input + output }
}

/** Each field of `now` at least the same field of `before`: the counters went on, not back to zero. */
function grew(now: TokenCounts, before: TokenCounts): boolean {
  return (Object.keys(now) as (keyof TokenCounts)[]).every((k) => now[k] >= before[k])
}

function minus(now: TokenCounts, before: TokenCounts): TokenCounts {
  const d = { ...now }
  for (const k of Object.keys(d) as (keyof TokenCounts)[]) d[k] -= before[k]
  return d
}

/**
 * The usage rows of one `session.shutdown`: one per model. A shutdown's counters hold what the
 * session used so far, the parts before a resume included (seen on a real three-part session of
 * 1.0.80 and in captures of 1.0.91, see docs/sources.md), so each row is what the model used
 * since the session's previous shutdown. A model whose counters went back (an older CLI that
 * counted each part alone, or a reset) is taken as it stands. `previous` holds the last counters
 * of each model and is updated.
 */
export function shutdownUsage(modelMetrics: unknown, previous: Record<string, TokenCounts> = {}): EventPayload[] {
  const metrics = obj(modelMetrics) ?? {}
  const out: EventPayload[] = []
  for (const [model, m] of Object.entries(metrics)) {
    const now = copilotCliTokens(obj(m)?.usage)
    if (!now) continue
    const before = previous[model]
    const t = before && grew(now, before) ? minus(now, before) : now
    previous[model] = now
    const empty = isZeroTokens(t)
    out.push({ kind: 'token_usage', model, delta: t, cumulative: now, counted: !empty, reason: empty ? 'empty' : null })
  }
  return out
}
