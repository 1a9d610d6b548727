import type { LineSource, SniffInput } from '../types.js'
import { isObject, obj } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { initialState, pushLine, type TranscriptState } from './transcript.js'

/** A transcript line holds `role` and `message` and nothing else: no type, id, time or session, which every other JSONL agent writes. */
function isMessageLine(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o)
  const m = obj(o.message)
  return (
    keys.every((k) => k === 'role' || k === 'message') &&
    (o.role === 'user' || o.role === 'assistant') &&
    m !== undefined &&
    Object.keys(m).every((k) => k === 'content') &&
    (Array.isArray(m.content) || typeof m.content === 'string')
  )
}

/** The only keys a transcript line has: a message's, and a `turn_ended` close's. */
const LINE_KEYS = new Set(['role', 'message', 'type', 'status', 'error'])

/** No line of the head has a key beyond those, or a `type` but `turn_ended`; at least one is a bare message. */
export function sniffCursorTranscript(head: SniffInput): boolean {
  const cursorShaped = (o: unknown) => isObject(o) && Object.keys(o).every((k) => LINE_KEYS.has(k)) && (o.type === undefined || o.type === 'turn_ended')
  // The head ends at 64 KiB, which may cut its last line (a `Write` carries a whole file): that line cannot be judged.
  const whole = head.parsed.filter((o, i) => !(o === undefined && i === head.parsed.length - 1))
  if (whole.length === 0 || !whole.every(cursorShaped)) return false
  return whole.some((o) => isObject(o) && isMessageLine(o))
}

export const cursorTranscript: LineSource = {
  mode: 'lines',
  id: 'cursor-agent-transcript',
  agent: 'cursor',
  description: 'Cursor agent transcript (~/.cursor/projects/<slug>/agent-transcripts/<id>/<id>.jsonl)',
  sniff: sniffCursorTranscript,
  createParser: (ctx, state) => lineParser<TranscriptState>(state, { initial: initialState(ctx), push: pushLine })
}
