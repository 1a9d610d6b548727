import type { Database } from 'better-sqlite3'
import type { SessionPatch } from '../../model/session.js'
import type { DatabaseHead, DatabaseRow, DatabaseSource, ParseRecord, SourceContext } from '../types.js'
import { obj, str, num, tryParseJson, type Json } from '../util/json.js'
import { hasColumns, paged } from '../util/sqlite-pages.js'
import { isoOrNull } from '../util/time.js'
import { assistantEvents, partEvents, type MessageFacts } from './parts.js'

/**
 * OpenCode's SQLite store (`opencode.db`): tables `session`, `message` and `part`, with each
 * message's and part's fields as JSON in `data` (packages/opencode/src/session/session.sql.ts).
 * Sessions carry their folder (`directory`) for repository scoping; sub-agents are child sessions.
 */

const AGENT = 'opencode'
const SESSION_PAGE = 100
const MESSAGE_PAGE = 200
/** Parts hold whole tool outputs, so they are read in smaller pages. */
const PART_PAGE = 50

interface SessionRow {
  id: string
  project_id: string | null
  parent_id: string | null
  directory: string | null
  title: string | null
  version: string | null
  time_created: number | null
  time_updated: number | null
}

interface DataRow {
  id: string
  time_created: number
  data: string
}

function sniff(head: DatabaseHead): boolean {
  return (
    hasColumns(head.tables, 'session', ['id', 'project_id', 'title', 'time_created']) &&
    hasColumns(head.tables, 'message', ['id', 'session_id', 'data']) &&
    hasColumns(head.tables, 'part', ['id', 'message_id', 'session_id', 'data'])
  )
}

/** A column that older or newer schemas may lack is read as NULL instead. */
function column(tables: Record<string, string[]>, table: string, name: string): string {
  return tables[table]?.includes(name) ? `"${name}"` : `NULL AS "${name}"`
}

function* readDatabase(db: Database, _ctx: SourceContext): Iterable<DatabaseRow> {
  const tables: Record<string, string[]> = {}
  for (const t of ['session', 'project']) tables[t] = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name)
  const c = (name: string) => column(tables, 'session', name)
  const sessions = db.prepare(
    `SELECT id, ${c('project_id')}, ${c('parent_id')}, ${c('directory')}, ${c('title')}, ${c('version')}, ${c('time_created')}, ${c('time_updated')}
     FROM session WHERE id > ? ORDER BY id LIMIT ?`
  )
  // The project's worktree stands in for a session folder the schema no longer has.
  const worktree = hasColumns(tables, 'project', ['id', 'worktree']) ? db.prepare(`SELECT worktree FROM project WHERE id = ?`).pluck() : null
  const messages = db.prepare(
    `SELECT id, time_created, data FROM message WHERE session_id = ? AND (time_created > ? OR (time_created = ? AND id > ?)) ORDER BY time_created, id LIMIT ?`
  )
  const parts = db.prepare(`SELECT id, time_created, data FROM part WHERE message_id = ? AND id > ? ORDER BY id LIMIT ?`)
  let line = 0
  for (const s of paged<SessionRow>(SESSION_PAGE, (after, n) => sessions.all(after?.id ?? '', n) as SessionRow[])) {
    const cwd = s.directory ?? (worktree && s.project_id ? ((worktree.get(s.project_id) as string | undefined) ?? null) : null)
    const patch: SessionPatch = {
      id: s.id,
      agent: AGENT,
      agent_version: s.version,
      started_at: typeof s.time_created === 'number' ? isoOrNull(s.time_created) : null,
      cwd,
      title: s.title,
      parent_id: s.parent_id,
      parent_relation: s.parent_id ? 'subagent' : null
    }
    yield { line: ++line, text: JSON.stringify(s), records: [{ type: 'session', patch }] }
    let cost = 0
    const byAgent = s.parent_id !== null
    const pageOfMessages = (after: DataRow | null, n: number) =>
      messages.all(s.id, after?.time_created ?? Number.MIN_SAFE_INTEGER, after?.time_created ?? Number.MIN_SAFE_INTEGER, after?.id ?? '', n) as DataRow[]
    for (const m of paged<DataRow>(MESSAGE_PAGE, pageOfMessages)) {
      const row = readMessage(s.id, m, ++line, byAgent)
      cost += row.cost
      yield row.row
      for (const p of paged<DataRow>(PART_PAGE, (after, n) => parts.all(m.id, after?.id ?? '', n) as DataRow[]))
        yield readPart(s.id, p, ++line, row.facts, row.ts)
    }
    // The agent's own cost figure, once every message has been read (messages record 0 where it was not priced).
    // Summing floating-point dollars leaves noise in the last digits (0.0123 + 0.004 = 0.016300000000000002).
    cost = Math.round(cost * 1e9) / 1e9
    if (cost > 0) yield { line, text: '', records: [{ type: 'session', patch: { id: s.id, agent: AGENT, reported_cost_usd: cost } }] }
  }
}

function parsedData(text: string): Json | null {
  return obj(tryParseJson(text)) ?? null
}

function readMessage(
  sessionId: string,
  m: DataRow,
  line: number,
  byAgent: boolean
): { row: DatabaseRow; facts: MessageFacts; ts: string | null; cost: number } {
  const data = parsedData(m.data)
  const ts = isoOrNull(num(obj(data?.time)?.created) ?? m.time_created)
  if (!data)
    return {
      row: { line, text: m.data, records: [{ type: 'skip', line, reason: `message ${m.id}: data is not a JSON object` }] },
      facts: { role: '', byAgent },
      ts,
      cost: 0
    }
  const role = str(data.role) ?? ''
  const records: ParseRecord[] = []
  if (role === 'assistant') {
    for (const it of assistantEvents(m.id, data))
      records.push({ type: 'event', event: { session_id: sessionId, ts, line, payload: it.payload, dedupe_key: it.dedupe_key ?? null } })
  } else if (role !== 'user') records.push({ type: 'unknown', line, what: `message role "${role}"` })
  const cost = role === 'assistant' ? (num(data.cost) ?? 0) : 0
  return { row: { line, text: m.data, records }, facts: { role, byAgent }, ts, cost: cost > 0 ? cost : 0 }
}

function readPart(sessionId: string, p: DataRow, line: number, message: MessageFacts, messageTs: string | null): DatabaseRow {
  const data = parsedData(p.data)
  if (!data) return { line, text: p.data, records: [{ type: 'skip', line, reason: `part ${p.id}: data is not a JSON object` }] }
  const found = partEvents(data, message)
  if (found === null) return { line, text: p.data, records: [{ type: 'unknown', line, what: `part "${str(data.type) ?? ''}"` }] }
  const start = num(obj(data.time)?.start) ?? num(obj(obj(data.state)?.time)?.start)
  const ts = start !== undefined ? isoOrNull(start) : messageTs
  const records: ParseRecord[] = found.map((it, i) => ({
    type: 'event',
    event: { session_id: sessionId, ts, line, payload: it.payload, dedupe_key: it.dedupe_key ?? `opencode:${p.id}#${i}` }
  }))
  return { line, text: p.data, records }
}

export const opencodeDatabase: DatabaseSource = {
  mode: 'database',
  id: 'opencode-db',
  agent: AGENT,
  description: 'OpenCode SQLite store (opencode.db: session, message and part tables)',
  sniff,
  readDatabase
}
