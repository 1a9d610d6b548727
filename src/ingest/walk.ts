import { readdir, realpath, stat } from 'node:fs/promises'
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
    if (st.isFile()) {
      const real = await realpath(p).catch(() => p)
      if (seenFiles.has(real)) return
      seenFiles.add(real)
      yield resolve(p)
      return
    }
    if (!st.isDirectory()) return
    const real = await realpath(p).catch(() => p)
    if (seenDirs.has(real)) return
    seenDirs.add(real)
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
