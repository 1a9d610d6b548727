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
import { restorePayload } from './payload.js'

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

/** A row of `eventsSql`, read as an array (`raw`): objects keyed by column cost more than the rest of a row. */
type Row = [
  id: number,
  file_id: number,
  turn: number,
  ts: string | null,
  kind: string,
  payload: string,
  pr_text: string | null,
  pr_by_agent: number | null,
  g_text: string | null,
  g_encrypted: number | null,
  g_encrypted_bytes: number | null,
  c_id: number | null,
  c_call_id: string | null,
  c_name: string | null,
  c_tool_type: string | null,
  c_arguments: string | null,
  c_command: string | null,
  pl_id: number | null,
  pl_explanation: string | null,
  pl_steps: string | null,
  result_id: number | null,
  output: string | null,
  exit_code: number | null,
  duration_ms: number | null
]

const PROMPT_KINDS = `('user_prompt')`
const ACTION_KINDS = `('user_prompt','reasoning','tool_call','assistant_message','plan_update','file_change','marker','compaction')`

// `+e.kind`: with one kind listed SQLite would otherwise pick the kind index and read that kind's
// rows of every session, once per session. A call's result is the session's last result under the
// call's id; an empty id names no call.
// Every text a report shows is read up to `@max` characters (substr counts code points, so at
// least as many UTF-16 units as a report keeps): a text can be megabytes, of which a report keeps
// a window, and a text read whole is one allocation that size, which a capped worker's heap
// cannot take (V8 then aborts the process). A message's text lives in the payload's JSON: a
// payload longer than the window has its `text` and `detail` cut before it is read. Plan steps
// are JSON and are read whole; what they show is short.
// The typed tables hold the fields of a prompt, reasoning, call or plan (store/payload.ts): each
// joined on its primary key, and only the one of the record's kind has a row.
const cutPayload = `CASE WHEN length(e.payload) <= @max THEN e.payload ELSE json_replace(e.payload,
      '$.text', CASE WHEN json_type(e.payload, '$.text') = 'text' THEN substr(json_extract(e.payload, '$.text'), 1, @max) ELSE json_extract(e.payload, '$.text') END,
      '$.detail', CASE WHEN json_type(e.payload, '$.detail') = 'text' THEN substr(json_extract(e.payload, '$.detail'), 1, @max) ELSE json_extract(e.payload, '$.detail') END) END`
const eventsSql = (kinds: string) => `SELECT e.id AS id, e.file_id AS file_id, e.turn AS turn, e.ts AS ts, e.kind AS kind, ${cutPayload} AS payload,
    substr(pr.text, 1, @max) AS pr_text, pr.by_agent AS pr_by_agent,
    substr(g.text, 1, @max) AS g_text, g.encrypted AS g_encrypted, g.encrypted_bytes AS g_encrypted_bytes,
    c.event_id AS c_id, c.call_id AS c_call_id, c.name AS c_name, c.tool_type AS c_tool_type, substr(c.arguments, 1, @max) AS c_arguments, substr(c.command, 1, @max) AS c_command,
    pl.event_id AS pl_id, substr(pl.explanation, 1, @max) AS pl_explanation, pl.steps AS pl_steps,
    r.event_id AS result_id, substr(r.output, 1, @max) AS output, r.exit_code AS exit_code, r.duration_ms AS duration_ms
  FROM events e
  LEFT JOIN prompts pr ON pr.event_id = e.id
  LEFT JOIN agent_reasoning_messages g ON g.event_id = e.id
  LEFT JOIN function_plan_messages pl ON pl.event_id = e.id
  LEFT JOIN function_calls c ON c.event_id = e.id
  LEFT JOIN function_results r ON c.call_id <> '' AND r.event_id = (SELECT MAX(x.event_id) FROM function_results x WHERE x.session_id = e.session_id AND x.call_id = c.call_id)
  WHERE e.session_id = @session AND e.replayed = 0 AND +e.kind IN ${kinds} ORDER BY e.turn, e.id`

/** The typed table's row of the record's kind, under that table's column names. */
function typedRow(r: Row): Record<string, unknown> | undefined {
  switch (r[4]) {
    case 'user_prompt':
      return r[6] === null ? undefined : { text: r[6], by_agent: r[7] }
    case 'reasoning':
      return r[8] === null ? undefined : { text: r[8], encrypted: r[9], encrypted_bytes: r[10] }
    case 'tool_call':
      return r[11] === null ? undefined : { call_id: r[12], name: r[13], tool_type: r[14], arguments: r[15], command: r[16] }
    case 'plan_update':
      return r[17] === null ? undefined : { explanation: r[18], steps: r[19] }
    default:
      return undefined
  }
}

/**
 * A session's prompts, with (when `withActions`) what the agent did under them: its reasoning,
 * replies, tool calls with their results, plans, file changes, markers and compactions, in turn
 * then log order, replayed history left out. Read lazily: a session may hold many records. Each
 * text (a prompt, a message, reasoning, a call's arguments, command and output) is cut to
 * `maxOutputChars` UTF-16 units or a little more.
 */
export function* readTurnEvents(db: Db, sessionId: string, withActions: boolean, maxOutputChars = Number.MAX_SAFE_INTEGER): Generator<TurnEvent> {
  const rows = prepared(db, eventsSql(withActions ? ACTION_KINDS : PROMPT_KINDS))
    .raw(true)
    .iterate({ max: maxOutputChars, session: sessionId }) as Iterable<Row>
  for (const r of rows) {
    yield {
      id: r[0],
      file_id: r[1],
      turn: r[2],
      ts: r[3],
      payload: restorePayload(r[4], r[5], typedRow(r)) as TurnPayload,
      result: r[20] === null ? null : { output: r[21] ?? '', exit_code: r[22], duration_ms: r[23] }
    }
  }
}

/** How many log files a session's records were read from. */
export function sessionFileCount(db: Db, sessionId: string): number {
  return (prepared(db, `SELECT COUNT(DISTINCT file_id) AS n FROM events WHERE session_id = ?`).get(sessionId) as { n: number }).n
}
