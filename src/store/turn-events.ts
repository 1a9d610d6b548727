import type { z } from 'zod'
import type {
  AssistantMessageSchema,
  CompactionSchema,
  FileChangeSchema,
  MarkerSchema,
  PlanUpdateSchema,
  ReasoningSchema,
  ToolCallSchema,
  UserPromptSchema
} from '../model/events.js'
import { prepared, type Db } from './db.js'

/** The payload of a record a report shows under a prompt, as the ingest stored it (store/payload.ts). */
export type TurnPayload =
  | z.output<typeof UserPromptSchema>
  | z.output<typeof ReasoningSchema>
  | z.output<typeof AssistantMessageSchema>
  | z.output<typeof ToolCallSchema>
  | z.output<typeof PlanUpdateSchema>
  | z.output<typeof FileChangeSchema>
  | z.output<typeof MarkerSchema>
  | z.output<typeof CompactionSchema>

/** What a tool call's result says, found by the call's id. */
export interface ToolCallResult {
  output: string
  exit_code: number | null
  duration_ms: number | null
}

export interface TurnEvent {
  id: number
  /** The log file the record was read from. */
  file_id: number
  /** The turn the ingest numbered it into: the person's prompts it followed. */
  turn: number
  ts: string | null
  payload: TurnPayload
  /** For a tool call with an id, its result when the session holds one (the last, if several). */
  result: ToolCallResult | null
}

interface Row {
  id: number
  file_id: number
  turn: number
  ts: string | null
  payload: string
  result_id: number | null
  output: string | null
  exit_code: number | null
  duration_ms: number | null
}

const PROMPT_KINDS = `('user_prompt')`
const ACTION_KINDS = `('user_prompt','reasoning','tool_call','assistant_message','plan_update','file_change','marker','compaction')`

// `+e.kind`: with one kind listed SQLite would otherwise pick the kind index and read that kind's
// rows of every session, once per session. A call's result is the session's last result under the
// call's id; an empty id names no call.
// A result's output is read up to `?` characters (substr counts code points, so at least as many
// UTF-16 units as a report keeps): outputs can be megabytes, of which a report shows a window.
const eventsSql = (kinds: string) => `SELECT e.id AS id, e.file_id AS file_id, e.turn AS turn, e.ts AS ts, e.payload AS payload,
    r.event_id AS result_id, substr(r.output, 1, ?) AS output, r.exit_code AS exit_code, r.duration_ms AS duration_ms
  FROM events e
  LEFT JOIN function_calls c ON c.event_id = e.id AND c.call_id <> ''
  LEFT JOIN function_results r ON r.event_id = (SELECT MAX(x.event_id) FROM function_results x WHERE x.session_id = e.session_id AND x.call_id = c.call_id)
  WHERE e.session_id = ? AND e.replayed = 0 AND +e.kind IN ${kinds} ORDER BY e.turn, e.id`

/**
 * A session's prompts, with (when `withActions`) what the agent did under them: its reasoning,
 * replies, tool calls with their results, plans, file changes, markers and compactions, in turn
 * then log order, replayed history left out. Read lazily: a session may hold many records. A
 * tool call's output is cut to `maxOutputChars` UTF-16 units or a little more.
 */
export function* readTurnEvents(db: Db, sessionId: string, withActions: boolean, maxOutputChars = Number.MAX_SAFE_INTEGER): Generator<TurnEvent> {
  for (const r of prepared(db, eventsSql(withActions ? ACTION_KINDS : PROMPT_KINDS)).iterate(maxOutputChars, sessionId) as Iterable<Row>) {
    yield {
      id: r.id,
      file_id: r.file_id,
      turn: r.turn,
      ts: r.ts,
      payload: JSON.parse(r.payload) as TurnPayload,
      result: r.result_id === null ? null : { output: r.output ?? '', exit_code: r.exit_code, duration_ms: r.duration_ms }
    }
  }
}

/** How many log files a session's records were read from. */
export function sessionFileCount(db: Db, sessionId: string): number {
  return (prepared(db, `SELECT COUNT(DISTINCT file_id) AS n FROM events WHERE session_id = ?`).get(sessionId) as { n: number }).n
}
