import { prepared, type Db } from './db.js'
import { forgetFileContents } from './files.js'
import { markReconcilePending } from './reconcile-pending.js'

/*
 * A log stored under two paths that are one file (a link to its folder, a hard link) by a version
 * that did not match paths by device and inode: every record it gave is stored twice, once per
 * path. The ingest (src/ingest/spellings.ts) finds such paths and keeps one; this forgets the other.
 */

/**
 * Forgets what the store holds under `dropId`, a second path of the file it holds as `keepId`,
 * and the path itself, as if it had never been read: its records, their turns and redactions, its
 * raw lines, problems, tallies and which sessions it joined. One transaction, which also marks its
 * sessions for the end of the ingest's reconciliation (whose copies and formats it changed; a
 * session only it held is dropped there), so a crash leaves the store either as it was or
 * repaired with the reconciling left to the next ingest.
 *
 * The sessions' own rows are left as they are: they merge what each file's session records said
 * (earliest start, latest end, first value seen), and the kept path is the same file, so it said
 * or, read on, will say the same. Recomputing them from the records left, as a file read again
 * from its start does, would lose a start or end only a session record gave, which the kept path
 * is not read again to give back.
 *
 * Returns the sessions concerned, or null when either row is gone (another ingest repaired it).
 */
export function forgetSecondPath(db: Db, dropId: number, keepId: number): string[] | null {
  return db
    .transaction(() => {
      const rows = prepared(db, 'SELECT id, path FROM files WHERE id IN (?, ?)').all(dropId, keepId) as { id: number; path: string }[]
      const dropped = rows.find((r) => r.id === dropId)
      if (rows.length !== 2 || dropped === undefined) return null
      const sessions = prepared(db, `SELECT session_id FROM session_sources WHERE file_id = ? UNION SELECT DISTINCT session_id FROM events WHERE file_id = ?`)
        .pluck()
        .all(dropId, dropId) as string[]
      // Provenance of records that no longer exist; through the (session_id, event_id, …) key.
      const redactions = prepared(
        db,
        'DELETE FROM redactions WHERE session_id = ? AND event_id IN (SELECT id FROM events WHERE file_id = ? AND session_id = ?)'
      )
      for (const sid of sessions) redactions.run(sid, dropId, sid)
      forgetFileContents(db, dropId)
      // A problem told of the path before it was read (an empty file, say) has no file id.
      prepared(db, 'DELETE FROM ingest_errors WHERE path = ?').run(dropped.path)
      const first = prepared(db, 'UPDATE sessions SET first_file_id = ? WHERE id = ? AND first_file_id = ?')
      for (const sid of sessions) {
        first.run(keepId, sid, dropId)
        markReconcilePending(db, sid)
      }
      prepared(db, 'DELETE FROM files WHERE id = ?').run(dropId)
      return sessions
    })
    .immediate()
}
