import { prepared, type Db } from './db.js'

/** What the store remembers of a log file: its format and how far, and from which content, it was read. */
export interface FileRow {
  id: number
  format: string | null
  size: number
  mtime_ms: number
  head_hash: string | null
  head_len: number
  offset: number
  line_no: number
  parser_state: string | null
  encoding: string | null
}

/** How far a file has been read, recorded with each batch written from it. */
export interface FileProgress {
  format: string
  size: number
  mtimeMs: number
  headHash: string
  headLen: number
  offset: number
  lineNo: number
  parserState: string | null
  encoding: string | null
  ingestedAt: string
}

export function readFileRow(db: Db, path: string): FileRow | undefined {
  return prepared(db, 'SELECT * FROM files WHERE path = ?').get(path) as FileRow | undefined
}

/**
 * How far a file was read, without the rest of its row: a check of every file would otherwise
 * read each one's parser state into the caller's heap.
 */
export function readFileExtent(db: Db, path: string): Pick<FileRow, 'size' | 'offset' | 'mtime_ms'> | undefined {
  return prepared(db, 'SELECT size, offset, mtime_ms FROM files WHERE path = ?').get(path) as Pick<FileRow, 'size' | 'offset' | 'mtime_ms'> | undefined
}

/** The id of the file at `path`, recorded now if it was not yet. */
export function fileIdFor(db: Db, path: string): number {
  prepared(db, `INSERT OR IGNORE INTO files (path) VALUES (?)`).run(path)
  return (prepared(db, 'SELECT id FROM files WHERE path = ?').get(path) as { id: number }).id
}

/** Forgets what was stored from a file rewritten in place (or a database changed in place), so it is read again from its start. */
export function forgetFileContents(db: Db, fileId: number): void {
  db.transaction(() => {
    // The turns table does not follow its events away: turns left behind would number the new read's prompts after themselves.
    prepared(db, 'DELETE FROM turns WHERE prompt_event_id IN (SELECT id FROM events WHERE file_id = ?)').run(fileId)
    prepared(db, 'DELETE FROM events WHERE file_id = ?').run(fileId)
    prepared(db, 'DELETE FROM raw_blocks WHERE file_id = ?').run(fileId)
    prepared(db, 'DELETE FROM ingest_errors WHERE file_id = ?').run(fileId)
    prepared(db, 'DELETE FROM format_tallies WHERE file_id = ?').run(fileId)
    // Which session its records joined is decided again from what it now says.
    prepared(db, 'DELETE FROM session_sources WHERE file_id = ?').run(fileId)
    prepared(db, 'UPDATE files SET offset = 0, line_no = 0, parser_state = NULL WHERE id = ?').run(fileId)
  }).immediate()
}

export function saveFileProgress(db: Db, fileId: number, p: FileProgress): void {
  prepared(
    db,
    `UPDATE files SET format = ?, size = ?, mtime_ms = ?, head_hash = ?, head_len = ?, offset = ?, line_no = ?, parser_state = ?, encoding = ?, ingested_at = ? WHERE id = ?`
  ).run(p.format, p.size, p.mtimeMs, p.headHash, p.headLen, p.offset, p.lineNo, p.parserState, p.encoding, p.ingestedAt, fileId)
}

/** Every log file's path the store has read, in order. */
export function storedFilePaths(db: Db): string[] {
  return db.prepare('SELECT path FROM files ORDER BY path').pluck().all() as string[]
}

/** The stored paths in order, one at a time: a store of many files is never held whole. */
export function eachStoredFilePath(db: Db): IterableIterator<string> {
  return db.prepare('SELECT path FROM files ORDER BY path').pluck().iterate() as IterableIterator<string>
}

/** The paths of the files of the given ids, in their order (an id no row has is left out). */
export function filePathsOf(db: Db, ids: readonly number[]): string[] {
  const byId = new Map<number, string>()
  for (const r of prepared(db, 'SELECT id, path FROM files WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
    id: number
    path: string
  }[])
    byId.set(r.id, r.path)
  const out: string[] = []
  for (const id of ids) {
    const path = byId.get(id)
    if (path !== undefined) out.push(path)
  }
  return out
}

/** Whether the store holds any file's row (a first ingest holds none). */
export function anyStoredFile(db: Db): boolean {
  return prepared(db, 'SELECT 1 FROM files LIMIT 1').get() !== undefined
}

/** The id of the stored file at `path`, if any. */
export function storedFileId(db: Db, path: string): number | undefined {
  return (prepared(db, 'SELECT id FROM files WHERE path = ?').get(path) as { id: number } | undefined)?.id
}
