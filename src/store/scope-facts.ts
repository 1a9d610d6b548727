import type { Db } from './db.js'
import { grouped } from './session-activity.js'

/** What decides whether a session is about a change: where its log lies, its branch, what it edited and when. */
export interface SessionFacts {
  id: string
  agent: string
  branch: string | null
  started_at: string | null
  ended_at: string | null
  /** The log files its records were read from (absolute paths as ingested). */
  log_files: string[]
  /** Files it created or changed, with the time of the record that says so. */
  edits: { path: string; ts: string | null }[]
  /** Pull requests the agent itself linked the session to (Claude Code's `pr-link`), as URLs. */
  pull_requests: string[]
}

/**
 * Which of a session's facts a scope reads (`factsNeeded` in src/scope/request.ts). Each costs a
 * query per session, and every session's facts held at once are most of what a large store's
 * report holds before it starts: what is not needed is never read, and left empty.
 */
export interface FactsNeeded {
  log_files: boolean
  edits: boolean
  pull_requests: boolean
}

export const EVERY_FACT: FactsNeeded = { log_files: true, edits: true, pull_requests: true }

/** The facts of every session that has records, ordered by start time then id. */
export function readSessionFacts(db: Db): SessionFacts[] {
  return [...eachSessionFacts(db, EVERY_FACT)]
}

/**
 * How many sessions' facts one query reads. One query per session cost more in statement overhead
 * than the rows it read (docs/performance.md, the warm dry-run's eighth round); a page keeps what is
 * held at once bounded however many sessions the store has.
 */
export const FACTS_PAGE = 64

/**
 * The facts of every session that has records, ordered by start time then id, one session at a
 * time, with only the facts `need` names read (the others empty). The connection is free between
 * two pages: the list of sessions is read first, then each page's facts in one query per fact.
 */
export function* eachSessionFacts(db: Db, need: FactsNeeded, pageSize = FACTS_PAGE): Generator<SessionFacts> {
  const sessions = db
    .prepare(
      `SELECT id, agent, branch, started_at, ended_at FROM sessions WHERE EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id) ORDER BY started_at, id`
    )
    .all() as { id: string; agent: string; branch: string | null; started_at: string | null; ended_at: string | null }[]
  // Each query orders a page's rows as the one-session query did, so a session's rows, taken in
  // the page's order, keep that order.
  const files = db.prepare(
    `SELECT e.session_id AS session_id, f.path AS path FROM (SELECT DISTINCT session_id, file_id FROM events WHERE session_id IN (SELECT value FROM json_each(?))) e
      JOIN files f ON f.id = e.file_id ORDER BY f.path`
  )
  const edits = db.prepare(
    `SELECT t.session_id AS session_id, t.path AS path, e.ts AS ts FROM files_touched t JOIN events e ON e.id = t.event_id
      WHERE t.session_id IN (SELECT value FROM json_each(?)) ORDER BY e.ts, t.path`
  )
  // A replayed copy is the earlier session's link, not this one's.
  const links = db.prepare(
    `SELECT DISTINCT session_id, json_extract(payload, '$.url') AS url FROM events
      WHERE session_id IN (SELECT value FROM json_each(?)) AND kind = 'link' AND replayed = 0 AND json_extract(payload, '$.rel') = 'pull_request' ORDER BY url`
  )
  for (let first = 0; first < sessions.length; first += pageSize) {
    const page = sessions.slice(first, first + pageSize)
    const ids = JSON.stringify(page.map((s) => s.id))
    const logFiles = need.log_files ? grouped(files.all(ids) as { session_id: string; path: string }[], (r) => r.path) : EMPTY
    const edited = need.edits
      ? grouped(edits.all(ids) as { session_id: string; path: string; ts: string | null }[], (r) => ({ path: r.path, ts: r.ts }))
      : EMPTY
    const linked = need.pull_requests
      ? grouped(
          (links.all(ids) as { session_id: string; url: string | null }[]).filter((r) => r.url),
          (r) => r.url as string
        )
      : EMPTY
    for (let i = 0; i < page.length; i++) {
      const s = page[i]
      // Let go of each row once its facts are made: they are the caller's to keep or drop.
      sessions[first + i] = undefined as never
      yield { ...s, log_files: logFiles.get(s.id) ?? [], edits: edited.get(s.id) ?? [], pull_requests: linked.get(s.id) ?? [] }
    }
  }
}

const EMPTY: ReadonlyMap<string, never[]> = new Map()
