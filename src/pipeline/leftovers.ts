import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/*
 * A job writes some files under a temporary name beside their own and renames them into place
 * when they are whole: a file's second write (file-out.ts) and a replay of the job memo
 * (job-memo.ts). A job killed before its renames leaves those files in the output folder, where
 * the next run's upload of the folder would publish them. Each name carries its writer's process
 * id, so the next job removes what a process no longer running left, and leaves alone the files of
 * one still writing (another job into the same folder).
 */

/** The temporary name of `path` (a file of an output folder) while this process writes it. */
export function nextWriteName(path: string): string {
  return `${path}.${process.pid}.alt-next`
}

/** The temporary name, in `outDir`, of a memo's file `name` while this process replays it. */
export function replayName(outDir: string, name: string): string {
  return join(outDir, `.${name}.${process.pid}.memo`)
}

const LEFTOVER = /^(?:\..+\.(\d+)\.memo|.+\.(\d+)\.alt-next)$/

/** Removes from `outDir` what a job no longer running left there; returns the names removed. */
export function removeLeftovers(outDir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(outDir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names.sort()) {
    const m = LEFTOVER.exec(name)
    if (!m || running(Number(m[1] ?? m[2]))) continue
    rmSync(join(outDir, name), { force: true })
    removed.push(name)
  }
  return removed
}

function running(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: a process of another user holds that id.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
