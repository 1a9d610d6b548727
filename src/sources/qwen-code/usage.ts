import type { TokenCounts } from '../../model/tokens.js'
import { geminiTokens } from '../gemini-cli/messages.js'
import { num, obj } from '../util/json.js'

/**
 * A Qwen `usageMetadata` as normalized counts, mapped the way the Gemini source maps its
 * `TokensSummary`: prompt (cached included) and tool-use prompt tokens are input, candidates and
 * thoughts are output. Qwen writes the `@google/genai` field names; versions before 0.15 wrote
 * Gemini CLI's short names (`input`, `output`, `cached`, `thoughts`, `tool`), read here too.
 *
 * Through OpenAI-compatible providers (Qwen's usual path) `candidatesTokenCount` already holds
 * the reasoning tokens (`completion_tokens` does), which Gemini's own API reports apart. The
 * record's `totalTokenCount` tells which: when prompt + candidates already make the total, the
 * thoughts are inside the candidates and are not added again.
 */
export function qwenTokens(v: unknown): TokenCounts | null {
  const u = obj(v)
  if (!u) return null
  const long = 'promptTokenCount' in u || 'candidatesTokenCount' in u || 'totalTokenCount' in u
  const input = num(long ? u.promptTokenCount : u.input) ?? 0
  const candidates = num(long ? u.candidatesTokenCount : u.output) ?? 0
  const cached = num(long ? u.cachedContentTokenCount : u.cached) ?? 0
  const thoughts = num(long ? u.thoughtsTokenCount : u.thoughts) ?? 0
  const tool = num(long ? u.toolUsePromptTokenCount : u.tool) ?? 0
  const total = num(long ? u.totalTokenCount : u.total)
  const thoughtsInside = thoughts > 0 && total !== undefined && input + candidates + tool === total
  return geminiTokens({ input, output: thoughtsInside ? candidates - Math.min(thoughts, candidates) : candidates, cached, thoughts, tool })
}
