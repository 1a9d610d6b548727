import type { Statement } from 'better-sqlite3'
import type { Db } from '../db.js'
import { parentsFirst, type SchemaShape } from '../schema-shape.js'
import { sessionColumn } from './canonical.js'
import { ident, inTransaction, type PgClient } from './connect.js'
import { sourceShape, unnestOf, wireValue } from './copy.js'
import { idReferences, idsFirst, LOCAL_ONLY_COLUMNS, LOCAL_ONLY_TABLES, surrogateTable } from './natural-keys.js'
import { migratePg } from './schema.js'
import type { SeededFiles } from './staging.js'
import { recordSessionCosts } from './session-costs.js'
import { ensureTeamViews } from './team-views.js'
import type { Price } from '../../pricing/prices.js'

const BATCH_ROWS = 1000
/**
 * Sessions pushed in one transaction: each costs a round trip per table, and a session alone is a
 * few rows, so sessions travel together; their locks are taken together too.
 */
const SESSIONS_PER_TRANSACTION = 50
/** Characters of text per statement: events carry whole raw log lines. */
const BATCH_CHARS = 8_000_000

/** Local id (of the SQLite store being pushed) → id of the same row in PostgreSQL, per table that assigns ids. */
type IdMaps = Map<string, Map<string, string>>

export interface PushResult {
  sessions: number
  /** Rows sent, whether they were new, changed or already there. */
  rows: number
}

export interface PushOptions {
  /** Sessions to push (default: all). */
  sessions?: string[]
  /**
   * The source is a writer's staging store (`staging.ts`): of its files, only those it read
   * (`read`, local ids) are pushed, and what the team store had from them is replaced, in the
   * transaction that writes what they hold now; the others (`seeded`) carry the team store's ids.
   * A sanitized copy that holds each of its files whole passes all its files as read (the
   * Action's push, `push-run.ts`). Without it every row of the source is upserted and nothing is
   * removed.
   */
  staging?: { seeded: SeededFiles; read: Set<string> }
  /** The config's price overrides, for each session's cost as the reports compute it (`session-costs.ts`). */
  prices?: Record<string, Price>
  /** Called after each session's transaction commits. */
  onSession?: (id: string) => void
}

/**
 * The copy holds each of its files as this run read it, whole: what the team store had of its
 * sessions from those files is replaced, not upserted over. An upsert alone keeps every row a
 * file no longer has (a line removed, so every later line moved up, was kept twice); another
 * file's rows of the same sessions, and sessions outside the copy, are left as they are.
 */
export function replacingFilesRead(copy: Db): Pick<PushOptions, 'sessions' | 'staging'> {
  const files = copy.prepare('SELECT id FROM files').pluck().all() as number[]
  const sessions = copy.prepare('SELECT id FROM sessions UNION SELECT session_id FROM events').pluck().all() as string[]
  return { sessions, staging: { seeded: new Map(), read: new Set(files.map(String)) } }
}

/**
 * Upserts the content of a SQLite store into the PostgreSQL store, so that any number of writers
 * may push overlapping logs at once and the result is the same as one writer pushing them all.
 *
 * Rows are matched by their natural keys, never by the local ids of the SQLite store (those are
 * assigned again by PostgreSQL and translated on the way, `natural-keys.ts`): a row another writer
 * pushed already is updated in place. Tables not per session (files, ingest errors, format tallies)
 * go first, each in one transaction under a lock of its own; then sessions go a few dozen to a
 * transaction under advisory locks on their ids, so a session's rows change together and two writers
 * of one session take turns. A push killed midway leaves whole sessions; pushing again completes it.
 *
 * `source` is a private copy (a staging store, a sanitized export): each session's cost as the
 * reports compute it is written into it first, and travels with the session's row.
 */
export async function pushStore(source: Db, client: PgClient, opts: PushOptions = {}): Promise<PushResult> {
  recordSessionCosts(source, opts.prices)
  const shape = sourceShape(source)
  await migratePg(client)
  await ensureTeamViews(client)
  const order = idsFirst(shape, parentsFirst(shape)).filter((t) => !LOCAL_ONLY_TABLES.has(t))
  const perSession = order.filter((t) => sessionColumn(shape, t))
  const shared = order.filter((t) => !sessionColumn(shape, t))
  // Shared tables that refer to rows of sessions (none today) can only go once those are in.
  const refersToSession = (t: string) => idReferences(shape, t).some((r) => sessionColumn(shape, r.target))
  const ids: IdMaps = new Map()
  const staging = opts.staging
  // Seeded files keep the team store's ids: rows referring to them need no translation.
  if (staging) ids.set('files', new Map([...staging.seeded.keys()].filter((id) => !staging.read.has(id)).map((id) => [id, id])))
  const readLocal = JSON.stringify(staging ? [...staging.read].map(Number) : [])
  /** Team-store ids of the files the staging read, once `files` is pushed. */
  const readInPg = () => (staging ? [...staging.read].map((id) => ids.get('files')?.get(id)).filter((id): id is string => id !== undefined) : [])
  let rows = 0
  const filesRead = (columns: string) => source.prepare<unknown[]>(`SELECT ${columns} FROM files WHERE id IN (SELECT value FROM json_each(?))`)
  // Until its sessions are in, a file read is recorded without the head hash that would let the next
  // ingest skip it as unchanged: a push killed midway is read and pushed again, not skipped.
  const pending = shape.files ? shape.files.columns.map((c) => (c.name === 'head_hash' ? `NULL AS head_hash` : ident(c.name))).join(', ') : '*'
  const pushShared = async (table: string) => {
    rows += await inTransaction(client, async () => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ai-log-trail table ${table}`])
      const fileRef = idReferences(shape, table).find((r) => r.target === 'files')?.column
      if (!staging) return upsertRows(client, shape, table, source.prepare<unknown[]>(`SELECT * FROM ${ident(table)}`), [], ids)
      if (table === 'files') return upsertRows(client, shape, table, filesRead(pending), [readLocal], ids)
      if (!fileRef) return upsertRows(client, shape, table, source.prepare<unknown[]>(`SELECT * FROM ${ident(table)}`), [], ids)
      // What a file read again said before is gone with its old content, as in a SQLite store (files.ts).
      await client.query(`DELETE FROM ${ident(table)} WHERE ${ident(fileRef)} = ANY($1::bigint[])`, [readInPg()])
      const rowsOfRead = `SELECT * FROM ${ident(table)} WHERE ${ident(fileRef)} IS NULL OR ${ident(fileRef)} IN (SELECT value FROM json_each(?))`
      return upsertRows(client, shape, table, source.prepare<unknown[]>(rowsOfRead), [readLocal], ids)
    })
  }
  for (const t of shared.filter((t) => !refersToSession(t))) await pushShared(t)

  const fromSource = source.prepare(`SELECT id FROM sessions UNION SELECT session_id FROM events`).pluck().all() as string[]
  // Sessions the team store has records of from a file read again, which it may no longer hold.
  const fromReadFiles = staging ? await sessionsOfFiles(client, readInPg()) : []
  const sessionIds = [...new Set(opts.sessions ?? [...fromSource, ...fromReadFiles])].sort()
  const forget = staging ? forgetStatements(shape, perSession) : []
  const dropUnheld = staging ? dropUnheldStatements(shape, perSession) : []
  const select = new Map(
    perSession.map((t) => [
      t,
      source.prepare<unknown[]>(`SELECT * FROM ${ident(t)} WHERE ${ident(sessionColumn(shape, t)!)} IN (SELECT value FROM json_each(?))`)
    ])
  )
  for (let i = 0; i < sessionIds.length; i += SESSIONS_PER_TRANSACTION) {
    const chunk = sessionIds.slice(i, i + SESSIONS_PER_TRANSACTION)
    rows += await inTransaction(client, async () => {
      // Every writer locks sessions in the same (sorted) order, so two writers never wait on each other in a cycle.
      await client.query(
        `SELECT count(pg_advisory_xact_lock(hashtextextended('ai-log-trail session ' || s.id, 0))) FROM unnest($1::text[]) WITH ORDINALITY AS s(id, i)`,
        [chunk]
      )
      for (const sql of forget) await client.query(sql, [chunk, readInPg()])
      for (const sql of dropUnheld) await client.query(sql, [chunk])
      let n = 0
      for (const t of perSession) n += await upsertRows(client, shape, t, select.get(t)!, [JSON.stringify(chunk)], ids)
      return n
    })
    for (const id of chunk) opts.onSession?.(id)
  }
  for (const t of shared.filter(refersToSession)) await pushShared(t)
  if (staging && shape.files)
    await inTransaction(client, async () => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, ['ai-log-trail table files'])
      await upsertRows(client, shape, 'files', filesRead('*'), [readLocal], ids)
    })
  return { sessions: sessionIds.length, rows }
}

/**
 * A session that no file holds any more once the files read again are forgotten goes, with its
 * turns and redaction records, as in a SQLite store (`dropSessionsNoFileHolds`); its review rows
 * and push records stay. A session the staging still holds is upserted again right after, in the
 * same transaction; one another writer's file holds keeps its events or sources, so it stays.
 */
function dropUnheldStatements(shape: SchemaShape, perSession: string[]): string[] {
  if (!perSession.includes('sessions') || !perSession.includes('events') || !perSession.includes('session_sources')) return []
  const unheld = `SELECT s.id FROM sessions s WHERE s.id = ANY($1::text[])
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.id) AND NOT EXISTS (SELECT 1 FROM session_sources x WHERE x.session_id = s.id)`
  const dependents = ['turns', 'redactions'].filter((t) => perSession.includes(t))
  return [
    ...dependents.map((t) => `DELETE FROM ${ident(t)} WHERE ${ident(sessionColumn(shape, t)!)} IN (${unheld})`),
    `DELETE FROM sessions WHERE id IN (${unheld})`
  ]
}

/** Sessions the team store holds records of from the files `fileIds` (team-store ids). */
async function sessionsOfFiles(client: PgClient, fileIds: string[]): Promise<string[]> {
  if (fileIds.length === 0) return []
  const r = await client.query<{ s: string }>(
    `SELECT session_id AS s FROM events WHERE file_id = ANY($1::bigint[]) UNION SELECT session_id FROM session_sources WHERE file_id = ANY($1::bigint[])`,
    [fileIds]
  )
  return r.rows.map((x) => x.s)
}

/**
 * Statements (parameters: the sessions, the team-store ids of the files read again) that remove
 * what the team store holds of those sessions from those files, so the rows the files give now
 * replace them: rows referring to their events (turns and redactions have no foreign key to
 * cascade along), rows of the files themselves, then the events. Another file's rows of the same
 * session stay: a session is removed only from the files that said it.
 */
function forgetStatements(shape: SchemaShape, perSession: string[]): string[] {
  const eventsOfFiles = `SELECT id FROM events WHERE session_id = ANY($1::text[]) AND file_id = ANY($2::bigint[])`
  const out: string[] = []
  for (const t of perSession) {
    if (t === 'events') continue
    const col = sessionColumn(shape, t)!
    for (const r of idReferences(shape, t)) {
      if (r.target === 'events') out.push(`DELETE FROM ${ident(t)} WHERE ${ident(col)} = ANY($1::text[]) AND ${ident(r.column)} IN (${eventsOfFiles})`)
      // A session's own row stays while any file may still hold it: it is replaced when the staging holds the session.
      if (r.target === 'files' && t !== 'sessions')
        out.push(`DELETE FROM ${ident(t)} WHERE ${ident(col)} = ANY($1::text[]) AND ${ident(r.column)} = ANY($2::bigint[])`)
    }
  }
  out.push(`DELETE FROM events WHERE session_id = ANY($1::text[]) AND file_id = ANY($2::bigint[])`)
  return out
}

/**
 * Sends the rows `stmt` reads to `table`, in batches: local ids are translated to PostgreSQL's, a
 * row whose key PostgreSQL holds already is updated, and the ids PostgreSQL gave rows of a table
 * that assigns them are recorded in `ids` for the rows that refer to them.
 */
async function upsertRows(client: PgClient, shape: SchemaShape, table: string, stmt: Statement<unknown[]>, params: unknown[], ids: IdMaps): Promise<number> {
  const sur = surrogateTable(shape, table)
  const refs = new Map(idReferences(shape, table).map((r) => [r.column, r.target]))
  const columns = shape[table].columns.filter((c) => c.name !== sur?.id)
  const names = columns.map((c) => c.name)
  const localOnly = new Set(LOCAL_ONLY_COLUMNS[table] ?? [])
  const statement = upsertStatement(shape, table, names)
  let local: (string | null)[] = []
  let arrays: (string | null)[][] = names.map(() => [])
  let chars = 0
  let total = 0
  const flush = async () => {
    if (local.length === 0) return
    const r = await client.query<Record<string, string>>(statement.sql, arrays)
    if (sur && statement.returnsIds) {
      // Rows come back in no promised order: match them to the local ids by natural key.
      const byNatural = new Map<string, string | null>()
      local.forEach((id, i) => byNatural.set(JSON.stringify(sur.natural.map((c) => arrays[names.indexOf(c)][i])), id))
      let map = ids.get(table)
      if (!map) ids.set(table, (map = new Map()))
      for (const row of r.rows) {
        const id = byNatural.get(JSON.stringify(sur.natural.map((c) => (row[c] === null ? null : String(row[c])))))
        if (id !== undefined && id !== null) map.set(id, String(row.id))
      }
    }
    total += local.length
    local = []
    arrays = names.map(() => [])
    chars = 0
  }
  stmt.safeIntegers(true)
  for (const row of stmt.iterate(...params) as Iterable<Record<string, unknown>>) {
    const key = () => (sur ? `${sur.id} ${String(row[sur.id])}` : shape[table].primaryKey.map((c) => String(row[c])).join('/'))
    columns.forEach((c, i) => {
      let v = localOnly.has(c.name) ? null : wireValue(table, c, row[c.name], key)
      const target = refs.get(c.name)
      if (target && v !== null) {
        const mapped = ids.get(target)?.get(v)
        // Neither engine assigns ids below 1: such a value means "none" (a redaction of a session's
        // own field is stored with event 0) and travels as it is.
        if (mapped !== undefined) v = mapped
        else if (BigInt(v) > 0n) throw new Error(`${table}.${c.name} of row ${key()} refers to ${target} ${v}, which was not pushed`)
      }
      arrays[i].push(v)
      chars += v?.length ?? 0
    })
    local.push(sur ? String(row[sur.id]) : null)
    if (local.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush()
  }
  await flush()
  return total
}

/**
 * The statement that upserts one batch. A table that assigns ids and has a UNIQUE key of NOT NULL
 * columns upserts on it and returns the ids; one whose UNIQUE key may hold NULL (which never
 * conflicts) updates the rows that match with IS NOT DISTINCT FROM and inserts the others, safe
 * because the caller holds the lock of the session or table; any other table upserts on its
 * primary key.
 */
function upsertStatement(shape: SchemaShape, table: string, names: string[]): { sql: string; returnsIds: boolean } {
  const t = shape[table]
  const sur = surrogateTable(shape, table)
  const cols = names.map(ident).join(', ')
  const source = `${unnestOf(shape, table, names)} AS u(${cols})`
  const key = sur ? sur.natural : t.primaryKey
  if (key.length === 0) return { sql: `INSERT INTO ${ident(table)} (${cols}) SELECT * FROM ${source}`, returnsIds: false }
  const rest = names.filter((n) => !key.includes(n))
  const nullableKey = key.some((k) => !t.columns.find((c) => c.name === k)?.notNull)
  if (sur && nullableKey) {
    // `=` where the column cannot be NULL, so the UNIQUE key's index still serves the look-up.
    const notNull = (k: string) => t.columns.find((c) => c.name === k)?.notNull
    const match = key.map((k) => `t.${ident(k)} ${notNull(k) ? '=' : 'IS NOT DISTINCT FROM'} u.${ident(k)}`).join(' AND ')
    const update = rest.length
      ? `updated AS (UPDATE ${ident(table)} t SET ${rest.map((n) => `${ident(n)} = u.${ident(n)}`).join(', ')} FROM ${source} WHERE ${match}), `
      : ''
    return {
      sql: `WITH ${update}inserted AS (INSERT INTO ${ident(table)} (${cols}) SELECT * FROM ${source} WHERE NOT EXISTS (SELECT 1 FROM ${ident(table)} t WHERE ${match})) SELECT 1`,
      returnsIds: false
    }
  }
  const onConflict = rest.length
    ? `ON CONFLICT (${key.map(ident).join(', ')}) DO UPDATE SET ${rest.map((n) => `${ident(n)} = excluded.${ident(n)}`).join(', ')}`
    : `ON CONFLICT (${key.map(ident).join(', ')}) DO NOTHING`
  const returning = sur ? ` RETURNING ${ident(sur.id)}::text AS id, ${sur.natural.map((c) => `${ident(c)}::text AS ${ident(c)}`).join(', ')}` : ''
  return { sql: `INSERT INTO ${ident(table)} (${cols}) SELECT * FROM ${source} ${onConflict}${returning}`, returnsIds: sur !== null }
}
