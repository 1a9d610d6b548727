import type { TokenCounts } from '../model/tokens.js'
import type { Price } from './prices.js'

/**
 * The cost of one request's (or one row's) tokens at list price. `input` includes cached input
 * and cache writes (docs/tokens.md), so the uncached part is what remains; cached reads and
 * writes fall back to the input price when the table gives none for them.
 */
export function costOf(t: TokenCounts, price: Price): number {
  const tier = price.long_context && t.input > price.long_context.threshold ? price.long_context : price
  const uncached = Math.max(0, t.input - t.cached_input - t.cache_write)
  const usd =
    uncached * tier.input + t.cached_input * (tier.cached_input ?? tier.input) + t.cache_write * (tier.cache_write ?? tier.input) + t.output * tier.output
  return usd / 1_000_000
}

/** Rounds to a hundredth of a cent so sums are stable across formats. */
export function roundUsd(n: number): number {
  return Math.round(n * 10_000) / 10_000
}
