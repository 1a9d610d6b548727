import { prepared, type Db } from './db.js'
import { forgetFileContents } from './files.js'
import { markReconcilePending } from './reconcile-pending.js'

/*
 * A file read again from its start (rewritten in place) takes back what it said before, and the
 * sessions it held must then say what their files say now, as a fresh read would: the session row
 * merges each file's facts by keeping the earliest start, the latest end and the first value seen,
 * so without this a log rewritten shorter would leave its old, later end behind.
 */

/** The facts a session's row takes from its files' session records (its id and agent stay). */
const PATCH_FIELDS = [
  'agent_version',
  'originator',
  'source',
  'cwd',
  'repository_url',
  'branch',
  'commit_sha',
  'parent_id',
  'parent_relation',
  'title',
  'reported_cost_usd'
] as const

/**
 * Forgets what `fileId` said, then sets each session it held back to what its other files hold:
 * its start and end from their records' times, and, when no other file holds it, its other facts
 * emptied, for the read that follows to give them again. One transaction, which also marks the
 * sessions for the end of the ingest (`dropSessionsNoFileHolds`), so a crash at any point leaves
 * either the old state or one the next ingest completes.
 *
 * A fact another file gave only in its session record (an end time later than its records', say)
 * is not kept: the session rows store the merge, not each file's part.
 */
export function forgetFileAndItsSessionFacts(db: Db, fileId: number): void {
  db.transaction(() => {
    const sessions = prepared(db, `SELECT session_id FROM session_sources WHERE file_id = ? UNION SELECT DISTINCT session_id FROM events WHERE file_id = ?`)
      .pluck()
      .all(fileId, fileId) as string[]
    forgetFileContents(db, fileId)
    const times = prepared(
      db,
      `UPDATE sessions SET started_at = (SELECT MIN(ts) FROM events WHERE session_id = @id AND ts IS NOT NULL),
        ended_at = (SELECT MAX(ts) FROM events WHERE session_id = @id AND ts IS NOT NULL) WHERE id = @id`
    )
    // Records first, through their session index; a file giving the session no record is rare.
    const heldElsewhere = prepared(
      db,
      `SELECT EXISTS (SELECT 1 FROM events WHERE session_id = @id) OR EXISTS (SELECT 1 FROM session_sources WHERE session_id = @id)`
    ).pluck()
    const empty = prepared(db, `UPDATE sessions SET ${PATCH_FIELDS.map((f) => `${f} = NULL`).join(', ')} WHERE id = ?`)
    for (const id of sessions) {
      times.run({ id })
      if (heldElsewhere.get({ id }) === 0) empty.run(id)
      markReconcilePending(db, id)
    }
  }).immediate()
}

/**
 * Of `sessionIds`, deletes each that no file holds any more (no record, no file mapping a log's
 * session id to it: its only log was rewritten under another id), with its turns and redactions.
 * Review tags, notes and dispositions stay: they key on the session id, and a later ingest may
 * bring the session back. Returns the sessions deleted.
 */
export function dropSessionsNoFileHolds(db: Db, sessionIds: readonly string[]): string[] {
  const unheld = prepared(
    db,
    `SELECT 1 FROM sessions s WHERE s.id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE session_id = s.id) AND NOT EXISTS (SELECT 1 FROM session_sources WHERE session_id = s.id)`
  ).pluck()
  const dropped: string[] = []
  db.transaction(() => {
    for (const id of new Set(sessionIds)) {
      if (unheld.get(id) === undefined) continue
      prepared(db, `DELETE FROM turns WHERE session_id = ?`).run(id)
      prepared(db, `DELETE FROM redactions WHERE session_id = ?`).run(id)
      prepared(db, `DELETE FROM sessions WHERE id = ?`).run(id)
      dropped.push(id)
    }
  }).immediate()
  return dropped
}
