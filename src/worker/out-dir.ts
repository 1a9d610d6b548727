import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What an output folder held before a job wrote to it, so that what a job that died part-way
 * left there can be taken away again: entries it created are removed, and the folder itself when
 * the job created it. Entries that were there before are left for the next run to overwrite: a
 * run writes the same names whatever it finds, so a half-written file does not survive it.
 */
export interface OutDirSnapshot {
  /** Puts the folder back to what it held when the snapshot was taken, as far as names go. */
  restore(): void
}

export function snapshotOutDir(dir: string): OutDirSnapshot {
  // Not a folder (a file in its place): no job can write there, so there is nothing to put back.
  if (existsSync(dir) && !statSync(dir).isDirectory()) return { restore() {} }
  const before = existsSync(dir) ? new Set(readdirSync(dir)) : null
  return {
    restore() {
      if (!existsSync(dir)) return
      if (before === null) {
        rmSync(dir, { recursive: true, force: true })
        return
      }
      for (const name of readdirSync(dir)) if (!before.has(name)) rmSync(join(dir, name), { recursive: true, force: true })
    }
  }
}
