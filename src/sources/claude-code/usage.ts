import type { PayloadOf } from '../../model/events.js'
import { addTokens, subtractTokens, zeroTokens, type TokenCounts } from '../../model/tokens.js'
import { obj } from '../util/json.js'
import { tokenCount } from '../util/token-count.js'

type Usage = PayloadOf<'token_usage'>

export const SYNTHETIC_MODEL = '<synthetic>'

/**
 * Anthropic `usage` → normalized counts. Anthropic's `input_tokens` excludes the cache, so the
 * prompt size is input + cache creation + cache read; `total` is that plus output.
 */
export function claudeTokens(v: unknown): TokenCounts | null {
  const u = obj(v)
  if (!u) return null
  const fresh = tokenCount(u.input_tokens, 'input_tokens') ?? 0
  const read = tokenCount(u.cache_read_input_tokens, 'cache_read_input_tokens') ?? 0
  const write = tokenCount(u.cache_creation_input_tokens, 'cache_creation_input_tokens') ?? ephemeralWrites(u.cache_creation)
  const output = tokenCount(u.output_tokens, 'output_tokens') ?? 0
  const input = fresh + write + read
  return { input, cached_input: read, cache_write: write, output, reasoning_output: 0, total: input + output }
}

/** Older gateways report cache writes only in the 5m/1h split. */
function ephemeralWrites(v: unknown): number {
  const c = obj(v)
  if (!c) return 0
  return (
    (tokenCount(c.ephemeral_5m_input_tokens, 'ephemeral_5m_input_tokens') ?? 0) + (tokenCount(c.ephemeral_1h_input_tokens, 'ephemeral_1h_input_tokens') ?? 0)
  )
}

/** The SDK's per-model totals (`modelUsage` of a `result`) use camelCase names. */
export function modelUsageTokens(v: unknown): TokenCounts | null {
  const m = obj(v)
  if (!m) return null
  return claudeTokens({
    input_tokens: m.inputTokens,
    cache_read_input_tokens: m.cacheReadInputTokens,
    cache_creation_input_tokens: m.cacheCreationInputTokens,
    output_tokens: m.outputTokens
  })
}

/**
 * One streamed response is written as one line per content block, each repeating the usage as
 * it stood then. The copy with the largest output is the final one (ties: the larger total).
 */
export function isBetterCopy(candidate: TokenCounts, best: TokenCounts): boolean {
  if (candidate.output !== best.output) return candidate.output > best.output
  return candidate.total > best.total
}

export function usageRow(model: string | null, delta: TokenCounts, counted: boolean, reason: string | null, cumulative: TokenCounts | null = null): Usage {
  return { kind: 'token_usage', model, delta, cumulative, counted, reason }
}

/**
 * A response that was already counted shows up again (its lines were interleaved with other
 * lines, or the file grew after an ingest ended mid-response). Counting only what the new copy
 * adds keeps the session total equal to the largest copy, which is exact.
 */
export function topUp(counted: TokenCounts, copy: TokenCounts, model: string | null): { row: Usage; counted: TokenCounts } {
  if (!isBetterCopy(copy, counted)) return { row: usageRow(model, zeroTokens(), false, 'duplicate', copy), counted }
  const delta = subtractTokens(copy, counted)
  for (const k of Object.keys(delta) as (keyof TokenCounts)[]) if (delta[k] < 0) delta[k] = 0
  delta.total = delta.input + delta.output
  return { row: usageRow(model, delta, true, 'split-response-remainder', copy), counted: addTokens(counted, delta) }
}
