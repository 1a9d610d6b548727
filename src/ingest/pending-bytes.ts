import { statSync } from 'node:fs'
import type { Db } from '../store/db.js'
import { readFileRow } from '../store/files.js'
import { walkFiles } from './walk.js'

/**
 * Whether an ingest of `paths` has at least `limit` bytes to read, judged from each file's size
 * against how far the store has read it. Stops counting at the limit, so a big first ingest is
 * told after a few files; an unchanged history costs one `stat` and one indexed look-up per file.
 * An estimate: a file rewritten in place to the same size and time counts as unchanged, and what
 * cannot be read counts as nothing (the ingest itself reports it).
 */
export async function hasBytesToRead(db: Db, paths: string[], limit: number): Promise<boolean> {
  let pending = 0
  for await (const path of walkFiles(paths)) {
    let st
    try {
      st = statSync(path)
    } catch {
      continue
    }
    const row = readFileRow(db, path)
    const unchanged = row !== undefined && row.size === st.size && row.offset === st.size && row.mtime_ms === st.mtimeMs
    if (unchanged) continue
    pending += row !== undefined && st.size >= row.offset ? st.size - row.offset : st.size
    if (pending >= limit) return true
  }
  return false
}
