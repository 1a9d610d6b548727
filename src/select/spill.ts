import type { SessionReport } from './report.js'
import type { SessionList } from './session-list.js'
import { SessionSpill } from '../store/session-spill.js'

/** Past this many sessions a report's redacted sessions go to the spill file instead of being held. */
export const SPILL_AT = 2_000

/** Sessions read back per query: at most this many, and no more once this many characters of JSON are read. */
const READ_PAGE = 500
const READ_CHARS = 8 << 20

/** The job's spill file, opened when a report first needs it; `close` deletes it. */
export class SpillFile {
  private file: SessionSpill | null = null

  /**
   * `spillAt`: sessions a report holds before it spills them (tests spill every report); `parent`:
   * where the file goes, the system's temporary folder by default.
   */
  constructor(
    readonly spillAt = SPILL_AT,
    private readonly parent?: string
  ) {}

  get(): SessionSpill {
    return (this.file ??= new SessionSpill(this.parent))
  }

  close(): void {
    this.file?.close()
    this.file = null
  }
}

/**
 * A report's redacted sessions, added in the report's order: held in an array up to `spillAt`,
 * then written to the spill file a page at a time, as JSON (which gives back the same values:
 * a report is plain data). `list` then reads them as often as a renderer asks.
 */
export class SessionSink {
  private held: SessionReport[] | null = []
  private pending: string[] = []
  private written = 0
  private list = -1
  private count = 0

  constructor(private readonly file: SpillFile) {}

  get length(): number {
    return this.count
  }

  add(s: SessionReport): void {
    this.count++
    if (this.held) {
      this.held.push(s)
      if (this.held.length <= this.file.spillAt) return
      this.list = this.file.get().newList()
      for (const h of this.held) this.pending.push(JSON.stringify(h))
      this.held = null
    } else this.pending.push(JSON.stringify(s))
    if (this.pending.length >= READ_PAGE) this.flush()
  }

  /** Whether every session is held in memory (the report was small). */
  get inMemory(): boolean {
    return this.held !== null
  }

  /**
   * The sessions, once all were added. `restore` gives a spilled session back what was held
   * apart from it (the comment's turns, which its window keeps trimming after a session is added).
   */
  sessions(restore?: (s: SessionReport, index: number) => SessionReport): SessionList {
    if (this.held) return this.held
    this.flush()
    const spill = this.file.get()
    const list = this.list
    const length = this.count
    return {
      length,
      *[Symbol.iterator]() {
        for (let from = 0; from < length;) {
          const texts = spill.read(list, from, READ_PAGE, READ_CHARS)
          if (!texts.length) throw new Error('a spilled session is missing')
          for (const t of texts) {
            const s = JSON.parse(t) as SessionReport
            yield restore ? restore(s, from) : s
            from++
          }
        }
      }
    }
  }

  private flush(): void {
    if (!this.pending.length) return
    this.file.get().write(this.list, this.written, this.pending)
    this.written += this.pending.length
    this.pending = []
  }
}
