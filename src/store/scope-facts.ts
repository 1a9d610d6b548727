import type { Db } from './db.js'

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
 * The facts of every session that has records, ordered by start time then id, one session at a
 * time, with only the facts `need` names read (the others empty). The connection is free between
 * two sessions: the list of sessions is read first.
 */
export function* eachSessionFacts(db: Db, need: FactsNeeded): Generator<SessionFacts> {
  const sessions = db
    .prepare(
      `SELECT id, agent, branch, started_at, ended_at FROM sessions WHERE EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id) ORDER BY started_at, id`
    )
    .all() as { id: string; agent: string; branch: string | null; started_at: string | null; ended_at: string | null }[]
  const files = db.prepare(
    `SELECT DISTINCT f.path AS path FROM files f WHERE f.id IN (SELECT DISTINCT file_id FROM events WHERE session_id = ?) ORDER BY f.path`
  )
  const edits = db.prepare(
    `SELECT t.path AS path, e.ts AS ts FROM files_touched t JOIN events e ON e.id = t.event_id WHERE t.session_id = ? ORDER BY e.ts, t.path`
  )
  // A replayed copy is the earlier session's link, not this one's.
  const links = db.prepare(
    `SELECT DISTINCT json_extract(payload, '$.url') AS url FROM events WHERE session_id = ? AND kind = 'link' AND replayed = 0 AND json_extract(payload, '$.rel') = 'pull_request' ORDER BY url`
  )
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i]
    // Let go of each row once its facts are made: they are the caller's to keep or drop.
    sessions[i] = undefined as never
    yield {
      ...s,
      log_files: need.log_files ? (files.all(s.id) as { path: string }[]).map((r) => r.path) : [],
      edits: need.edits ? (edits.all(s.id) as { path: string; ts: string | null }[]) : [],
      pull_requests: need.pull_requests ? (links.all(s.id) as { url: string | null }[]).flatMap((r) => (r.url ? [r.url] : [])) : []
    }
  }
}
