import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/** File names that are never session logs, even inside a log folder. */
const SKIP_DIRS = new Set(['node_modules', '.git'])

/**
 * Every regular file under the given paths, depth first, in a stable (sorted) order. Symbolic
 * links are followed; a directory already visited through another link is not entered twice.
 */
export async function* walkFiles(paths: string[]): AsyncGenerator<string> {
  const seenDirs = new Set<string>()
  const seenFiles = new Set<string>()
  async function* visit(p: string): AsyncGenerator<string> {
    let st
    try {
      st = await stat(p)
    } catch {
      return
    }
    // Device and inode identify a file or folder however many links reach it, without a
    // realpath call per file (which doubled the time of an unchanged re-run).
    const id = `${st.dev}:${st.ino}`
    if (st.isFile()) {
      if (seenFiles.has(id)) return
      seenFiles.add(id)
      yield resolve(p)
      return
    }
    if (!st.isDirectory()) return
    if (seenDirs.has(id)) return
    seenDirs.add(id)
    let names: string[]
    try {
      names = (await readdir(p)).sort()
    } catch {
      return
    }
    for (const n of names) {
      if (SKIP_DIRS.has(n)) continue
      yield* visit(join(p, n))
    }
  }
  for (const p of paths) yield* visit(resolve(p))
}
