import type { NormalizedEvent } from '../model/events.js'

/**
 * The payload as stored in `events.payload`. A tool's output is the bulk of most logs and is
 * stored once, in `function_results.output`, so the payload leaves it out.
 */
export function storedPayload(p: NormalizedEvent['payload']): string {
  return JSON.stringify(p.kind === 'tool_result' ? { ...p, output: undefined } : p)
}
