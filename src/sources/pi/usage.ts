import type { EventPayload } from '../../model/events.js'
import { isZeroTokens, type TokenCounts } from '../../model/tokens.js'
import { num, obj } from '../util/json.js'
import { tokenCount } from '../util/token-count.js'

/**
 * An assistant message's `usage`: `input` is the fresh input only, `cacheRead` and `cacheWrite`
 * come apart (pi-ai normalizes every provider so; `totalTokens` is the sum of the four), and
 * `output` includes reasoning.
 */
export function piTokens(v: unknown): TokenCounts | null {
  const u = obj(v)
  if (!u || !['input', 'output', 'cacheRead', 'cacheWrite'].some((f) => typeof u[f] === 'number')) return null
  const fresh = tokenCount(u.input, 'input') ?? 0
  const read = tokenCount(u.cacheRead, 'cacheRead') ?? 0
  const write = tokenCount(u.cacheWrite, 'cacheWrite') ?? 0
  const output = tokenCount(u.output, 'output') ?? 0
  const input = fresh + read + write
  return { input, cached_input: read, cache_write: write, output, reasoning_output: 0, total: input + output }
}

/** The usage row of one assistant message; an all-zero usage (an aborted request) is kept, not counted. */
export function usageRow(model: string | null, usage: unknown): EventPayload[] {
  const t = piTokens(usage)
  if (!t) return []
  const empty = isZeroTokens(t)
  return [{ kind: 'token_usage', model, delta: t, cumulative: null, counted: !empty, reason: empty ? 'empty' : null }]
}

/** `usage.cost.total`: the request's cost in US dollars as pi priced it. */
export const requestCost = (usage: unknown): number | null => num(obj(obj(usage)?.cost)?.total) ?? null
