import { isTokenCount, MAX_TOKENS_PER_MESSAGE } from '../../model/tokens.js'

/**
 * A count in a log that no message can hold (negative, fractional, absurdly large). Thrown by a
 * line parser, it makes its line a problem (with file and line) and the read goes on.
 */
export class TokenValueError extends Error {}

export function tokenValueReason(field: string, value: unknown): string {
  return `token count out of range: ${field} = ${String(value)} (a count is a whole number from 0 to ${MAX_TOKENS_PER_MESSAGE.toExponential()}); left out of the totals`
}

/** A token count read from a log: undefined when absent or not a number, thrown when out of range. */
export function tokenCount(v: unknown, field: string): number | undefined {
  if (typeof v !== 'number' || Number.isNaN(v)) return undefined
  if (!isTokenCount(v)) throw new TokenValueError(tokenValueReason(field, v))
  return v
}

/** Why a line was not read, from what its parser threw. */
export function lineProblem(e: unknown): string {
  if (e instanceof TokenValueError) return e.message
  return `line not read: ${String((e as Error)?.message ?? e)}`
}
