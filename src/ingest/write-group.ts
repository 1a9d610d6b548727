import type { Db } from '../store/db.js'

/**
 * Commits several batches' writes as one transaction. Each commit copies every page the
 * transaction changed into the WAL, and a batch's events land all over the dedupe index (its keys
 * are hashes), so one commit per batch wrote most of that index again each time: fewer, larger
 * commits write each page once per group instead (docs/performance.md, "What would make it
 * faster"). A batch's progress is still saved with its rows, and a crash or a failure loses at most
 * the uncommitted group, which the next ingest reads again from the progress last committed.
 *
 * When the caller already has a transaction open on the connection, nothing is grouped: each batch
 * is a savepoint of the caller's transaction, as before.
 */
export class WriteGroup {
  private open = false
  private lines = 0
  private chars = 0

  constructor(
    private db: Db,
    private limits: { lines: number; chars: number }
  ) {}

  /** Whether the group's own transaction is open (not one the caller opened). */
  get holdsTransaction(): boolean {
    return this.open
  }

  /** Before a batch is written: opens the group's transaction unless one is open. */
  begin(): void {
    if (this.db.inTransaction) return
    this.db.exec('BEGIN IMMEDIATE')
    this.open = true
    this.lines = 0
    this.chars = 0
  }

  /** After a batch was written: commits once the group holds enough. True when it committed. */
  wrote(lines: number, chars: number): boolean {
    this.lines += lines
    this.chars += chars
    return this.lines >= this.limits.lines || this.chars >= this.limits.chars ? this.commit() : false
  }

  /** True when it committed the group's own transaction. */
  commit(): boolean {
    if (!this.open) return false
    this.open = false
    this.db.exec('COMMIT')
    return true
  }

  /** After a failure: what the group wrote is undone, as a failed batch's transaction was. */
  rollback(): void {
    if (!this.open) return
    this.open = false
    if (this.db.inTransaction) this.db.exec('ROLLBACK')
  }
}
