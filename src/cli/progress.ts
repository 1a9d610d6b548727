import { statSync } from 'node:fs'
import { walkFiles } from '../ingest/walk.js'

/**
 * A one-line progress report on a terminal's stderr for ingests that take more than a second:
 * files, MB, MB/s and the time left. Silent when stderr is not a terminal (CI logs, pipes), and
 * never on stdout, which carries results.
 */
export interface ProgressOptions {
  write: (text: string) => void
  totalBytes: number
  totalFiles: number
  now?: () => number
  /** Nothing is shown before this many milliseconds (default 1,000). */
  delayMs?: number
}

export class Progress {
  private readonly start: number
  private done = new Map<string, number>()
  private lastDraw = 0
  private drawn = false
  private readonly now: () => number

  constructor(private o: ProgressOptions) {
    this.now = o.now ?? (() => Date.now())
    this.start = this.now()
  }

  /** Bytes read so far in `file` (ingest reports each file's offset as it goes). */
  update(file: string, bytes: number): void {
    this.done.set(file, bytes)
    const t = this.now()
    if (t - this.start < (this.o.delayMs ?? 1000) || t - this.lastDraw < 100) return
    this.lastDraw = t
    this.draw(t)
  }

  private draw(t: number): void {
    let bytes = 0
    for (const b of this.done.values()) bytes += b
    const secs = (t - this.start) / 1000
    const mbs = bytes / 1e6 / Math.max(secs, 0.001)
    const left = mbs > 0 ? Math.max(0, (this.o.totalBytes - bytes) / 1e6 / mbs) : 0
    const line = `ingest: ${this.done.size}/${this.o.totalFiles} files, ${(bytes / 1e6).toFixed(1)}/${(this.o.totalBytes / 1e6).toFixed(1)} MB, ${mbs.toFixed(1)} MB/s, ${formatEta(left)} left`
    this.o.write(`\r${line}\x1b[K`)
    this.drawn = true
  }

  /** Clears the line if one was drawn. */
  finish(): void {
    if (this.drawn) this.o.write('\r\x1b[K')
  }
}

export function formatEta(seconds: number): string {
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}

/** Sizes the work first (a stat per file) so the progress line can say how much is left. */
export async function progressFor(paths: string[], write: (text: string) => void, clock: Pick<ProgressOptions, 'now' | 'delayMs'> = {}): Promise<Progress> {
  let totalBytes = 0
  let totalFiles = 0
  for await (const f of walkFiles(paths)) {
    try {
      totalBytes += statSync(f).size
      totalFiles++
    } catch {
      // unreadable files are reported by the ingest itself
    }
  }
  return new Progress({ write, totalBytes, totalFiles, ...clock })
}
