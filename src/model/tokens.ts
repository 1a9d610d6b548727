import { z } from 'zod'

/**
 * Token counts normalized across agents. `input` includes cached input and cache writes;
 * `output` includes reasoning output; `total` = `input` + `output`. See docs/tokens.md.
 */
export const TokenCountsSchema = z.object({
  input: z.number().int().nonnegative(),
  cached_input: z.number().int().nonnegative(),
  cache_write: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  reasoning_output: z.number().int().nonnegative(),
  total: z.number().int().nonnegative()
})
export type TokenCounts = z.infer<typeof TokenCountsSchema>

export const TOKEN_FIELDS = ['input', 'cached_input', 'cache_write', 'output', 'reasoning_output', 'total'] as const

export function zeroTokens(): TokenCounts {
  return { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 }
}

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  const out = zeroTokens()
  for (const k of TOKEN_FIELDS) out[k] = a[k] + b[k]
  return out
}

export function subtractTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  const out = zeroTokens()
  for (const k of TOKEN_FIELDS) out[k] = a[k] - b[k]
  return out
}

export function tokensEqual(a: TokenCounts, b: TokenCounts): boolean {
  return TOKEN_FIELDS.every((k) => a[k] === b[k])
}

export function isZeroTokens(a: TokenCounts): boolean {
  return TOKEN_FIELDS.every((k) => a[k] === 0)
}

export function hasNegative(a: TokenCounts): boolean {
  return TOKEN_FIELDS.some((k) => a[k] < 0)
}

/**
 * The largest token count one message may report. No model's context or output comes near it, so
 * a larger count is a corrupt log, and letting it into a sum would swamp every total it joins.
 */
export const MAX_TOKENS_PER_MESSAGE = 1e12

/** A count a total may take: a whole number from 0 to `MAX_TOKENS_PER_MESSAGE`. */
export function isTokenCount(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= MAX_TOKENS_PER_MESSAGE
}

/** The first field of `counts` that is not a token count, or null when every one is. */
export function badTokenField(
  counts: Record<string, unknown> | null | undefined,
  fields: readonly string[] = TOKEN_FIELDS
): { field: string; value: unknown } | null {
  if (!counts) return null
  for (const field of fields) {
    const value = counts[field]
    if (value === null || value === undefined) continue
    if (typeof value !== 'number' || !isTokenCount(value)) return { field, value }
  }
  return null
}
