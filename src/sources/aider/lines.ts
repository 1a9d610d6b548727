import type { PayloadOf } from '../../model/events.js'

/**
 * Aider prints counts through `format_tokens`: exact below 1,000, then `3.2k` (to the nearest
 * hundred) and `10k` (to the nearest thousand). An abbreviated figure is read as the value it
 * names (3.2k → 3,200), so it is an approximation within ±50 or ±500 tokens: `rounded` says so.
 */
export function parseCount(s: string): { n: number; rounded: boolean } | null {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim())
  if (!m) return null
  const mult = m[2] === '' ? 1 : m[2].toLowerCase() === 'k' ? 1000 : 1_000_000
  return { n: Math.round(Number(m[1]) * mult), rounded: m[2] !== '' }
}

const TOKENS = /^> Tokens: (.+?) received\.(.*)$/
const PART = /^([\d.]+[kKmM]?) (sent|cache write|cache hit)$/
const COST = /Cost: \$([\d.]+) message, \$([\d.]+) session\./

export interface AiderUsage {
  usage: PayloadOf<'token_usage'>
  /** The message cost Aider printed, when the line has one (it may be on the next `> Cost:` line). */
  cost: number | null
}

/**
 * `> Tokens: 7.8k sent, 971 received. Cost: $0.0014 message, $0.0014 session.` (with
 * `cache write`/`cache hit` parts for providers that report them). "sent" is the prompt
 * size Aider took from the provider's usage, which for the providers it supports already
 * includes cache reads and writes; "received" includes any thinking the model did, which Aider
 * does not report apart, so reasoning output is 0 here.
 */
export function parseTokenLine(line: string, model: string | null): AiderUsage | null {
  const m = TOKENS.exec(line.trimEnd())
  if (!m) return null
  // `sent`, then `cache write` and `cache hit` when the provider reports them, then `received`.
  const parts = m[1].split(', ')
  const received = parseCount(parts.pop() ?? '')
  const got: Record<string, { n: number; rounded: boolean }> = {}
  for (const p of parts) {
    const x = PART.exec(p.trim())
    const c = x ? parseCount(x[1]) : null
    if (!x || !c) return null
    got[x[2]] = c
  }
  const sent = got.sent
  if (!sent || !received) return null
  const zero = { n: 0, rounded: false }
  const hit = got['cache hit'] ?? zero
  const write = got['cache write'] ?? zero
  const input = sent.n
  const cached = Math.min(hit.n, input)
  const cacheWrite = Math.min(write.n, input - cached)
  const rounded = sent.rounded || write.rounded || hit.rounded || received.rounded
  const delta = { input, cached_input: cached, cache_write: cacheWrite, output: received.n, reasoning_output: 0, total: input + received.n }
  const c = COST.exec(m[2])
  return {
    usage: { kind: 'token_usage', model, delta, cumulative: null, counted: delta.total > 0, reason: delta.total === 0 ? 'empty' : rounded ? 'rounded' : null },
    cost: c ? Number(c[1]) : null
  }
}

/** A `> Cost: …` line printed on its own when both cache figures were shown. */
export function parseCostLine(line: string): number | null {
  const m = /^> Cost: \$([\d.]+) message, \$([\d.]+) session\./.exec(line.trimEnd())
  return m ? Number(m[1]) : null
}

export const RUN_HEADER = /^# aider chat started at (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\s*$/

/**
 * Aider writes each line of what a person typed as `#### <line>` followed by two spaces (a
 * Markdown hard break). A `#### ` heading inside a reply has no such tail, which tells them apart.
 */
export function userInputLine(line: string): string | null {
  if (!line.startsWith('####') || !line.endsWith('  ')) return null
  if (line !== '####  ' && !line.startsWith('#### ')) return null
  return line.slice(5, -2)
}

/** Splits `<think>…</think>` (reasoning models through Aider) from the reply text. */
export function splitThinking(text: string): { thinking: string[]; reply: string } {
  const thinking: string[] = []
  const reply = text.replace(/<think>([\s\S]*?)<\/think>/g, (_m, t: string) => {
    thinking.push(t.trim())
    return ''
  })
  return { thinking, reply: reply.trim() }
}
