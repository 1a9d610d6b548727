import type { FormatTally } from '../ingest/format-tally.js'
import { prepared, type Db } from './db.js'

/** What a file held, summed over the batches read from it. */
export interface FileFormatTally {
  path: string
  format: string | null
  records: number
  unknown: number
  prompts: number
  activity: number
  kinds: Record<string, number>
  /** The agent version its sessions recorded (the newest when several did), or null. */
  agent_version: string | null
}

/**
 * Records one batch's tally, in the batch's transaction. Keyed by the batch's first line, so a
 * file read again from its start (a compressed file after an interruption) replaces its rows
 * instead of counting them twice.
 */
export function saveFormatTally(db: Db, fileId: number, t: FormatTally): void {
  if (t.records === 0 && t.unknown === 0) return
  prepared(
    db,
    `INSERT OR REPLACE INTO format_tallies (file_id, from_line, records, unknown, prompts, activity, unknown_kinds) VALUES (?, ?, ?, ?, ?, ?, ?)`
  ).run(fileId, t.fromLine, t.records, t.unknown, t.prompts, t.activity, t.unknown > 0 ? JSON.stringify(t.kinds) : null)
}

interface BatchRow {
  file_id: number
  path: string
  format: string | null
  records: number
  unknown: number
  prompts: number
  activity: number
  unknown_kinds: string | null
}

/** The paths of every file with a tally, unordered. */
export function talliedFilePaths(db: Db): string[] {
  return prepared(db, `SELECT path FROM files WHERE id IN (SELECT file_id FROM format_tallies)`).pluck().all() as string[]
}

/** Paths read per query. */
const PATHS_PER_QUERY = 1_000

/** The tallies of the files at `paths`, in that order (files read before tallies were kept have none). */
export function fileFormatTallies(db: Db, paths: readonly string[]): FileFormatTally[] {
  const rows = prepared(
    db,
    `SELECT f.id AS file_id, f.path, f.format, t.records, t.unknown, t.prompts, t.activity, t.unknown_kinds
     FROM files f JOIN format_tallies t ON t.file_id = f.id
     WHERE f.path IN (SELECT value FROM json_each(?)) ORDER BY f.id, t.from_line`
  )
  // sessions has no index on first_file_id: one grouped pass for all the files, not a scan of every
  // session per file (quadratic in a first ingest of many files). Only these files' versions are
  // kept: a map of every file's was rebuilt on each call, and held a first ingest's every session
  // at its end (docs/performance.md, "the end of a first ingest of many small files").
  let versions: Map<number, string | null> | undefined
  const versionOf = (fileId: number): string | null => {
    versions ??= new Map(
      (
        prepared(
          db,
          `SELECT first_file_id AS id, MAX(agent_version) AS v FROM sessions
           WHERE first_file_id IN (SELECT id FROM files WHERE path IN (SELECT value FROM json_each(?))) GROUP BY first_file_id`
        ).all(JSON.stringify(paths)) as {
          id: number
          v: string | null
        }[]
      ).map((r) => [r.id, r.v])
    )
    return versions.get(fileId) ?? null
  }
  const out: FileFormatTally[] = []
  for (let from = 0; from < paths.length; from += PATHS_PER_QUERY) {
    const page = paths.slice(from, from + PATHS_PER_QUERY)
    // Each file's batches in line order, by path (a path is one file).
    const byPath = new Map<string, BatchRow[]>()
    for (const r of rows.all(JSON.stringify(page)) as BatchRow[]) {
      const list = byPath.get(r.path)
      if (list) list.push(r)
      else byPath.set(r.path, [r])
    }
    for (const path of page) {
      const batches = byPath.get(path)
      if (!batches) continue
      const sum: FileFormatTally = {
        path,
        format: batches[0].format,
        records: 0,
        unknown: 0,
        prompts: 0,
        activity: 0,
        kinds: {},
        agent_version: versionOf(batches[0].file_id)
      }
      for (const b of batches) {
        sum.records += b.records
        sum.unknown += b.unknown
        sum.prompts += b.prompts
        sum.activity += b.activity
        const kinds = b.unknown_kinds ? (JSON.parse(b.unknown_kinds) as Record<string, number>) : {}
        for (const [k, n] of Object.entries(kinds)) sum.kinds[k] = (sum.kinds[k] ?? 0) + n
      }
      out.push(sum)
    }
  }
  return out
}
