import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs'
import { resolve, sep } from 'node:path'

/** File names that are never session logs, even inside a log folder. */
const SKIP_DIRS = new Set(['node_modules', '.git'])

/** A path under a walked folder that is not read, and why. */
export interface SkippedPath {
  path: string
  reason: string
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'named pipe (FIFO)'
  if (st.isSocket()) return 'socket'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device'
  return 'special file'
}

/** Why a path that `stat` refused is not read: a link to nothing is told from an unreadable file. */
function statFailure(p: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ELOOP') return 'symbolic link loop (skipped)'
  let link = false
  try {
    link = lstatSync(p).isSymbolicLink()
  } catch {
    // gone as well: not a link to nothing
  }
  return link && e.code === 'ENOENT' ? 'dangling symbolic link (skipped)' : `unreadable: ${e.code ?? e.message}`
}

/**
 * What the ingest plans a file by, of the `stat` the walk found it by: numbers only. The ingest
 * holds the whole walk before planning, one of these per file, and an `fs.Stats` would take
 * several times the memory (docs/performance.md, "The walk's memory at many files").
 */
export interface FileStat {
  size: number
  mtimeMs: number
  dev: number
  ino: number
}

/** A regular file the walk found, with what planning needs of its `stat`. */
export interface WalkedFile extends FileStat {
  path: string
}

/** The paths of `walkFileStats`. */
export async function* walkFiles(paths: string[], onSkip: (skipped: SkippedPath) => void = () => {}): AsyncGenerator<string> {
  for await (const f of walkFileStats(paths, onSkip)) yield f.path
}

/**
 * Every regular file under the given paths, with its size, time and identity, depth first, in a stable (sorted)
 * order: a caller that needs the file's size and time takes them from here rather than asking
 * again (a warm run's walk is a stat per file and little else). Symbolic
 * links are followed; a directory already visited through another link is not entered twice.
 * What is neither a regular file nor a folder (a named pipe, which would block a read, a socket,
 * a device) and what cannot be reached (a dangling link, an unreadable folder) is passed to
 * `onSkip` with the reason, so the run can report it.
 */
export async function* walkFileStats(paths: string[], onSkip: (skipped: SkippedPath) => void = () => {}): AsyncGenerator<WalkedFile> {
  const seenDirs = new Set<string>()
  // Inode numbers by device, not a "dev:ino" string per file: a first ingest plans each file as the
  // walk finds it, and this set lives as long as the walk (a string each was most of what it held).
  const seenFiles = new Map<number, Set<number>>()
  async function* visit(p: string): AsyncGenerator<WalkedFile> {
    // Synchronous: a walk of an unchanged history is one stat per file, and a stat through the
    // thread pool waits far longer than it takes (docs/performance.md, "How the incremental ingest decides what to skip").
    let st
    try {
      st = statSync(p)
    } catch (e) {
      onSkip({ path: p, reason: statFailure(p, e as NodeJS.ErrnoException) })
      return
    }
    // Device and inode identify a file or folder however many links reach it, without a
    // realpath call per file (which doubled the time of an unchanged re-run).
    if (st.isFile()) {
      let inodes = seenFiles.get(st.dev)
      if (inodes === undefined) seenFiles.set(st.dev, (inodes = new Set()))
      if (inodes.has(st.ino)) return
      inodes.add(st.ino)
      yield { path: p, size: st.size, mtimeMs: st.mtimeMs, dev: st.dev, ino: st.ino }
      return
    }
    const id = `${st.dev}:${st.ino}`
    if (!st.isDirectory()) {
      onSkip({ path: p, reason: `${kindOf(st)}, not a regular file (skipped)` })
      return
    }
    if (seenDirs.has(id)) return
    seenDirs.add(id)
    let names: string[]
    try {
      names = readdirSync(p).sort()
    } catch (e) {
      onSkip({ path: p, reason: `unreadable folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` })
      return
    }
    // `p` is resolved, and a name from readdir is neither `.` nor `..` nor holds a separator, so
    // the child's path is `p`, a separator and the name: the string `join` (and `resolve`) would
    // give, made of the folder's string and the name's rather than of a piece per segment.
    const parent = p.endsWith(sep) ? p : p + sep
    for (const n of names) {
      if (SKIP_DIRS.has(n)) continue
      yield* visit(parent + n)
    }
  }
  for (const p of paths) yield* visit(resolve(p))
}
