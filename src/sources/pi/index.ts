import type { LineSource, SniffInput } from '../types.js'
import { isObject } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { initialState, pushLine, type PiState } from './entries.js'

/** Agents built on pi's session manager write the same files: they are not pi's, and their folders say so. */
const OTHER_AGENTS = /(^|[\\/])\.(openclaw|commandcode)([\\/]|$)/i

/**
 * A pi session opens with its header: `{"type":"session", "id", "timestamp", "cwd", …}` with a
 * numeric `version` (2 and later) or, in version 1, the `provider`/`modelId`/`thinkingLevel` of
 * its start. Command Code and OpenClaw write headers of the same shape (OpenClaw is built on pi):
 * files under their folders are not taken for pi.
 */
export function sniffPi(head: SniffInput): boolean {
  if (OTHER_AGENTS.test(head.path)) return false
  const h = head.parsed[0]
  if (!isObject(h) || h.type !== 'session') return false
  if (typeof h.id !== 'string' || typeof h.timestamp !== 'string' || typeof h.cwd !== 'string') return false
  return typeof h.version === 'number' || (typeof h.modelId === 'string' && typeof h.thinkingLevel === 'string')
}

export const piSession: LineSource = {
  mode: 'lines',
  id: 'pi-session',
  agent: 'pi',
  description: 'pi coding agent session (~/.pi/agent/sessions/--<cwd>--/<time>_<session>.jsonl)',
  sniff: sniffPi,
  createParser: (ctx, state) => lineParser<PiState>(state, { initial: initialState(ctx.fallbackSessionId), push: pushLine })
}
