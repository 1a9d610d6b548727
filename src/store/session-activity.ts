import type { TokenCounts } from '../model/tokens.js'
import { prepared, type Db } from './db.js'

/** One counted usage row of a session: what it adds, with its model and time. */
export type UsageRow = TokenCounts & { model: string | null; ts: string | null }

/** A session's counted usage rows, replayed history left out. */
export function countedUsageRows(db: Db, sessionId: string): Iterable<UsageRow> {
  return prepared(
    db,
    `SELECT model, ts, input, cached_input, cache_write, output, reasoning_output, total FROM token_messages WHERE session_id = ? AND counted = 1 AND replayed = 0`
  ).iterate(sessionId) as Iterable<UsageRow>
}

/** How many times a session called each tool, most called first. */
export function toolCallCounts(db: Db, sessionId: string): { name: string; n: number }[] {
  return prepared(db, `SELECT name, COUNT(*) AS n FROM function_calls WHERE session_id = ? AND replayed = 0 GROUP BY name ORDER BY n DESC, name`).all(
    sessionId
  ) as { name: string; n: number }[]
}

/** The files a session created or changed, in path order. */
export function filesTouchedBy(db: Db, sessionId: string): string[] {
  return (prepared(db, `SELECT DISTINCT path FROM files_touched WHERE session_id = ? ORDER BY path`).all(sessionId) as { path: string }[]).map((r) => r.path)
}
