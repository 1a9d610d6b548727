import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

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

/** What SQLite may keep beside a database file while it is open. */
const SIDECARS = ['-wal', '-shm', '-journal']

// The last alternative is the sanitized database's working copy as versions before this one named
// it (`<file>.tmp-<pid>`): the store unredacted, left by an export that was killed.
const LEFTOVER = /^(?:\.(.+)\.(\d+)\.(?:memo|partial|work)(?:-wal|-shm|-journal)?|(.+)\.(\d+)\.alt-next|(.+)\.tmp-(\d+)(?:-wal|-shm|-journal)?)$/

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
    if (!m || running(Number(m[2] ?? m[4] ?? m[6]))) continue
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

  constructor(readonly dir: string) {}

  /** The temporary name file `name` is written under. */
  path(name: string): string {
    let temp = this.staged.get(name)
    if (temp === undefined) this.staged.set(name, (temp = partialName(join(this.dir, name))))
    return temp
  }

  write(name: string, content: string): void {
    writeSynced(this.path(name), content)
  }

  /** Puts every file written into place. */
  commit(): void {
    for (const [name, temp] of this.staged) place(temp, join(this.dir, name))
    this.staged.clear()
  }

  /** Removes what was written (after a failure). */
  abandon(): void {
    for (const temp of this.staged.values()) for (const s of ['', ...SIDECARS]) rmSync(temp + s, { force: true })
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

/** The name a file written under its temporary names ends under. */
function ownName(name: string): string {
  for (;;) {
    const m = /^\.(.+)\.\d+\.(?:partial|work)$/.exec(name) ?? /^(.+)\.\d+\.alt-next$/.exec(name)
    if (!m) return name
    name = m[1]
  }
}
