import type { Db } from './db.js'

/**
 * The store's generation (migration 19): a number that every change to a table a report reads
 * moves on, so a job can tell that the store holds what it held when a report was last made
 * (src/pipeline/job-memo.ts). It is moved by triggers, not by the code that writes: every write
 * path (the ingest's batches, reconciliation, scoping, pruning, a session read again, review
 * commands, migrations that rewrite rows, and any path added later) changes it without knowing.
 */

/**
 * What each table of the store is to a report. `input`: a report reads it, or reads what is
 * derived from it; any insert, update or delete moves the generation. `provenance`: written by the
 * report itself (the redaction provenance rows, written only when they differ from what is
 * stored) and read by none, so only a delete moves the generation: a full run would write the
 * deleted rows back, a replay would not. `local`: a store's own bookkeeping or a cache derived
 * from the inputs (its entries are keyed by what they were made from), which no report reads as
 * a fact. A table not listed here fails the schema's test (__tests__/store/generation.test.ts).
 */
export const TABLE_ROLES: Readonly<Record<string, 'input' | 'provenance' | 'local'>> = {
  agent_reasoning_messages: 'input',
  events: 'input',
  files: 'input',
  files_touched: 'input',
  format_tallies: 'input',
  function_calls: 'input',
  function_plan_messages: 'input',
  function_results: 'input',
  ingest_errors: 'input',
  prompts: 'input',
  rate_limit_messages: 'input',
  raw_blocks: 'input',
  review_dispositions: 'input',
  review_history: 'input',
  review_notes: 'input',
  review_tags: 'input',
  session_pushes: 'input',
  session_sources: 'input',
  sessions: 'input',
  status_snapshots: 'input',
  token_messages: 'input',
  turn_context_messages: 'input',
  turns: 'input',
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
  store_generation: 'local'
}

/** The statements a table's role gives it: the triggers that move the generation on its writes. */
export function generationTriggers(table: string, role: 'input' | 'provenance' | 'local'): string {
  const on = role === 'input' ? ['INSERT', 'UPDATE', 'DELETE'] : role === 'provenance' ? ['DELETE'] : []
  return on
    .map((op) => `CREATE TRIGGER ${generationTriggerName(table, op)} AFTER ${op} ON ${table} BEGIN UPDATE store_generation SET n = n + 1; END;`)
    .join('\n')
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
