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

/**
 * The usage rows of one `session.shutdown`: one per model. Each shutdown holds what was used
 * since the session was started or resumed (the CLI resets its counters on resume), so the rows
 * of every shutdown in a file add up to the session's usage.
 */
export function shutdownUsage(modelMetrics: unknown): EventPayload[] {
  const metrics = obj(modelMetrics) ?? {}
  const out: EventPayload[] = []
  for (const [model, m] of Object.entries(metrics)) {
    const t = copilotCliTokens(obj(m)?.usage)
    if (!t) continue
    const empty = isZeroTokens(t)
    out.push({ kind: 'token_usage', model, delta: t, cumulative: null, counted: !empty, reason: empty ? 'empty' : null })
  }
  return out
}
