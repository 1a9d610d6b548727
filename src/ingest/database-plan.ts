import type { Db } from '../store/db.js'
import { fileIdFor, type FileRow } from '../store/files.js'
import { forgetFileAndItsSessionFacts } from '../store/session-reread.js'
import type { StoreWriter } from '../store/writer.js'
import { recognizeDatabase } from '../sources/registry.js'
import { damagedReason, databaseHead, databaseSignature, removeSnapshot, snapshotDatabase, type Snapshot } from './database.js'
import type { FileJob } from './parse-file.js'
import type { FileStat } from './walk.js'

/**
 * Plans the read of a SQLite file: skipped when neither it nor its `-wal` changed since it was
 * read to the end; otherwise copied, recognized by its tables and read again whole. Rows change in
 * place (a tool call completes, a message gets its usage), so what was stored from the file is
 * replaced, never appended to: a re-read stores each row's events once.
 */

export interface DatabasePlan {
  fileId: number
  agent: string
  mtimeMs: number
  headHash: string
  headLen: number
  job: FileJob
}

export interface DatabasePlanContext {
  db: Db
  writer: StoreWriter
  report(reason: string): void
  unchanged(): void
  read(): void
  limits: Pick<FileJob, 'maxLineBytes' | 'maxDocumentBytes' | 'batchSize' | 'maxBatchChars'>
}

/** The bytes of the header hashed into a database's stored signature. */
const SIGNATURE_HEAD = 100

export function planDatabase(ctx: DatabasePlanContext, path: string, st: FileStat, row: FileRow | undefined): DatabasePlan | null {
  let signature: string
  try {
    signature = databaseSignature(path, st)
  } catch (e) {
    ctx.report(`unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)
    return null
  }
  if (row && row.format && row.offset === st.size && row.size === st.size && row.mtime_ms === st.mtimeMs && row.head_hash === signature) {
    ctx.unchanged()
    return null
  }
  let snapshot: Snapshot
  try {
    snapshot = snapshotDatabase(path)
  } catch (e) {
    ctx.report(`SQLite database not read this time: ${String((e as Error).message ?? e)}`)
    return null
  }
  let source
  try {
    source = recognizeDatabase(databaseHead(path, snapshot))
  } catch (e) {
    removeSnapshot(snapshot)
    ctx.report(damagedReason(e))
    return null
  }
  if (!source) {
    removeSnapshot(snapshot)
    ctx.report('unrecognized SQLite database (not a known agent log; skipped)')
    return null
  }
  ctx.read()
  const fileId = fileIdFor(ctx.db, path)
  if (row) {
    forgetFileAndItsSessionFacts(ctx.db, fileId)
    ctx.writer.reset()
  }
  return {
    fileId,
    agent: source.agent,
    mtimeMs: st.mtimeMs,
    headHash: signature,
    headLen: SIGNATURE_HEAD,
    job: {
      path,
      sourceId: source.id,
      compression: null,
      encoding: 'utf8',
      size: st.size,
      startOffset: 0,
      startLine: 0,
      state: undefined,
      fallbackSessionId: `db-${fileId}`,
      snapshot,
      ...ctx.limits
    }
  }
}
