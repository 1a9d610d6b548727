import type { TokenCounts } from '../model/tokens.js'
import { prepared, type Db } from './db.js'

/** One counted usage row of a session: what it adds, with its model and time. */
export type UsageRow = TokenCounts & { model: string | null; ts: string | null }

/** Rows of a query over a page of sessions, by session, each session's rows in the query's order. */
function grouped<R extends { session_id: string }, T>(rows: R[], value: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.session_id)
    if (list) list.push(value(r))
    else out.set(r.session_id, [value(r)])
  }
  return out
}

/**
 * The counted usage rows of each session of a page, replayed history left out, in one query: each
 * session's rows in the order a query of that session alone reads them (the session index, then
 * row order), which is the order its costs are added in.
 */
export function countedUsageRowsOf(db: Db, ids: readonly string[]): Map<string, UsageRow[]> {
  if (ids.length === 0) return new Map()
  const rows = prepared(
    db,
    `SELECT session_id, model, ts, input, cached_input, cache_write, output, reasoning_output, total FROM token_messages
     WHERE session_id IN (SELECT value FROM json_each(?)) AND counted = 1 AND replayed = 0 ORDER BY session_id, rowid`
  ).all(JSON.stringify(ids)) as (UsageRow & { session_id: string })[]
  return grouped(rows, (r): UsageRow => r)
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
