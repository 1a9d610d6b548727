import { open, rename, stat, unlink } from 'node:fs/promises'

/** A lock older than this was left by a writer that died mid-rotation; rotation takes milliseconds. */
const STALE_LOCK_MS = 10_000

function isErrno(e: unknown, code: string): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === code
}

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return 0
    throw e
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return false
    throw e
  }
}

/**
 * `<path>.lock`, created with O_EXCL so only one writer rotates at a time: two unsynchronized
 * rotations would rename onto each other's `.N` and lose a file. Returns null when another writer
 * holds it; that writer is rotating, so the caller just appends to whatever `<path>` is now.
 */
async function acquireLock(path: string): Promise<(() => Promise<void>) | null> {
  const lockPath = `${path}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockPath, 'wx', 0o600)
      await fh.close()
      return () => unlink(lockPath).catch(() => undefined)
    } catch (e) {
      if (!isErrno(e, 'EEXIST')) throw e
      const st = await stat(lockPath).catch(() => null)
      if (st && Date.now() - st.mtimeMs < STALE_LOCK_MS) return null
      await unlink(lockPath).catch(() => undefined)
    }
  }
  return null
}

/** Moves `<path>.N` to `<path>.N+1`, highest first, so no rename lands on an existing file. */
async function shiftRotated(path: string): Promise<void> {
  let n = 0
  while (await exists(`${path}.${n + 1}`)) n++
  for (let i = n; i >= 1; i--) await rename(`${path}.${i}`, `${path}.${i + 1}`)
}

/**
 * Rotates `<path>` to `<path>.1` (older files shifted up, none deleted) when appending `incoming`
 * bytes would take it past `maxBytes`. A file that is empty is never rotated, so a single record
 * larger than `maxBytes` still gets written, alone in its file.
 */
export async function rotateIfFull(path: string, incoming: number, maxBytes: number): Promise<void> {
  const full = (size: number) => size > 0 && size + incoming > maxBytes
  if (!full(await sizeOf(path))) return
  const release = await acquireLock(path)
  if (!release) return
  try {
    // Another writer may have rotated between the size check and taking the lock.
    if (!full(await sizeOf(path))) return
    await shiftRotated(path)
    await rename(path, `${path}.1`)
  } finally {
    await release()
  }
}
