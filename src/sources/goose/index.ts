import type { Database } from 'better-sqlite3'
import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import { zeroTokens } from '../../model/tokens.js'
import type { DatabaseHead, DatabaseRow, DatabaseSource, ParseRecord, SourceContext } from '../types.js'
import { arr, num, obj, str, tryParseJson } from '../util/json.js'
import { hasColumns, paged } from '../util/sqlite-pages.js'
import { toUtcIso } from '../util/time.js'
import { contentEvents } from './content.js'

/**
 * Goose's session store (`sessions/sessions.db`): a `sessions` table with the folder the session
 * ran in and its token totals (`accumulated_*`, the only usage Goose keeps: per session, not per
 * message), and a `messages` table of `content_json` arrays (crates/goose/src/session/).
 */

const AGENT = 'goose'
const SESSION_PAGE = 100
/** Messages hold whole tool outputs, so they are read in small pages. */
const MESSAGE_PAGE = 50

/** Session columns read when the schema has them (older databases lack the later ones). */
const SESSION_COLUMNS = [
  'id',
  'name',
  'description',
  'session_type',
  'working_dir',
  'created_at',
  'updated_at',
  'accumulated_total_tokens',
  'accumulated_input_tokens',
  'accumulated_output_tokens',
  'accumulated_cost',
  'provider_name',
  'model_config_json'
] as const
type SessionRow = Record<(typeof SESSION_COLUMNS)[number], unknown>

interface MessageRow {
  id: number
  message_id: string | null
  role: string
  content_json: string
  created_timestamp: number | null
  metadata_json: string | null
}

function sniff(head: DatabaseHead): boolean {
  return (
    hasColumns(head.tables, 'sessions', ['id', 'working_dir', 'created_at', 'accumulated_total_tokens']) &&
    hasColumns(head.tables, 'messages', ['id', 'session_id', 'role', 'content_json', 'created_timestamp'])
  )
}

function columns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)
}

const select = (have: string[], names: readonly string[]) => names.map((n) => (have.includes(n) ? `"${n}"` : `NULL AS "${n}"`)).join(', ')

function* readDatabase(db: Database, _ctx: SourceContext): Iterable<DatabaseRow> {
  const sessions = db.prepare(`SELECT ${select(columns(db, 'sessions'), SESSION_COLUMNS)} FROM sessions WHERE id > ? ORDER BY id LIMIT ?`)
  const messages = db.prepare(
    `SELECT ${select(columns(db, 'messages'), ['id', 'message_id', 'role', 'content_json', 'created_timestamp', 'metadata_json'])}
     FROM messages WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?`
  )
  let line = 0
  for (const s of paged<SessionRow>(SESSION_PAGE, (after, n) => sessions.all(str(after?.id) ?? '', n) as SessionRow[])) {
    const id = str(s.id)
    if (!id) continue
    const sessionLine = ++line
    const model = str(obj(tryParseJson(str(s.model_config_json) ?? ''))?.model_name) ?? null
    const cost = num(s.accumulated_cost)
    const patch: SessionPatch = {
      id,
      agent: AGENT,
      source: str(s.session_type) ?? null,
      started_at: toUtcIso(s.created_at),
      ended_at: toUtcIso(s.updated_at),
      cwd: str(s.working_dir) ?? null,
      title: str(s.name) || str(s.description) || null,
      reported_cost_usd: cost !== undefined && cost > 0 ? cost : null
    }
    yield { line: sessionLine, text: JSON.stringify(s), records: [{ type: 'session', patch }] }
    for (const m of paged<MessageRow>(MESSAGE_PAGE, (after, n) => messages.all(id, after?.id ?? -1, n) as MessageRow[])) yield readMessage(id, m, ++line, model)
    const usage = sessionUsage(id, s, sessionLine, model)
    if (usage) yield usage
  }
}

function readMessage(sessionId: string, m: MessageRow, line: number, model: string | null): DatabaseRow {
  const items = arr(tryParseJson(m.content_json))
  if (!items) return { line, text: m.content_json, records: [{ type: 'skip', line, reason: `message ${m.id}: content_json is not a JSON array` }] }
  const ts = toUtcIso(m.created_timestamp)
  const userVisible = obj(tryParseJson(m.metadata_json ?? ''))?.userVisible !== false
  const key = m.message_id ?? String(m.id)
  const records: ParseRecord[] = []
  let seq = 0
  if (m.role === 'assistant' && model) records.push(event(sessionId, ts, line, { kind: 'turn_context', model }, `goose:${sessionId}:${key}#context`))
  for (const raw of items) {
    const item = obj(raw)
    const found = item ? contentEvents(item, m.role, userVisible) : null
    if (found === null) {
      records.push({ type: 'unknown', line, what: `content "${str(item?.type) ?? typeof raw}"` })
      continue
    }
    for (const payload of found) records.push(event(sessionId, ts, line, payload, `goose:${sessionId}:${key}#${seq++}`))
  }
  return { line, text: m.content_json, records }
}

function event(session_id: string, ts: string | null, line: number, payload: EventPayload, dedupe_key: string): ParseRecord {
  return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } }
}

/** The session's token totals as one usage record (Goose keeps no per-message counts, nor cache figures). */
function sessionUsage(sessionId: string, s: SessionRow, line: number, model: string | null): DatabaseRow | null {
  const input = num(s.accumulated_input_tokens)
  const output = num(s.accumulated_output_tokens)
  if (input === undefined && output === undefined) return null
  const delta = zeroTokens()
  delta.input = input ?? 0
  delta.output = output ?? 0
  delta.total = delta.input + delta.output
  const empty = delta.total === 0
  const payload = { kind: 'token_usage' as const, model, delta, cumulative: null, counted: !empty, reason: empty ? 'empty' : null }
  return { line, text: '', records: [event(sessionId, toUtcIso(s.updated_at), line, payload, `goose:${sessionId}:usage`)] }
}

export const gooseDatabase: DatabaseSource = {
  mode: 'database',
  id: 'goose-db',
  agent: AGENT,
  description: 'Goose session store (sessions.db: sessions and messages tables)',
  sniff,
  readDatabase
}
