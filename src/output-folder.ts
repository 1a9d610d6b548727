import {
  close,
  closeSync,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlink,
  unlinkSync,
  writeSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { processRunning } from './process-running.js'

/*
 * Every file a job or the CLI writes into an output folder is written under a temporary name
 * beside its own and renamed into place when whole: a file's first write (a `.partial`, or the
 * sanitized database's `.work` copy before it is redacted), its second write (file-out.ts), a
 * replay of the job memo (job-memo.ts). A reader of the folder (the Action's artifact upload, a
 * release asset) then finds under a file's own name the whole file of this run or of an earlier
 * one, never a file cut short. A job killed before its renames leaves those files in the output
 * folder, where the next run's upload of the folder would publish them. Each name carries its
 * writer's process id, so the next job removes what a process no longer running left, and leaves
 * alone the files of one still writing (another job into the same folder).
 *
 * A whole file is flushed to the disk before its rename, so that after a power cut a name never
 * points at a file cut short. The flush is started on libuv's thread pool as soon as the file is
 * whole (`flushWhenWhole`), while the job writes the next one; the commit then flushes each file
 * again through the descriptor it was written with, which waits for the pool's flush and reports
 * any write-back error since that descriptor was opened (an error the pool's own descriptor took
 * is still this one's to report). Renaming over an earlier file would free its blocks and page
 * cache inside the call: on the report's worker thread the earlier file first gets a second,
 * hidden name (`.<file>.<pid>.old`), so the rename frees nothing, and that name is unlinked on the
 * thread pool (`replaceOffPath`) while the worker ends (its caller waits for its end). On the
 * caller's thread the rename frees the earlier file as before: `runJob` returns there with nothing
 * left to wait for, and its folder must then hold only its files.
 */

/** The temporary name of `path` (a file of an output folder) while this process writes it. */
export function nextWriteName(path: string): string {
  return `${path}.${process.pid}.alt-next`
}

/** The temporary name, in `outDir`, of a memo's file `name` while this process replays it. */
export function replayName(outDir: string, name: string): string {
  return join(outDir, `.${name}.${process.pid}.memo`)
}

/** The temporary name of `path` while this process writes it before it is whole: hidden, beside it. */
export function partialName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.partial`)
}

/** The name of the copy of a store this process redacts into the sanitized database at `path`. */
export function workName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.work`)
}

/** The second name an earlier file is given while this process replaces it: unlinked off the wall's path. */
export function oldName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.old`)
}

/** What SQLite may keep beside a database file while it is open. */
const SIDECARS = ['-wal', '-shm', '-journal']

// The last alternative is the sanitized database's working copy as versions before this one named
// it (`<file>.tmp-<pid>`): the store unredacted, left by an export that was killed.
const LEFTOVER = /^(?:\.(.+)\.(\d+)\.(?:memo|partial|work|old)(?:-wal|-shm|-journal)?|(.+)\.(\d+)\.alt-next|(.+)\.tmp-(\d+)(?:-wal|-shm|-journal)?)$/

/**
 * Removes from `outDir` what a job no longer running left there; returns the names removed. With
 * `file`, only what was left while writing that file (a CLI's `--out`, in a folder that is not
 * the tool's own).
 */
export function removeLeftovers(outDir: string, file?: string): string[] {
  let names: string[]
  try {
    names = readdirSync(outDir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names.sort()) {
    const m = LEFTOVER.exec(name)
    if (!m || processRunning(Number(m[2] ?? m[4] ?? m[6]))) continue
    if (file !== undefined && !ofFile(m[1] ?? m[3] ?? m[5], file)) continue
    rmSync(join(outDir, name), { force: true })
    removed.push(name)
  }
  return removed
}

/** Whether a leftover's stem (a file's name, or its partial name for a second write) is of `file`. */
function ofFile(stem: string, file: string): boolean {
  return stem === file || new RegExp(`^\\.${escape(file)}\\.\\d+\\.partial$`).test(stem)
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Writes `content` to `path` under its temporary name, and puts it into place when whole. */
export function writeWhole(path: string, content: string): void {
  const temp = partialName(path)
  try {
    writeSynced(temp, content)
    place(temp, path)
  } finally {
    rmSync(temp, { force: true })
  }
}

/**
 * The descriptor each whole file was written with, by path, kept open until its commit: a flush
 * through it reports a write-back error that happened at any time since the file was opened.
 */
const whole = new Map<string, number>()

/**
 * `path` is whole, written through `fd` (opened before its first byte): its flush starts on the
 * thread pool now, and `fd` is kept for `flushed`. A file written again under the same path
 * (the last check's second rendering) replaces the earlier one's entry.
 */
export function flushWhenWhole(path: string, fd: number): void {
  forget(path)
  whole.set(path, fd)
  let early: number
  try {
    early = openSync(path, 'r')
  } catch {
    return
  }
  // Its outcome is the commit's to report, through `fd`: this only starts the write-back early.
  fdatasync(early, () => close(early, () => {}))
}

/** Drops what `flushWhenWhole` kept for `path` (a file replaced, or abandoned). */
export function forget(path: string): void {
  const fd = whole.get(path)
  if (fd === undefined) return
  whole.delete(path)
  closeSync(fd)
}

/**
 * Flushes a whole file to the disk (waiting for a flush the thread pool started) before its
 * rename, so a power cut after it cannot leave a name on a file cut short. `name` is told in the
 * error when the disk does not take it.
 */
export function flushed(path: string, name: string): void {
  const fd = whole.get(path)
  whole.delete(path)
  try {
    if (fd === undefined) syncFile(path)
    else {
      try {
        fdatasyncSync(fd)
      } finally {
        closeSync(fd)
      }
    }
  } catch (e) {
    throw new Error(`${name} could not be flushed to the disk: ${(e as Error).message}`, { cause: e })
  }
}

/** Old names whose unlink was started on the thread pool and has not been seen done. */
const unlinking = new Set<string>()
let waiters: (() => void)[] = []

/**
 * Renames `temp` over `path`; with `offPath` (by default on a worker thread) without freeing the
 * earlier file inside the call: the earlier file gets a second name first, which is unlinked on
 * the thread pool. A reader finds under `path` the earlier file until the rename, then this one;
 * a process killed between the link and the unlink leaves the second name (the earlier file,
 * whole), which the next run's `removeLeftovers` removes.
 */
export function replaceOffPath(temp: string, path: string, offPath = !isMainThread): void {
  if (!offPath) {
    renameSync(temp, path)
    return
  }
  const old = oldName(path)
  let linked = true
  try {
    linkSync(path, old)
  } catch (e) {
    // No earlier file (ENOENT), or one left by this process (EEXIST): that one is removed at
    // once; a file system without hard links renames over the earlier file as before.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      rmSync(old, { force: true })
      linked = tryLink(path, old)
    } else linked = false
  }
  if (linked) crashWhilePlacing(path, 'linked')
  renameSync(temp, path)
  if (!linked) return
  crashWhilePlacing(path, 'renamed')
  unlinkLater(old)
}

function tryLink(path: string, old: string): boolean {
  try {
    linkSync(path, old)
    return true
  } catch {
    return false
  }
}

function unlinkLater(old: string): void {
  if (unlinking.size === 0) process.once('exit', unlinkLeft)
  unlinking.add(old)
  unlink(old, () => {
    unlinking.delete(old)
    if (unlinking.size === 0) {
      process.removeListener('exit', unlinkLeft)
      const w = waiters
      waiters = []
      for (const f of w) f()
    }
  })
}

/** What the thread pool had not unlinked when the process ends (`process.exit`) is unlinked here. */
function unlinkLeft(): void {
  for (const old of unlinking) {
    try {
      unlinkSync(old)
    } catch {
      // Unlinked on the pool meanwhile.
    }
  }
  unlinking.clear()
}

/** Settles once every earlier file this process set aside is unlinked. */
export function oldFilesGone(): Promise<void> {
  return unlinking.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))
}

function writeSynced(path: string, content: string): void {
  const fd = openSync(path, 'w')
  try {
    crashWhileWriting(path, () => writeSync(fd, content.slice(0, content.length >> 1)))
    writeSync(fd, content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Flushes a whole file to the disk before its rename, so a power cut after it cannot leave the name on a file cut short. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Renames a whole file into place. What SQLite left beside the file it replaces goes first: a
 * journal beside the new database would be read as its own.
 */
export function place(temp: string, path: string): void {
  syncFile(temp)
  for (const s of SIDECARS) rmSync(path + s, { force: true })
  renameSync(temp, path)
}

/**
 * The files of one job, written under their temporary names in `dir` and put into place together
 * once every one is whole: a job that fails or is killed before then leaves the earlier run's
 * files as they were.
 */
export class StagedFiles {
  /** Temporary name by file name, in the order first asked for. */
  private readonly staged = new Map<string, string>()

  /** `offPath`: the earlier files are freed on the thread pool (`replaceOffPath`; by default on a worker thread). */
  constructor(
    readonly dir: string,
    private readonly offPath = !isMainThread
  ) {}

  /** The temporary name file `name` is written under. */
  path(name: string): string {
    let temp = this.staged.get(name)
    if (temp === undefined) this.staged.set(name, (temp = partialName(join(this.dir, name))))
    return temp
  }

  /** Writes a file whole; its flush starts on the thread pool. */
  write(name: string, content: string): void {
    const path = this.path(name)
    const fd = openSync(path, 'w')
    try {
      crashWhileWriting(path, () => writeSync(fd, content.slice(0, content.length >> 1)))
      writeSync(fd, content)
    } catch (e) {
      closeSync(fd)
      throw e
    }
    flushWhenWhole(path, fd)
  }

  /**
   * Puts every file written into place: each is flushed first (a flush that fails leaves every
   * earlier file in place), then renamed, the earlier files unlinked off the wall's path.
   */
  commit(): void {
    for (const [name, temp] of this.staged) flushed(temp, name)
    for (const [name, temp] of this.staged) {
      const path = join(this.dir, name)
      for (const s of SIDECARS) rmSync(path + s, { force: true })
      replaceOffPath(temp, path, this.offPath)
    }
    this.staged.clear()
  }

  /** Removes what was written (after a failure). */
  abandon(): void {
    for (const temp of this.staged.values()) {
      forget(temp)
      for (const s of ['', ...SIDECARS]) rmSync(temp + s, { force: true })
    }
    this.staged.clear()
  }
}

/**
 * A test hook for what a killed job leaves (as src/ingest/crash-point.ts): with
 * `AI_LOG_TRAIL_CRASH_WRITING=<a file's name>` in the environment, the process kills itself with
 * SIGKILL while it writes that file, once `partly` has written some of it.
 */
export function crashWhileWriting(path: string, partly: () => void = () => {}): void {
  const name = process.env.AI_LOG_TRAIL_CRASH_WRITING
  if (!name || ownName(basename(path)) !== name) return
  partly()
  process.kill(process.pid, 'SIGKILL')
}

/**
 * A test hook like `crashWhileWriting`: with `AI_LOG_TRAIL_CRASH_PLACING=<a file's name>@linked`
 * the process kills itself once that file's earlier copy has its second name, before the rename;
 * with `@renamed`, after the rename, before the second name is unlinked.
 */
function crashWhilePlacing(path: string, point: 'linked' | 'renamed'): void {
  if (process.env.AI_LOG_TRAIL_CRASH_PLACING === `${basename(path)}@${point}`) process.kill(process.pid, 'SIGKILL')
}

/** The name a file written under its temporary names ends under. */
function ownName(name: string): string {
  for (;;) {
    const m = /^\.(.+)\.\d+\.(?:partial|work)$/.exec(name) ?? /^(.+)\.\d+\.alt-next$/.exec(name)
    if (!m) return name
    name = m[1]
  }
}

/**
 * Renames a file's second write (`FileOut`) over its first under the temporary name the commit
 * reads: the first is freed off the wall's path, and what was kept for its flush is dropped.
 */
export function replaceStaged(temp: string, path: string): void {
  forget(path)
  replaceOffPath(temp, path)
}
