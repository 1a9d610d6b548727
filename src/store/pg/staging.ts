import { existsSync } from 'node:fs'
import { sourceById } from '../../sources/registry.js'
import type { Db } from '../db.js'
import { ident, type PgClient } from './connect.js'

/*
 * What a writer's private staging store knows of the PostgreSQL store before it ingests: the files
 * the team store has read, so an unchanged file is skipped instead of read and pushed again. The
 * staging holds none of their records, so a file that changed is read again from its start, never
 * resumed: what it then holds of the file is all of it, and the push can replace what the team
 * store had from it (`push.ts`).
 */

/** Columns of a `files` row the ingest compares to decide that a file is unchanged. */
const SEEDED = ['id', 'path', 'format', 'size', 'mtime_ms', 'head_hash', 'head_len', 'offset', 'line_no', 'encoding'] as const

/** Files the staging was seeded with: local id (the PostgreSQL id, kept) → the row as seeded. */
export type SeededFiles = Map<string, string>

/**
 * Copies the team store's `files` rows into the empty staging store. A text log's format is left
 * out: with it, a grown file would be resumed at its offset, and the records before that offset
 * are not in the staging. A database keeps it: it is compared by signature and read whole whenever
 * it changed.
 */
export async function seedFiles(client: PgClient, staging: Db): Promise<SeededFiles> {
  const r = await client.query<Record<(typeof SEEDED)[number], string | null>>(
    `SELECT ${SEEDED.map((c) => `${ident(c)}::text AS ${ident(c)}`).join(', ')} FROM files WHERE format IS NOT NULL`
  )
  const insert = staging.prepare(`INSERT INTO files (${SEEDED.map(ident).join(', ')}) VALUES (${SEEDED.map(() => '?').join(', ')})`)
  const seeded: SeededFiles = new Map()
  staging.transaction(() => {
    for (const row of r.rows) {
      const format = row.format && sourceById(row.format)?.mode === 'database' ? row.format : null
      const values = SEEDED.map((c) => (c === 'format' ? format : row[c]))
      insert.run(...values.map((v, i) => (v !== null && ['id', 'size', 'mtime_ms', 'head_len', 'offset', 'line_no'].includes(SEEDED[i]) ? Number(v) : v)))
    }
  })()
  for (const row of staging.prepare(`SELECT * FROM files`).all() as Record<string, unknown>[]) seeded.set(String(row.id), JSON.stringify(row))
  await seedSessionSources(client, staging)
  return seeded
}

/**
 * Which session each seeded file's records joined: a log id another file of this team store gave
 * already is joined to that session (or kept apart from it) as a SQLite store that read both would
 * decide (session-identity.ts). Pushed back unchanged with the sessions the staging holds.
 */
async function seedSessionSources(client: PgClient, staging: Db): Promise<void> {
  const r = await client.query<{ file_id: string; log_id: string; session_id: string; project: string | null }>(
    `SELECT s.file_id::text AS file_id, s.log_id, s.session_id, s.project FROM session_sources s JOIN files f ON f.id = s.file_id WHERE f.format IS NOT NULL`
  )
  const insert = staging.prepare(`INSERT INTO session_sources (file_id, log_id, session_id, project) VALUES (?, ?, ?, ?)`)
  staging.transaction(() => {
    for (const row of r.rows) insert.run(Number(row.file_id), row.log_id, row.session_id, row.project)
  })()
}

/** Local ids of the staging's files the ingest read (new, grown or rewritten): every file not seeded, or changed since. */
export function readFiles(staging: Db, seeded: SeededFiles): Set<string> {
  const out = new Set<string>()
  for (const row of staging.prepare(`SELECT * FROM files`).all() as Record<string, unknown>[]) {
    const id = String(row.id)
    if (seeded.get(id) !== JSON.stringify(row)) out.add(id)
  }
  return out
}

/**
 * Files of this machine that fed, in the team store, a session the staging now holds, and that the
 * staging did not read: read them too, so the session's own rows (its totals, turns, the copies of
 * one run in two formats) are computed from all its records, as a SQLite store computes them.
 * A session's files on another machine cannot be read here; see docs/database.md.
 */
export async function companionFiles(client: PgClient, staging: Db, seeded: SeededFiles): Promise<string[]> {
  const read = readFiles(staging, seeded)
  const sessions = staging.prepare(`SELECT id FROM sessions UNION SELECT session_id FROM events`).pluck().all() as string[]
  if (sessions.length === 0) return []
  const r = await client.query<{ id: string; path: string }>(
    `SELECT DISTINCT f.id::text AS id, f.path FROM files f JOIN session_sources s ON s.file_id = f.id WHERE s.session_id = ANY($1::text[])
     UNION SELECT DISTINCT f.id::text, f.path FROM files f JOIN events e ON e.file_id = f.id WHERE e.session_id = ANY($1::text[])`,
    [sessions]
  )
  const local = new Map((staging.prepare(`SELECT id, path FROM files`).all() as { id: number; path: string }[]).map((f) => [f.path, String(f.id)]))
  return r.rows.filter((f) => !read.has(local.get(f.path) ?? '') && existsSync(f.path)).map((f) => f.path)
}

/** Forgets the seeded rows of `paths`, so the next ingest reads them whole. */
export function unseed(staging: Db, paths: string[]): void {
  const sources = staging.prepare(`DELETE FROM session_sources WHERE file_id IN (SELECT id FROM files WHERE path = ?)`)
  const del = staging.prepare(`DELETE FROM files WHERE path = ?`)
  staging.transaction(() => {
    for (const p of paths) {
      sources.run(p)
      del.run(p)
    }
  })()
}
