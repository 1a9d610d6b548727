import type { Db } from './db.js'

/**
 * The store's generation (migration 19): a number that every change to a table a report reads
 * moves on, so a job can tell that the store holds what it held when a report was last made
 * (src/pipeline/job-memo.ts). It is moved by triggers, not by the code that writes: every write
 * path (the ingest's batches, reconciliation, scoping, pruning, a session read again, review
 * commands, migrations that rewrite rows, and any path added later) changes it without knowing.
 */

/** What a table is to a report (see TABLE_ROLES). */
export type TableRole = 'input' | 'ingested' | 'provenance' | 'local'

/**
 * What each table of the store is to a report. `input`: a report reads it, or reads what is
 * derived from it; any insert, update or delete moves the generation. `ingested`: the same, but
 * the rows are inserted only by the ingest's writer (src/store/writer.ts and the raw blocks it
 * writes), a hundred thousand per 50 MB of logs, which moves the generation once per batch, in the
 * batch's transaction, instead of a trigger per row (a test holds every insert into these tables
 * to those modules); updates and deletes, from anywhere, move it by trigger. `provenance`: written by the
 * report itself (the redaction provenance rows, written only when they differ from what is
 * stored) and read by none, so only a delete moves the generation: a full run would write the
 * deleted rows back, a replay would not. `local`: a store's own bookkeeping or a cache derived
 * from the inputs (its entries are keyed by what they were made from), which no report reads as
 * a fact. A table not listed here fails the schema's test (__tests__/store/generation.test.ts).
 */
export const TABLE_ROLES: Readonly<Record<string, TableRole>> = {
  agent_reasoning_messages: 'ingested',
  events: 'ingested',
  files: 'input',
  files_touched: 'ingested',
  format_tallies: 'input',
  function_calls: 'ingested',
  function_plan_messages: 'ingested',
  function_results: 'ingested',
  ingest_errors: 'input',
  prompts: 'ingested',
  rate_limit_messages: 'ingested',
  raw_blocks: 'ingested',
  review_dispositions: 'input',
  review_history: 'input',
  review_notes: 'input',
  review_tags: 'input',
  session_pushes: 'input',
  session_sources: 'input',
  sessions: 'input',
  status_snapshots: 'ingested',
  token_messages: 'ingested',
  turn_context_messages: 'ingested',
  turns: 'ingested',
  redactions: 'provenance',
  // Emptied at the end of each ingest; what reconciliation changes is in `events`.
  reconcile_pending: 'local',
  // Marked and cleared by every repository-scoped ingest; the sessions scoping drops are in `sessions`.
  scope_pending: 'local',
  redaction_cache: 'local',
  redaction_cache_state: 'local',
  session_cache: 'local',
  late_check_memo: 'local',
  job_memo: 'local',
  job_memo_chunks: 'local',
  render_parts: 'local',
  render_part_runs: 'local',
  full_sessions: 'local',
  store_generation: 'local'
}

/** The statements a table's role gives it: the triggers that move the generation on its writes. */
export function generationTriggers(table: string, role: TableRole): string {
  return triggeredOn(role)
    .map((op) => `CREATE TRIGGER ${generationTriggerName(table, op)} AFTER ${op} ON ${table} BEGIN UPDATE store_generation SET n = n + 1; END;`)
    .join('\n')
}

/** The writes to a table of `role` that its triggers count. */
export function triggeredOn(role: TableRole): string[] {
  return role === 'input' ? ['INSERT', 'UPDATE', 'DELETE'] : role === 'ingested' ? ['UPDATE', 'DELETE'] : role === 'provenance' ? ['DELETE'] : []
}

export function generationTriggerName(table: string, op: string): string {
  return `${table}_generation_${op.toLowerCase()}`
}

/** The store's generation now; 0 in a store older than migration 19 (which has no memo either). */
export function storeGeneration(db: Db): number {
  // Read once or twice a run: prepared here, so that migrations.ts (which db.ts loads) can take
  // the triggers from this module without a cycle back to db.ts.
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_generation'`).get()
  if (!table) return 0
  return (db.prepare('SELECT n FROM store_generation WHERE id = 1').pluck().get() as number | undefined) ?? 0
}

/** The SQLite library's version: another may order or compute what a report reads otherwise. */
export function sqliteVersion(db: Db): string {
  return db.prepare('SELECT sqlite_version()').pluck().get() as string
}

/**
 * Moves the generation once per call: the ingest's writer calls it in each batch's transaction,
 * for the rows it inserted into the `ingested` tables, which have no insert trigger. A no-op in a
 * store older than migration 19.
 */
export function generationMover(db: Db): () => void {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_generation'`).get()
  if (!table) return () => undefined
  const move = db.prepare('UPDATE store_generation SET n = n + 1 WHERE id = 1')
  return () => void move.run()
}
