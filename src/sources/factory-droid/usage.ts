import type { PayloadOf } from '../../model/events.js'
import { isZeroTokens, type TokenCounts } from '../../model/tokens.js'
import { obj } from '../util/json.js'
import { tokenCount } from '../util/token-count.js'

/**
 * `tokenUsage` of a session's `settings.json`: the session's running totals, each counted apart
 * (`totalTokens`, where written, is the sum of all five): `inputTokens` without the cache,
 * `cacheReadTokens`, `cacheCreationTokens`, `outputTokens` without reasoning, `thinkingTokens`.
 */
export function droidTokens(v: unknown): TokenCounts | null {
  const u = obj(v)
  const fields = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'thinkingTokens']
  if (!u || !fields.some((f) => typeof u[f] === 'number')) return null
  const fresh = tokenCount(u.inputTokens, 'inputTokens') ?? 0
  const read = tokenCount(u.cacheReadTokens, 'cacheReadTokens') ?? 0
  const write = tokenCount(u.cacheCreationTokens, 'cacheCreationTokens') ?? 0
  const thinking = tokenCount(u.thinkingTokens, 'thinkingTokens') ?? 0
  const output = (tokenCount(u.outputTokens, 'outputTokens') ?? 0) + thinking
  const input = fresh + read + write
  return { input, cached_input: read, cache_write: write, output, reasoning_output: thinking, total: input + output }
}

export function usageRow(model: string | null, t: TokenCounts): PayloadOf<'token_usage'> {
  const empty = isZeroTokens(t)
  return { kind: 'token_usage', model, delta: t, cumulative: t, counted: !empty, reason: empty ? 'empty' : null }
}
