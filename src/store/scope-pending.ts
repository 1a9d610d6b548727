import { prepared, type Db } from './db.js'

/*
 * A repository-scoped ingest drops another project's sessions after its records are committed
 * (src/discover/scope.ts). A run killed between the two leaves those sessions stored and their
 * files recorded as read, so no later run would read them again, and so none would drop them. The
 * run marks itself here before it reads, with the last file id the store held, and clears the mark
 * once it has scoped; a mark found at the start of a run is one a killed run left, and the sessions
 * first seen in files after it are scoped with this run's.
 */

/** The mark a killed run left for `repo`, or null; either way, this run's mark is in place after. */
export function markScopePending(db: Db, repo: string): number | null {
  const left = prepared(db, 'SELECT after_file_id FROM scope_pending WHERE repo = ?').pluck().get(repo) as number | undefined
  if (left !== undefined) return left
  prepared(db, 'INSERT INTO scope_pending (repo, after_file_id) VALUES (?, (SELECT COALESCE(MAX(id), 0) FROM files))').run(repo)
  return null
}

/** Sessions first seen in a file recorded after `fileId`. */
export function sessionsFirstSeenAfter(db: Db, fileId: number): string[] {
  return prepared(db, 'SELECT id FROM sessions WHERE first_file_id > ? ORDER BY id').pluck().all(fileId) as string[]
}

export function clearScopePending(db: Db, repo: string): void {
  prepared(db, 'DELETE FROM scope_pending WHERE repo = ?').run(repo)
}

/** For the sanitized export: the mark names a folder of the machine that ran, and says nothing of the logs. */
export function dropScopePending(db: Db): void {
  db.exec('DELETE FROM scope_pending')
}
