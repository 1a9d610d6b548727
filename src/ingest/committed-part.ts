import type { IngestError } from './ingest.js'
import type { MergedPath } from './spellings.js'

/**
 * What one or more committed transactions of an ingest stored: posted by the ingest's worker after
 * each commit, so that a second attempt after the first ran out of heap can give the whole run's
 * result (src/ingest/ingest-thread.ts). Only what batches stored: a file's problems found while
 * planning are found again by the second attempt.
 */
export interface CommittedPart {
  /** Files read to their end, by their ids in the store (paths would be held by the caller until the run ends). */
  files_read: number[]
  events: number
  skipped_lines: number
  errors: IngestError[]
  session_ids: string[]
  /** Stored paths forgotten as another path of a file kept under another (see `StoredAliases.repair`). */
  merged_paths?: MergedPath[]
}

export function emptyPart(): CommittedPart {
  return { files_read: [], events: 0, skipped_lines: 0, errors: [], session_ids: [], merged_paths: [] }
}

/** Adds what `from` stored to `into`. A loop, not a spread: a commit may list more files than a call takes arguments. */
export function addPart(into: CommittedPart, from: CommittedPart): CommittedPart {
  for (const f of from.files_read) into.files_read.push(f)
  into.events += from.events
  into.skipped_lines += from.skipped_lines
  for (const e of from.errors) into.errors.push(e)
  for (const id of from.session_ids) into.session_ids.push(id)
  for (const m of from.merged_paths ?? []) (into.merged_paths ??= []).push(m)
  return into
}
