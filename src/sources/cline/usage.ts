import type { PayloadOf } from '../../model/events.js'
import { isZeroTokens, type TokenCounts } from '../../model/tokens.js'
import { num, str, type Json } from '../util/json.js'
import { tokenCount } from '../util/token-count.js'

/**
 * The tokens of one API request, from the JSON of its `api_req_started` record: `tokensIn`,
 * `tokensOut`, `cacheWrites`, `cacheReads`. Cline (and Roo Code with `apiProtocol: "anthropic"`)
 * count `tokensIn` without the cache, as Anthropic does; Roo Code with `apiProtocol: "openai"`
 * counts the cache inside `tokensIn`. A record with none of the four has no usage (a request
 * still running or cancelled before the answer): null, never zero.
 */
export function requestTokens(info: Json): TokenCounts | null {
  const fields = ['tokensIn', 'tokensOut', 'cacheWrites', 'cacheReads']
  if (!fields.some((f) => typeof info[f] === 'number')) return null
  const tokensIn = tokenCount(info.tokensIn, 'tokensIn') ?? 0
  const read = tokenCount(info.cacheReads, 'cacheReads') ?? 0
  const write = tokenCount(info.cacheWrites, 'cacheWrites') ?? 0
  const output = tokenCount(info.tokensOut, 'tokensOut') ?? 0
  const reasoning = tokenCount(info.reasoningTokens, 'reasoningTokens') ?? 0
  const cacheInside = str(info.apiProtocol) === 'openai' && tokensIn >= read + write
  const input = cacheInside ? tokensIn : tokensIn + read + write
  return { input, cached_input: read, cache_write: write, output, reasoning_output: reasoning, total: input + output }
}

export function usageRow(model: string | null, t: TokenCounts): PayloadOf<'token_usage'> {
  const empty = isZeroTokens(t)
  return { kind: 'token_usage', model, delta: t, cumulative: null, counted: !empty, reason: empty ? 'empty' : null }
}

/** The request's cost in US dollars as the agent priced it, when it did. */
export const requestCost = (info: Json): number | null => num(info.cost) ?? null
