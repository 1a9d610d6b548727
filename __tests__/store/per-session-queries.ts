/*
 * The per-session queries a report's frame made before it read its sessions a page at a time
 * (src/store/session-activity.ts and session-files.ts hold the page queries that replaced them).
 * Kept here, verbatim, as the oracle the page queries are checked against
 * (`session-pages.test.ts`) and for the frame's code before (`__tests__/select/frame-before.ts`).
 */
import { prepared, type Db } from '../../src/store/db.js'
import type { UsageRow } from '../../src/store/session-activity.js'

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

/** The paths of the files that hold records of the given sessions, each once, in path order. */
export function filesOfSessions(db: Db, sessionIds: readonly string[]): string[] {
  const q = prepared(db, `SELECT DISTINCT f.path FROM events e JOIN files f ON f.id = e.file_id WHERE e.session_id = ?`).pluck()
  const paths = new Set<string>()
  for (const id of sessionIds) for (const p of q.all(id) as string[]) paths.add(p)
  return [...paths].sort()
}
