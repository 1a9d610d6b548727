import { z } from 'zod'

/**
 * USD per million tokens. `cached_input` is the price of a cache read, `cache_write` of a cache
 * write; `long_context` applies to a request whose input exceeds `threshold` tokens.
 */
export const PriceSchema = z.object({
  input: z.number().nonnegative(),
  cached_input: z.number().nonnegative().optional(),
  cache_write: z.number().nonnegative().optional(),
  output: z.number().nonnegative(),
  long_context: z
    .object({
      threshold: z.number().int().positive(),
      input: z.number().nonnegative(),
      cached_input: z.number().nonnegative().optional(),
      cache_write: z.number().nonnegative().optional(),
      output: z.number().nonnegative()
    })
    .optional()
})
export type Price = z.infer<typeof PriceSchema>

/** The date the bundled table was checked against the providers' published list prices. */
export const PRICES_AS_OF = '2025-12-01'

/**
 * Bundled list prices for the models the supported agents use. Keys are normalized model names
 * (see `normalizeModel`). The YAML config's `pricing` section overrides or adds entries.
 */
export const BUNDLED_PRICES: Record<string, Price> = {
  // OpenAI
  'gpt-5': { input: 1.25, cached_input: 0.125, output: 10 },
  'gpt-5-codex': { input: 1.25, cached_input: 0.125, output: 10 },
  'gpt-5.1': { input: 1.25, cached_input: 0.125, output: 10 },
  'gpt-5.1-codex': { input: 1.25, cached_input: 0.125, output: 10 },
  'gpt-5.1-codex-max': { input: 1.25, cached_input: 0.125, output: 10 },
  'gpt-5.1-codex-mini': { input: 0.25, cached_input: 0.025, output: 2 },
  'gpt-5.2': { input: 1.75, cached_input: 0.175, output: 14 },
  'gpt-5.2-codex': { input: 1.75, cached_input: 0.175, output: 14 },
  'gpt-5-mini': { input: 0.25, cached_input: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cached_input: 0.005, output: 0.4 },
  'gpt-4.1': { input: 2, cached_input: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cached_input: 0.1, output: 1.6 },
  'gpt-4o': { input: 2.5, cached_input: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cached_input: 0.075, output: 0.6 },
  o3: { input: 2, cached_input: 0.5, output: 8 },
  'o4-mini': { input: 1.1, cached_input: 0.275, output: 4.4 },
  'codex-mini-latest': { input: 1.5, cached_input: 0.375, output: 6 },
  // Anthropic (cache writes at the 5-minute rate). The 4.6 and 5 models were added on 2026-12-06
  // from their pages on platform.claude.com (models/<name>/overview), which list one price for
  // the whole 1M context; Sonnet 4.6's cache prices follow Anthropic's 1.25× write, 0.1× read.
  'claude-opus-5': { input: 5, cached_input: 0.5, cache_write: 6.25, output: 25 },
  'claude-sonnet-5': { input: 2, cached_input: 0.2, cache_write: 2.5, output: 10 },
  'claude-opus-4.6': { input: 5, cached_input: 0.5, cache_write: 6.25, output: 25 },
  'claude-sonnet-4.6': { input: 3, cached_input: 0.3, cache_write: 3.75, output: 15 },
  'claude-opus-4.5': { input: 5, cached_input: 0.5, cache_write: 6.25, output: 25 },
  'claude-opus-4.1': { input: 15, cached_input: 1.5, cache_write: 18.75, output: 75 },
  'claude-opus-4': { input: 15, cached_input: 1.5, cache_write: 18.75, output: 75 },
  'claude-sonnet-4.5': {
    input: 3,
    cached_input: 0.3,
    cache_write: 3.75,
    output: 15,
    long_context: { threshold: 200_000, input: 6, cached_input: 0.6, cache_write: 7.5, output: 22.5 }
  },
  'claude-sonnet-4': {
    input: 3,
    cached_input: 0.3,
    cache_write: 3.75,
    output: 15,
    long_context: { threshold: 200_000, input: 6, cached_input: 0.6, cache_write: 7.5, output: 22.5 }
  },
  'claude-3.7-sonnet': { input: 3, cached_input: 0.3, cache_write: 3.75, output: 15 },
  'claude-3.5-sonnet': { input: 3, cached_input: 0.3, cache_write: 3.75, output: 15 },
  'claude-haiku-4.5': { input: 1, cached_input: 0.1, cache_write: 1.25, output: 5 },
  'claude-3.5-haiku': { input: 0.8, cached_input: 0.08, cache_write: 1, output: 4 },
  // Google
  'gemini-3-pro-preview': { input: 2, cached_input: 0.2, output: 12, long_context: { threshold: 200_000, input: 4, cached_input: 0.4, output: 18 } },
  'gemini-2.5-pro': { input: 1.25, cached_input: 0.125, output: 10, long_context: { threshold: 200_000, input: 2.5, cached_input: 0.25, output: 15 } },
  'gemini-2.5-flash': { input: 0.3, cached_input: 0.03, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, cached_input: 0.01, output: 0.4 },
  'gemini-2.0-flash': { input: 0.1, cached_input: 0.025, output: 0.4 }
}

/**
 * Reduces the names agents log to the table's keys: provider prefixes (`anthropic/`, `copilot/`,
 * `models/`), date stamps (`-20250514`), and Anthropic's dash versions (`claude-sonnet-4-5`).
 */
export function normalizeModel(model: string): string {
  let m = model.trim().toLowerCase()
  m = m.replace(/^(anthropic|openai|google|gemini|copilot|models|azure|bedrock|vertex_ai|openrouter\/[^/]+)\//, '')
  m = m.replace(/^(us|eu|apac)\.anthropic\./, '').replace(/-v\d+:\d+$/, '')
  m = m.replace(/-(20\d{6}|\d{4}-\d{2}-\d{2})$/, '').replace(/@\d{8}$/, '')
  // claude-sonnet-4-5 → claude-sonnet-4.5; claude-3-7-sonnet → claude-3.7-sonnet
  m = m.replace(/^claude-(opus|sonnet|haiku)-(\d)-(\d)$/, 'claude-$1-$2.$3').replace(/^claude-(\d)-(\d)-(opus|sonnet|haiku)$/, 'claude-$1.$2-$3')
  m = m.replace(/-latest$/, m === 'codex-mini-latest' ? '-latest' : '')
  return m
}

export function priceFor(model: string, table: Record<string, Price>): Price | undefined {
  return table[model] ?? table[normalizeModel(model)]
}
