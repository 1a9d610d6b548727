import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { crashWhileWriting, flushWhenWhole, nextWriteName, replaceStaged } from '../output-folder.js'

/** Text gathered before a write: few system calls, and never more than this held. */
const WRITE_CHUNK = 1 << 20

/** What a region of a written file was (src/render/region.ts): its bytes, and what the last check found in it, in order. */
export interface WrittenRegion {
  start: number
  end: number
  /** Detectors of the last check's findings in the region, in the order they were counted. */
  detectors: string[]
  /** UTF-8 bytes of the region as rendered (before the check changed any). */
  renderedBytes: number
}

/** A written file's regions by key: what the next rendering of the same file may copy. */
export interface WrittenFile {
  path: string
  regions: Map<string, WrittenRegion>
}

/**
 * A file written a text at a time, counting its bytes, which can copy a region of the file it
 * replaces (`previous`: the same path, written before). It is written beside its path and put in
 * its place at `close`: the regions copied are read from the file as it was, and a process killed
 * while writing leaves under the path the file before, never one cut short (leftovers.ts).
 */
export class FileOut {
  private readonly fd: number
  private readonly tmp: string
  private pending = ''
  private bytes = 0
  private oldFd: number | null = null

  constructor(
    readonly path: string,
    private readonly previous?: WrittenFile
  ) {
    this.tmp = nextWriteName(path)
    this.fd = openSync(this.tmp, 'w')
  }

  /** Bytes written so far, counting what is gathered. */
  get offset(): number {
    return this.bytes
  }

  write(text: string, bytes = Buffer.byteLength(text)): void {
    this.pending += text
    this.bytes += bytes
    if (this.pending.length >= WRITE_CHUNK) this.flush()
  }

  /**
   * Writes UTF-8 bytes as they are (a kept part, src/pipeline/render-parts.ts): the same bytes
   * `write` would of their text, without decoding them into a string and encoding it again.
   */
  writeBytes(b: Buffer): void {
    this.flush()
    crashWhileWriting(this.path, () => writeSync(this.fd, b, 0, b.length >> 1))
    writeSync(this.fd, b)
    this.bytes += b.length
  }

  /** The region of the previous file under `key`, if there is one. */
  previousRegion(key: string): WrittenRegion | undefined {
    return this.previous?.regions.get(key)
  }

  /** Copies a region of the previous file here; `keep` is given its text when asked for. */
  copy(r: WrittenRegion, keep?: (text: string) => void): void {
    this.flush()
    const old = (this.oldFd ??= openSync(this.previous!.path, 'r'))
    const buf = Buffer.allocUnsafe(Math.min(WRITE_CHUNK, Math.max(1, r.end - r.start)))
    const kept: Buffer[] = []
    for (let at = r.start; at < r.end;) {
      const n = readSync(old, buf, 0, Math.min(buf.length, r.end - at), at)
      if (n <= 0) throw new Error('a written region is missing')
      writeSync(this.fd, buf, 0, n)
      if (keep) kept.push(Buffer.from(buf.subarray(0, n)))
      at += n
    }
    this.bytes += r.end - r.start
    if (keep) keep(Buffer.concat(kept).toString('utf8'))
  }

  private flush(): void {
    if (!this.pending) return
    crashWhileWriting(this.path, () => writeSync(this.fd, this.pending.slice(0, this.pending.length >> 1)))
    writeSync(this.fd, this.pending)
    this.pending = ''
  }

  /**
   * Writes what is gathered; the file replaces the previous one, and its flush to the disk starts
   * on the thread pool (src/output-folder.ts), through the descriptor it was written with.
   */
  close(): void {
    try {
      this.flush()
    } catch (e) {
      closeSync(this.fd)
      throw e
    } finally {
      if (this.oldFd !== null) closeSync(this.oldFd)
    }
    try {
      replaceStaged(this.tmp, this.path)
    } catch (e) {
      closeSync(this.fd)
      throw e
    }
    flushWhenWhole(this.path, this.fd)
  }

  /** Closes and removes what was written of a file not finished. */
  abandon(): void {
    try {
      closeSync(this.fd)
      if (this.oldFd !== null) closeSync(this.oldFd)
    } finally {
      rmSync(this.tmp, { force: true })
    }
  }
}
