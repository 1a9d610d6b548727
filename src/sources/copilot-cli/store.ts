import type { Database } from 'better-sqlite3'
import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import { zeroTokens, type TokenCounts } from '../../model/tokens.js'
import type { DatabaseHead, DatabaseRow, DatabaseSource, ParseRecord, SourceContext } from '../types.js'
import { str } from '../util/json.js'
import { hasColumns, paged } from '../util/sqlite-pages.js'
import { toUtcIso } from '../util/time.js'
import { promptKey } from './events.js'
import { copilotCliTokens } from './usage.js'

/**
 * Copilot CLI's index of every session of its home (`~/.copilot/session-store.db`), after the
 * readers cited in fixtures/copilot-cli/SOURCES.md (GitHub documents the file, not its schema):
 * `sessions` (folder, repository, branch, summary, times), `turns` (each finished turn's prompt and
 * final reply, `turn_index` counting the person's prompts from 0) and `assistant_usage_events`
 * (one row per model call, `input_tokens` including the cache reads and writes).
 *
 * The session's `events.jsonl` holds all of that and more, so this file only adds what the log
 * may lack, without counting anything twice:
 * - the session's place and title, which fill fields the log left empty;
 * - its prompts, keyed as `events.jsonl` keys them (`promptKey`), so a prompt both hold counts once;
 * - its usage as one status snapshot, the sum of its calls: a session's totals use a snapshot only
 *   when no usage row is counted, i.e. when its log has no `session.shutdown` with usage (an unclean
 *   exit) or is not read. Per-call rows would be counted beside the shutdown's, twice.
 * Replies, `session_files` and checkpoints repeat the log and are not read.
 */

const AGENT = 'copilot-cli'
const SESSION_PAGE = 100
const ROW_PAGE = 500
/** How a snapshot made from this file is named among the printouts a snapshot can come from. */
export const STORE_FORM = 'session-store.db'

const SESSION_COLUMNS = ['id', 'cwd', 'repository', 'host_type', 'branch', 'summary', 'created_at', 'updated_at'] as const
type SessionRow = Record<(typeof SESSION_COLUMNS)[number], unknown>
const USAGE_COLUMNS = ['model', 'input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'reasoning_tokens', 'created_at'] as const
type UsageRow = Record<(typeof USAGE_COLUMNS)[number], unknown>

interface TurnRow {
  turn_index: unknown
  user_message: unknown
  timestamp: unknown
}

function sniff(head: DatabaseHead): boolean {
  return (
    hasColumns(head.tables, 'sessions', ['id', 'cwd', 'repository', 'branch', 'summary']) &&
    (hasColumns(head.tables, 'assistant_usage_events', ['session_id', 'model', 'input_tokens', 'output_tokens']) ||
      hasColumns(head.tables, 'turns', ['session_id', 'turn_index', 'user_message']))
  )
}

function columns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)
}

const select = (have: string[], names: readonly string[]) => names.map((n) => (have.includes(n) ? `"${n}"` : `NULL AS "${n}"`)).join(', ')

/** `owner/name` on a known host becomes a remote the scope can match, as `events.jsonl`'s `context.repository` does. */
function repositoryUrl(s: SessionRow): string | null {
  const repo = str(s.repository)
  if (!repo) return null
  if (/^[a-z]+:\/\//i.test(repo) || repo.includes('@')) return repo
  return s.host_type === 'github' ? `github.com/${repo}` : null
}

function sessionPatch(s: SessionRow, id: string): SessionPatch {
  return {
    id,
    agent: AGENT,
    originator: 'copilot-cli',
    source: 'session-store',
    started_at: toUtcIso(s.created_at),
    ended_at: toUtcIso(s.updated_at),
    cwd: str(s.cwd) || null,
    branch: str(s.branch) || null,
    repository_url: repositoryUrl(s),
    title: str(s.summary) || null
  }
}

function add(sum: TokenCounts, t: TokenCounts): void {
  for (const k of Object.keys(sum) as (keyof TokenCounts)[]) sum[k] += t[k]
}

/** The session's calls summed (each call's counts as `session.shutdown` counts them), its busiest model, and its last call's time. */
function sessionUsage(rows: Iterable<UsageRow>): { tokens: TokenCounts; model: string | null; last: string | null; calls: number } {
  const tokens = zeroTokens()
  const byModel = new Map<string, number>()
  let last: string | null = null
  let calls = 0
  for (const r of rows) {
    const t = copilotCliTokens({
      inputTokens: r.input_tokens ?? 0,
      outputTokens: r.output_tokens ?? 0,
      cacheReadTokens: r.cache_read_tokens ?? 0,
      cacheWriteTokens: r.cache_write_tokens ?? 0,
      reasoningTokens: r.reasoning_tokens ?? 0
    })
    if (!t) continue
    calls++
    add(tokens, t)
    const model = str(r.model)
    if (model) byModel.set(model, (byModel.get(model) ?? 0) + t.total)
    const ts = toUtcIso(r.created_at)
    if (ts && (!last || ts > last)) last = ts
  }
  const model = [...byModel.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null
  return { tokens, model, last, calls }
}

function event(session_id: string, ts: string | null, line: number, payload: EventPayload, dedupe_key: string): ParseRecord {
  return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } }
}

function* readDatabase(db: Database, _ctx: SourceContext): Iterable<DatabaseRow> {
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name))
  const sessions = db.prepare(`SELECT ${select(columns(db, 'sessions'), SESSION_COLUMNS)} FROM sessions WHERE id > ? ORDER BY id LIMIT ?`)
  const usage = tables.has('assistant_usage_events')
    ? db.prepare(
        `SELECT rowid AS rowid_, ${select(columns(db, 'assistant_usage_events'), USAGE_COLUMNS)} FROM assistant_usage_events
         WHERE session_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`
      )
    : null
  const turns = tables.has('turns')
    ? db.prepare(`SELECT turn_index, user_message, ${columns(db, 'turns').includes('timestamp') ? 'timestamp' : 'NULL AS timestamp'} FROM turns
        WHERE session_id = ? AND turn_index > ? ORDER BY turn_index LIMIT ?`)
    : null
  let line = 0
  for (const s of paged<SessionRow>(SESSION_PAGE, (after, n) => sessions.all(str(after?.id) ?? '', n) as SessionRow[])) {
    const id = str(s.id)
    if (!id) continue
    const sessionLine = ++line
    yield { line: sessionLine, text: JSON.stringify(s), records: [{ type: 'session', patch: sessionPatch(s, id) }] }
    if (turns)
      for (const t of paged<TurnRow>(ROW_PAGE, (after, n) => turns.all(id, after ? Number(after.turn_index) : -1, n) as TurnRow[])) {
        const text = str(t.user_message)
        const index = typeof t.turn_index === 'number' && Number.isInteger(t.turn_index) ? t.turn_index : null
        if (!text || index === null) continue
        const turnLine = ++line
        const payload: EventPayload = { kind: 'user_prompt', text, by_agent: false, images: 0 }
        yield { line: turnLine, text: JSON.stringify(t), records: [event(id, toUtcIso(t.timestamp), turnLine, payload, promptKey(id, index))] }
      }
    if (usage) {
      const used = sessionUsage(
        paged<UsageRow & { rowid_: number }>(ROW_PAGE, (prev, n) => usage.all(id, prev?.rowid_ ?? 0, n) as (UsageRow & { rowid_: number })[])
      )
      if (used.calls === 0) continue
      const usageLine = ++line
      const t = used.tokens
      const payload: EventPayload = {
        kind: 'status_snapshot',
        form: STORE_FORM,
        input: t.input,
        cached_input: t.cached_input,
        output: t.output,
        reasoning_output: t.reasoning_output,
        total: t.total,
        blended_total: null,
        model: used.model
      }
      const text = JSON.stringify({ session_id: id, calls: used.calls, ...t })
      yield { line: usageLine, text, records: [event(id, used.last ?? toUtcIso(s.updated_at), usageLine, payload, `copilot-cli-store:${id}:usage`)] }
    }
  }
}

export const copilotCliSessionStore: DatabaseSource = {
  mode: 'database',
  id: 'copilot-cli-session-store',
  agent: AGENT,
  description: 'GitHub Copilot CLI session index (~/.copilot/session-store.db: sessions, turns, assistant_usage_events)',
  sniff,
  readDatabase
}
