import type { EventPayload } from '../../model/events.js'
import { RECORD_VERSION, RECORDER_FORMAT } from '../../recorder/format.js'
import type { LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { isObject, obj, str, type Json, parseObjectLine } from '../util/json.js'
import { lineParser } from '../util/line-parser.js'
import { toUtcIso } from '../util/time.js'

const AGENT = 'recorder'

/** The fields every recorder record has, whatever its type or version. */
function isRecordShape(o: unknown): o is Json {
  return (
    isObject(o) &&
    typeof o.v === 'number' &&
    typeof o.type === 'string' &&
    typeof o.ts === 'string' &&
    typeof o.session_id === 'string' &&
    Number.isInteger(o.seq)
  )
}

/**
 * A file is the recorder's when it has a `session_start` with the format marker, or, for a
 * rotated file (`x.ndjson.1`) that begins mid-session and so has no start record, when every
 * JSON line of its head has the recorder's record shape.
 */
function sniffRecorder(head: SniffInput): boolean {
  if (head.parsed.some((o) => isObject(o) && o.type === 'session_start' && o.format === RECORDER_FORMAT)) return true
  const objects = head.parsed.filter(isObject)
  return objects.length > 0 && objects.length === head.parsed.length && objects.every(isRecordShape)
}

function actionPayload(o: Json): EventPayload {
  const statement = str(o.statement) ?? ''
  const metadata = obj(o.metadata)
  const shell = metadata?.shell === true
  return {
    kind: 'tool_call',
    call_id: null,
    name: str(o.name) || 'unknown',
    arguments: JSON.stringify({ statement, metadata }),
    command: shell ? statement : null,
    tool_type: shell ? 'local_shell' : 'function'
  }
}

/**
 * Every record names its session, so the parser keeps no state and a grown file is resumed at
 * any line. One file may hold several sessions (sequential runs, or concurrent writers).
 */
function pushLine(ctx: SourceContext, line: string, lineNo: number, out: ParseRecord[]): void {
  const o = parseObjectLine(line, lineNo, out)
  if (!o) return
  const sid = str(o.session_id) || ctx.fallbackSessionId
  const ts = toUtcIso(o.ts)
  const emit = (...payloads: EventPayload[]) => {
    for (const payload of payloads) out.push({ type: 'event', event: { session_id: sid, ts, line: lineNo, payload } })
  }
  const type = str(o.type) ?? 'none'
  if (o.v !== RECORD_VERSION) {
    emit({ kind: 'other', type: `recorder:${type}` })
    out.push({ type: 'skip', line: lineNo, reason: `recorder record version ${JSON.stringify(o.v ?? null)} is not supported (kept raw, not interpreted)` })
    return
  }
  switch (type) {
    case 'session_start':
      out.push({ type: 'session', patch: { id: sid, agent: AGENT, originator: str(o.agent) ?? null, started_at: ts, cwd: str(o.cwd) ?? null } })
      return emit({ kind: 'session_meta' })
    case 'action':
      return emit(actionPayload(o))
    case 'session_end': {
      out.push({ type: 'session', patch: { id: sid, agent: AGENT, ended_at: ts } })
      const summary = str(o.summary)
      const end: EventPayload = { kind: 'marker', marker: 'turn_end', detail: str(o.closed_by) ?? null }
      return summary !== undefined ? emit({ kind: 'assistant_message', text: summary, phase: 'final_answer' }, end) : emit(end)
    }
    default:
      emit({ kind: 'other', type: `recorder:${type}` })
      out.push({ type: 'skip', line: lineNo, reason: `unknown recorder record type "${type}" (kept raw, not interpreted)` })
  }
}

export const recorderSource: LineSource = {
  mode: 'lines',
  id: 'recorder-ndjson',
  promptless: true,
  agent: AGENT,
  description: "ai-log-trail's own recorder (openRecorder): NDJSON written by scripts and in-house agents, rotated files included",
  sniff: sniffRecorder,
  createParser: (ctx) => lineParser(null, { initial: null, push: (_st, line, lineNo, out) => pushLine(ctx, line, lineNo, out) })
}
