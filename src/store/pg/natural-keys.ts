import type { SchemaShape } from '../schema-shape.js'

/**
 * Row ids are local to the store that assigned them: two writers ingesting into one PostgreSQL
 * database each number their files and events from 1. What two stores agree on is a row's natural
 * key (a file's path; an event's file, line and record number), so rows travel between stores by
 * it and ids are assigned by the receiving store. This module reads from the schema which columns
 * are such local ids and which columns point at them.
 */

/** A table whose single INTEGER primary key the store assigns itself, with the UNIQUE key that names a row instead. */
export interface SurrogateTable {
  table: string
  id: string
  /** Columns of the table's first UNIQUE constraint; empty when it has none. */
  natural: string[]
}

/** A column holding another table's local id. */
export interface IdReference {
  column: string
  /** The table whose `id` it holds. */
  target: string
}

export function surrogateTable(shape: SchemaShape, table: string): SurrogateTable | null {
  const t = shape[table]
  if (!t || t.primaryKey.length !== 1) return null
  const col = t.columns.find((c) => c.name === t.primaryKey[0])
  if (!col || col.type !== 'INTEGER' || col.name !== 'id') return null
  return { table, id: col.name, natural: t.unique[0] ?? [] }
}

/**
 * The columns of `table` that hold a local id of another table: those a foreign key says so, and
 * the ones named after events or files without a foreign key (`turns.prompt_event_id`,
 * `redactions.event_id`), which hold the same ids.
 */
export function idReferences(shape: SchemaShape, table: string): IdReference[] {
  const t = shape[table]
  const refs = new Map<string, string>()
  for (const fk of t.foreignKeys) if (fk.columns.length === 1 && surrogateTable(shape, fk.table) && fk.refColumns[0] === 'id') refs.set(fk.columns[0], fk.table)
  for (const c of t.columns) {
    if (refs.has(c.name) || c.type !== 'INTEGER') continue
    if (/(^|_)event_id$/.test(c.name) && shape.events) refs.set(c.name, 'events')
    else if (/(^|_)file_id$/.test(c.name) && shape.files) refs.set(c.name, 'files')
  }
  return [...refs].map(([column, target]) => ({ column, target }))
}

/**
 * Tables whose rows are facts of the SQLite store doing its own work, not of the logs: the
 * sessions waiting for reconciliation exist only until the ingest that queued them finishes, and
 * the redaction and session caches and the last check's memo (where this store's own runs found
 * what, what they made of each session, which published texts they found clean), the store's
 * generation and the job memo (the last report's files per output folder, and their chunks) serve this store's runs
 * only.
 */
export const LOCAL_ONLY_TABLES = new Set([
  'reconcile_pending',
  'raw_blocks',
  'redaction_cache_state',
  'redaction_cache',
  'session_cache',
  'late_check_memo',
  'scope_pending',
  'store_generation',
  'job_memo',
  'job_memo_chunks',
  'render_parts',
  'render_part_runs',
  'full_sessions'
])

/**
 * Columns that address rows of a local-only table: the raw lines, kept in the SQLite store's own
 * compressed blocks (`raw_blocks`, docs/database.md "Raw lines"), never go to the team store, which
 * holds what the logs say, not their bytes. Pushed as NULL, left out of comparisons.
 */
export const LOCAL_ONLY_COLUMNS: Record<string, string[]> = { events: ['raw_block', 'raw_item'] }

/**
 * Columns a push computes from a session's other rows (`session-costs.ts`) on the copy it pushes,
 * null in a store nothing pushed from: comparisons of what two stores hold of the same logs leave
 * them out, and the tests of the cost compare it with the reports instead.
 */
export const PUSH_RECORDED_COLUMNS: Record<string, string[]> = { sessions: ['cost_usd', 'cost_source'] }

/**
 * Columns that record when this store did something (not what the logs hold): two stores that
 * ingested the same logs differ in them, so comparisons leave them out.
 */
export const WHEN_STORED_COLUMNS: Record<string, string[]> = {
  files: ['ingested_at'],
  ingest_errors: ['at'],
  redactions: ['at'],
  session_pushes: ['pushed_at']
}

/**
 * Tables in an order where every local id is known before a row refers to it: tables that assign
 * ids first (parents before children), then the others, parents first. Not every reference has a
 * foreign key (`turns.prompt_event_id`), so parents-first alone does not give it.
 */
export function idsFirst(shape: SchemaShape, order: string[]): string[] {
  const own = order.filter((t) => surrogateTable(shape, t))
  return [...own, ...order.filter((t) => !surrogateTable(shape, t))]
}
