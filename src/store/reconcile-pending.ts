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

/**
 * The sessions an ingest wrote to, in the order it first did, kept in a temporary table of its
 * connection rather than in its heap: a first ingest of many small files touches a session a file,
 * and the ingest worker's first attempt has a capped heap (docs/performance.md, "a first ingest of
 * many small files"). The table is the connection's own (temp_store is a file), emptied when an
 * ingest starts; its rows follow the write transactions they were added in.
 */
export class TouchedSessions {
  constructor(private readonly db: Db) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS ingest_touched (n INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE)')
    prepared(db, 'DELETE FROM temp.ingest_touched').run()
  }

  add(sessionId: string): void {
    prepared(this.db, 'INSERT OR IGNORE INTO temp.ingest_touched (session_id) VALUES (?)').run(sessionId)
  }

  has(sessionId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM temp.ingest_touched WHERE session_id = ?').get(sessionId) !== undefined
  }

  get size(): number {
    return prepared(this.db, 'SELECT COUNT(*) FROM temp.ingest_touched').pluck().get() as number
  }

  /** The sessions first written to after the `after`-th, in that order, and how many there are in all. */
  since(after: number): { ids: string[]; count: number } {
    const ids = prepared(this.db, 'SELECT session_id FROM temp.ingest_touched WHERE n > ? ORDER BY n').pluck().all(after) as string[]
    return { ids, count: after + ids.length }
  }

  /** Up to `limit` sessions first written to after the `after`-th, in that order, with the position of the last. */
  page(after: number, limit: number): { ids: string[]; last: number } {
    const rows = prepared(this.db, 'SELECT n, session_id FROM temp.ingest_touched WHERE n > ? ORDER BY n LIMIT ?').raw().all(after, limit) as [number, string][]
    return { ids: rows.map((r) => r[1]), last: rows.length > 0 ? rows[rows.length - 1][0] : after }
  }

  /**
   * Up to `limit` sessions awaiting reconciliation that this ingest did not write to (an
   * interrupted ingest's, or those of a file read again), after `after` in id order.
   */
  pendingElsewhere(after: string, limit: number): string[] {
    return prepared(
      this.db,
      'SELECT session_id FROM reconcile_pending WHERE session_id > ? AND session_id NOT IN (SELECT session_id FROM temp.ingest_touched) ORDER BY session_id LIMIT ?'
    )
      .pluck()
      .all(after, limit) as string[]
  }

  /** Every session written to, in the order first written to. */
  all(): string[] {
    return prepared(this.db, 'SELECT session_id FROM temp.ingest_touched ORDER BY n').pluck().all() as string[]
  }
}
