import type { TokenCounts } from '../model/tokens.js'
import { prepared, type Db } from './db.js'

/** One counted usage row of a session: what it adds, with its model and time. */
export type UsageRow = TokenCounts & { model: string | null; ts: string | null }

/** Rows of a query over a page of sessions, by session, each session's rows in the query's order. */
export function grouped<R extends { session_id: string }, T>(rows: R[], value: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.session_id)
    if (list) list.push(value(r))
    else out.set(r.session_id, [value(r)])
  }
  return out
}

/** The usage rows of a page: each session's rows held, or its id among those too large to hold, read again a row at a time. */
export interface PageUsage {
  held: Map<string, UsageRow[]>
  streamed: Set<string>
}

/**
 * At most this many usage rows of a page are held, and at most `MAX_HELD_ROWS_PER_SESSION` of
 * one session: one session of a long log (a 2 GB rollout holds hundreds of thousands) is read a
 * row at a time instead (`countedUsageRowsOfSession`), so the frame's memory does not grow with a
 * log (issue #13).
 */
export const MAX_HELD_ROWS = 50_000
export const MAX_HELD_ROWS_PER_SESSION = 5_000

/**
 * The counted usage rows of each session of a page, replayed history left out, in one query: each
 * session's rows in the order a query of that session alone reads them (the session index, then
 * row order), which is the order its costs are added in. A session with more rows than a page
 * holds is left in `streamed`, its rows not kept.
 */
export function countedUsageRowsOf(
  db: Db,
  ids: readonly string[],
  limits: { rows: number; perSession: number } = { rows: MAX_HELD_ROWS, perSession: MAX_HELD_ROWS_PER_SESSION }
): PageUsage {
  const held = new Map<string, UsageRow[]>()
  const streamed = new Set<string>()
  if (ids.length === 0) return { held, streamed }
  const rows = prepared(
    db,
    `SELECT session_id, model, ts, input, cached_input, cache_write, output, reasoning_output, total FROM token_messages
     WHERE session_id IN (SELECT value FROM json_each(?)) AND counted = 1 AND replayed = 0 ORDER BY session_id, rowid`
  ).iterate(JSON.stringify(ids)) as IterableIterator<UsageRow & { session_id: string }>
  let total = 0
  let current: string | null = null
  let list: UsageRow[] | null = null
  for (const r of rows) {
    if (r.session_id !== current) {
      current = r.session_id
      list = streamed.has(current) ? null : []
      if (list) held.set(current, list)
    }
    if (list === null) continue
    if (list.length >= limits.perSession || total >= limits.rows) {
      // Given up whole, so no session is part held: its rows are all read again in order.
      total -= list.length
      held.delete(current)
      streamed.add(current)
      list = null
      continue
    }
    list.push(r)
    total++
  }
  return { held, streamed }
}

/** One session's counted usage rows, a row at a time, in `countedUsageRowsOf`'s order. */
export function countedUsageRowsOfSession(db: Db, id: string): IterableIterator<UsageRow> {
  return prepared(
    db,
    `SELECT model, ts, input, cached_input, cache_write, output, reasoning_output, total FROM token_messages
     WHERE session_id = ? AND counted = 1 AND replayed = 0 ORDER BY rowid`
  ).iterate(id) as IterableIterator<UsageRow>
}

/** How many times each session of a page called each tool, most called first, in one query. */
export function toolCallCountsOf(db: Db, ids: readonly string[]): Map<string, { name: string; n: number }[]> {
  if (ids.length === 0) return new Map()
  const rows = prepared(
    db,
    `SELECT session_id, name, COUNT(*) AS n FROM function_calls WHERE session_id IN (SELECT value FROM json_each(?)) AND replayed = 0
     GROUP BY session_id, name ORDER BY session_id, n DESC, name`
  ).all(JSON.stringify(ids)) as { session_id: string; name: string; n: number }[]
  return grouped(rows, (r) => ({ name: r.name, n: r.n }))
}

/** The files each session of a page created or changed, in path order, in one query. */
export function filesTouchedByEach(db: Db, ids: readonly string[]): Map<string, string[]> {
  if (ids.length === 0) return new Map()
  const rows = prepared(
    db,
    `SELECT DISTINCT session_id, path FROM files_touched WHERE session_id IN (SELECT value FROM json_each(?)) ORDER BY session_id, path`
  ).all(JSON.stringify(ids)) as { session_id: string; path: string }[]
  return grouped(rows, (r) => r.path)
}
