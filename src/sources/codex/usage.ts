import { hasNegative, isZeroTokens, subtractTokens, tokensEqual, type TokenCounts } from '../../model/tokens.js'
import type { PayloadOf } from '../../model/events.js'
import { num, obj } from '../util/json.js'
import { tokenCount } from '../util/token-count.js'
import { isoOrNull } from '../util/time.js'

/** Codex `TokenUsage` → normalized counts. Codex's input already holds cached input (and cache writes), output holds reasoning. */
export function codexTokens(v: unknown): TokenCounts | null {
  const o = obj(v)
  if (!o) return null
  const count = (name: string) => tokenCount(o[name], name)
  const input = count('input_tokens') ?? 0
  const output = count('output_tokens') ?? 0
  return {
    input,
    cached_input: Math.min(count('cached_input_tokens') ?? 0, input),
    cache_write: count('cache_write_input_tokens') ?? 0,
    output,
    reasoning_output: count('reasoning_output_tokens') ?? 0,
    total: count('total_tokens') ?? input + output
  }
}

/**
 * A usage object that names only its total (`{"total_tokens": N}`), as some 2026 builds write.
 * Its split is unknown, which is not the same as zero: a "context full" row writes the other
 * fields as 0.
 */
export function isTotalOnly(v: unknown): boolean {
  const o = obj(v)
  return o !== undefined && typeof o.total_tokens === 'number' && o.input_tokens === undefined && o.output_tokens === undefined
}

/** `t` with only its total taken from `total`: what a total-only row tells about the cumulative counts. */
function withTotal(t: TokenCounts, total: number): TokenCounts {
  return { ...t, total }
}

const onlyTotal = (total: number): TokenCounts => ({ input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total })

export interface UsageState {
  /** The last cumulative total taken into account; null before the first usage row. */
  prevTotal: TokenCounts | null
  /** The last per-call usage seen, to drop repeats in logs that have no cumulative total. */
  prevLast: TokenCounts | null
}

type Usage = PayloadOf<'token_usage'>

/**
 * The counting rule for Codex usage updates (docs/tokens.md):
 * - Codex writes each update twice; a row whose cumulative total did not move adds nothing.
 * - "Context full" rows (every component zero, total > 0) are synthetic and add nothing.
 * - Otherwise the row adds (cumulative − previous cumulative); when a counter went backwards
 *   (a reset), it adds the row's own last-call usage instead.
 * - The first row of a file that starts mid-history counts only its own call, never the
 *   history before the file (its cumulative − its last call is the baseline).
 * - `replay` rows (history a fork or sub-agent copied from its parent) move the baseline only.
 */
export function accountCodexUsage(st: UsageState, info: unknown, model: string | null, replay: boolean): Usage | null {
  const i = obj(info)
  if (!i) return null
  const total = codexTokens(i.total_token_usage)
  const last = codexTokens(i.last_token_usage)
  const zero = { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 }
  const row = (delta: TokenCounts, counted: boolean, reason: string | null): Usage => ({
    kind: 'token_usage',
    model,
    delta,
    cumulative: total,
    counted,
    reason
  })
  const synthetic = (t: TokenCounts | null, raw: unknown) => t !== null && t.input === 0 && t.output === 0 && t.total > 0 && !isTotalOnly(raw)
  if (synthetic(total, i.total_token_usage) || (total === null && synthetic(last, i.last_token_usage))) return row(zero, false, 'context-full')
  if (total && isTotalOnly(i.total_token_usage)) return totalOnlyRow(st, total.total, last, replay, row)

  if (total) {
    if (st.prevTotal === null && last && !hasNegative(subtractTokens(total, last))) st.prevTotal = subtractTokens(total, last)
    const prev = st.prevTotal
    if (replay) {
      st.prevTotal = total
      st.prevLast = last
      return row(zero, false, 'replay')
    }
    if (prev && tokensEqual(prev, total)) return row(zero, false, 'duplicate')
    const delta = prev ? subtractTokens(total, prev) : total
    st.prevTotal = total
    st.prevLast = last
    if (!hasNegative(delta)) return row(delta, !isZeroTokens(delta), isZeroTokens(delta) ? 'empty' : null)
    return last ? row(last, !isZeroTokens(last), 'counter-reset') : row(zero, false, 'counter-reset')
  }
  if (last) {
    if (st.prevLast && tokensEqual(st.prevLast, last)) return row(zero, false, 'duplicate')
    st.prevLast = last
    if (replay) return row(zero, false, 'replay')
    return row(last, !isZeroTokens(last), null)
  }
  return null
}

/**
 * A row whose cumulative usage names only its total: the total moves as for any row; the split
 * stays unknown and adds nothing, and the baseline keeps the last split seen so the next full
 * row's difference covers the calls in between.
 */
function totalOnlyRow(
  st: UsageState,
  total: number,
  last: TokenCounts | null,
  replay: boolean,
  row: (delta: TokenCounts, counted: boolean, reason: string | null) => Usage
): Usage {
  if (st.prevTotal === null && last && total - last.total >= 0) st.prevTotal = onlyTotal(total - last.total)
  const prev = st.prevTotal
  const moved = prev ? total - prev.total : total
  if (replay) {
    st.prevTotal = prev ? withTotal(prev, total) : onlyTotal(total)
    return row(onlyTotal(0), false, 'replay')
  }
  if (prev && moved === 0) return row(onlyTotal(0), false, 'duplicate')
  st.prevTotal = prev ? withTotal(prev, total) : onlyTotal(total)
  if (moved > 0) return row(onlyTotal(moved), true, null)
  return last && last.total > 0 ? row(onlyTotal(last.total), true, 'counter-reset') : row(onlyTotal(0), false, 'counter-reset')
}

/** `turn.completed.usage` of `codex exec --json` is the thread's cumulative total at the end of the turn. */
export function accountCumulative(st: UsageState, usage: unknown, model: string | null): Usage | null {
  const total = codexTokens(usage)
  if (!total) return null
  const zero = { input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 0 }
  const prev = st.prevTotal
  if (prev && tokensEqual(prev, total)) return { kind: 'token_usage', model, delta: zero, cumulative: total, counted: false, reason: 'duplicate' }
  let delta = prev ? subtractTokens(total, prev) : total
  if (hasNegative(delta)) delta = total
  st.prevTotal = total
  return { kind: 'token_usage', model, delta, cumulative: total, counted: !isZeroTokens(delta), reason: null }
}

/** Codex rate-limit snapshots in their three historical shapes (flat, nested, nested with credits). */
export function codexRateLimits(v: unknown): PayloadOf<'rate_limit'> | null {
  const r = obj(v)
  if (!r) return null
  const windows: PayloadOf<'rate_limit'>['windows'] = []
  for (const slot of ['primary', 'secondary']) {
    const w = obj(r[slot])
    if (w) {
      const resetsAt = num(w.resets_at)
      const resetsIn = num(w.resets_in_seconds)
      windows.push({
        window_minutes: num(w.window_minutes) ?? null,
        used_percent: num(w.used_percent) ?? null,
        resets_at: resetsAt !== undefined ? isoOrNull(resetsAt * 1000) : resetsIn !== undefined ? `+${resetsIn}s` : null
      })
    } else if (num(r[`${slot}_used_percent`]) !== undefined) {
      windows.push({
        window_minutes: num(r[`${slot}_window_minutes`]) ?? null,
        used_percent: num(r[`${slot}_used_percent`]) ?? null,
        resets_at: null
      })
    }
  }
  const plan = r.plan_type
  return { kind: 'rate_limit', windows, plan_type: typeof plan === 'string' ? plan : null }
}
