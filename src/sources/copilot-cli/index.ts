import type { LineSource, SniffInput } from '../types.js'
import { isObject, obj } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { endOfInput, initialState, pushLine, type CliState } from './events.js'

/**
 * Copilot CLI opens every `events.jsonl` with `session.start` from `copilot-agent` carrying a
 * `copilotVersion`. The VS Code Copilot Chat transcript shares that vocabulary but also names a
 * `vscodeVersion`; that one is the `copilot-chat-transcript` source's, never this one's.
 */
export function sniffCopilotCli(head: SniffInput): boolean {
  return head.parsed.some((o) => {
    if (!isObject(o) || o.type !== 'session.start') return false
    const d = obj(o.data)
    return d !== undefined && typeof d.copilotVersion === 'string' && d.vscodeVersion === undefined && d.producer === 'copilot-agent'
  })
}

export const copilotCli: LineSource = {
  mode: 'lines',
  id: 'copilot-cli-events',
  agent: 'copilot-cli',
  description: 'GitHub Copilot CLI session events (~/.copilot/session-state/<session>/events.jsonl)',
  sniff: sniffCopilotCli,
  createParser: (ctx, state) => lineParser<CliState>(state, { initial: initialState(ctx.fallbackSessionId), push: pushLine, end: endOfInput })
}
