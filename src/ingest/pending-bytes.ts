import type { Db } from '../store/db.js'
import { readFileExtent } from '../store/files.js'
import { walkFileStats } from './walk.js'

/** How much an ingest needs before it is given a worker thread of its own (see ingest-thread.ts). */
export interface WorkerLimits {
  /** Bytes the store has not read yet. */
  bytes: number
  /** Files to check, changed or not. */
  files: number
}

/**
 * Whether an ingest of `paths` is worth a worker thread of its own: at least `limits.bytes` to
 * read, judged from each file's size against how far the store has read it, or at least
 * `limits.files` files to check. Stops at either limit, so a big first ingest or a big history
 * is told after a few files; each file checked costs the walk's `stat` and one indexed look-up.
 * An estimate: a file rewritten in place to the same size and time counts as unchanged, and what
 * cannot be read counts as nothing (the ingest itself reports it).
 */
export async function worthAWorker(db: Db, paths: string[], limits: WorkerLimits): Promise<boolean> {
  let pending = 0
  let files = 0
  for await (const st of walkFileStats(paths)) {
    const path = st.path
    if (++files >= limits.files) return true
    const row = readFileExtent(db, path)
    const unchanged = row !== undefined && row.size === st.size && row.offset === st.size && row.mtime_ms === st.mtimeMs
    if (unchanged) continue
    pending += row !== undefined && st.size >= row.offset ? st.size - row.offset : st.size
    if (pending >= limits.bytes) return true
  }
  return false
}
