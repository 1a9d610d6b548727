import { prepared, type Db } from './db.js'

/*
 * Sessions whose records were stored but not yet reconciled (see reconcile.ts). Marked in the
 * transaction that stores their records, cleared once reconciled, so an interrupted ingest leaves
 * the list for the next one.
 */

export function markReconcilePending(db: Db, sessionId: string): void {
  prepared(db, 'INSERT OR IGNORE INTO reconcile_pending (session_id) VALUES (?)').run(sessionId)
}

export function reconcilePendingSessions(db: Db): string[] {
  return prepared(db, 'SELECT session_id FROM reconcile_pending').pluck().all() as string[]
}

export function clearReconcilePending(db: Db, sessionIds: string[]): void {
  const done = prepared(db, 'DELETE FROM reconcile_pending WHERE session_id = ?')
  db.transaction(() => {
    for (const sid of sessionIds) done.run(sid)
  }).immediate()
}
