import { createHash } from 'node:crypto'
import type { SessionReport, Turn } from './report.js'
import type { SessionList } from './session-list.js'
import { SessionSpill } from '../store/session-spill.js'

/** Past this many sessions a report's redacted sessions go to the spill file instead of being held. */
export const SPILL_AT = 2_000

/**
 * Past this many characters of turn text held, they go there too, however few the sessions: a
 * full-mode report of a few hundred sessions holds the text of every turn (docs/performance.md,
 * "A full-mode dry-run's memory"). A summary-mode report has no turns and never spills by size.
 */
export const SPILL_CHARS = 4 << 20

/**
 * Sessions written or read back per query: at most this many, and no more once this many
 * characters of JSON are gathered. Every session of a page is live at once, its JSON text and,
 * read back, its objects: a page of 500 full-mode sessions was most of a report.
 */
const PAGE = 500
const PAGE_CHARS = 1 << 20

/** The characters of a session's turn texts: what a report's session holds that grows with its log. */
export function turnChars(turns: readonly Turn[]): number {
  let n = 0
  for (const t of turns) {
    if (t.prompt) n += t.prompt.text.length
    for (const a of t.actions) n += (a.text?.length ?? 0) + (a.arguments?.length ?? 0) + (a.output?.length ?? 0)
  }
  return n
}

/**
 * A text kept elsewhere, read only when a reader asks for it: a found session's JSON, which stays
 * in the store's entry (src/redact/full-sessions.ts) instead of being copied to the spill. `read`
 * checks it before giving it, and throws when it no longer is what was found.
 */
export interface StoredText {
  readonly stored: true
  read(): string
}

export function isStoredText(x: string | Buffer | StoredText): x is StoredText {
  return (x as StoredText).stored === true
}

/**
 * A redacted session as the texts the spill holds of it: its JSON (`JSON.stringify` of the
 * session), its head (the same with no turns), its prompts (the same with every turn's actions
 * left out), each a string or its UTF-8 bytes (the JSON may be a `StoredText`), the SHA-256 of
 * its JSON (base64) and its turn text's characters (`turnChars`). A session found in the full
 * report's cache comes as these, kept from the run that made them, and is parsed only when a
 * reader needs the object (`session`): a report held in memory. `release`, once the sink has
 * written the texts, gives back the memory behind their bytes (nothing may read them after).
 */
export interface SessionTexts {
  readonly texts: true
  readonly id: string
  readonly json: string | Buffer | StoredText
  readonly head: string | Buffer
  readonly prompts: string | Buffer
  readonly digest: string
  readonly turnChars: number
  session(): SessionReport
  release?(): void
}

/** The texts of a session as `SessionSink` writes them (its JSON given when the caller has it). */
export function sessionTexts(s: SessionReport, json: string = JSON.stringify(s)): SessionTexts {
  return {
    texts: true,
    id: s.id,
    json,
    head: s.turns.length ? JSON.stringify({ ...s, turns: [] }) : json,
    prompts: s.turns.length ? JSON.stringify({ ...s, turns: s.turns.map((t) => ({ ...t, actions: [] })) }) : json,
    digest: createHash('sha256').update(json).digest('base64'),
    turnChars: turnChars(s.turns),
    session: () => s
  }
}

export function isSessionTexts(x: SessionReport | SessionTexts): x is SessionTexts {
  return (x as SessionTexts).texts === true
}

/** The job's spill file, opened when a report first needs it; `close` deletes it. */
export class SpillFile {
  private file: SessionSpill | null = null
  private readonly closing: (() => void)[] = []

  /**
   * `spillAt`: sessions a report holds before it spills them (tests spill every report); `parent`:
   * where the file goes, the system's temporary folder by default; `spillChars`: characters of
   * turn text a report holds before it spills them.
   */
  constructor(
    readonly spillAt = SPILL_AT,
    private readonly parent?: string,
    readonly spillChars = SPILL_CHARS
  ) {}

  get(): SessionSpill {
    return (this.file ??= new SessionSpill(this.parent))
  }

  /** Runs `f` when the file is closed: what its lists' stored texts were read from is let go with it. */
  onClose(f: () => void): void {
    this.closing.push(f)
  }

  close(): void {
    this.file?.close()
    this.file = null
    for (const f of this.closing.splice(0)) f()
  }
}

/**
 * A report's redacted sessions, added in the report's order: held in an array up to `spillAt`
 * sessions and `spillChars` characters of turn text, then written to the spill file a page at a
 * time, as JSON (which gives back the same values: a report is plain data). `list` then reads
 * them as often as a renderer asks.
 */
export class SessionSink {
  private held: (SessionReport | SessionTexts)[] | null = []
  private heldJson: (string | undefined)[] = []
  private heldChars = 0
  private pending: (string | Buffer)[] = []
  private pendingHeads: (string | Buffer)[] = []
  private pendingPrompts: (string | Buffer)[] = []
  private pendingReleases: (() => void)[] = []
  private pendingChars = 0
  private readonly digests: string[] = []
  /** The sessions whose JSON stays where it was found, by their place in the list: their rows of the list are empty. */
  private readonly stored = new Map<number, StoredText>()
  private written = 0
  private list = -1
  private headList = -1
  private promptList = -1
  private count = 0

  /** `keepPrompts`: also keep each spilled session's prompts without the actions (`SessionList.prompts`). */
  constructor(
    private readonly file: SpillFile,
    private readonly keepPrompts = false
  ) {}

  get length(): number {
    return this.count
  }

  /**
   * `json`, when the caller has it: `JSON.stringify(s)`, which is what a spilled session is written
   * as. A session given as its texts is written as them, and parsed only if the sink is held.
   */
  add(s: SessionReport | SessionTexts, json?: string): void {
    this.count++
    if (this.held) {
      this.held.push(s)
      this.heldJson.push(json)
      this.heldChars += isSessionTexts(s) ? s.turnChars : turnChars(s.turns)
      if (this.held.length <= this.file.spillAt && this.heldChars <= this.file.spillChars) return
      this.list = this.file.get().newList()
      this.headList = this.file.get().newList()
      if (this.keepPrompts) this.promptList = this.file.get().newList()
      const held = this.held
      const heldJson = this.heldJson
      this.held = null
      this.heldJson = []
      for (let i = 0; i < held.length; i++) this.push(held[i], heldJson[i])
    } else this.push(s, json)
  }

  private push(s: SessionReport | SessionTexts, known?: string): void {
    if (isSessionTexts(s)) {
      const json = s.json
      if (isStoredText(json)) {
        this.stored.set(this.digests.length, json)
        this.pending.push('')
      } else {
        this.pending.push(json)
        this.pendingChars += json.length
      }
      this.digests.push(s.digest)
      this.pendingHeads.push(s.head)
      if (this.keepPrompts) this.pendingPrompts.push(s.prompts)
      if (s.release) this.pendingReleases.push(s.release)
      if (this.pending.length >= PAGE || this.pendingChars >= PAGE_CHARS) this.flush()
      return
    }
    const json = known ?? JSON.stringify(s)
    this.digests.push(createHash('sha256').update(json).digest('base64'))
    this.pending.push(json)
    this.pendingHeads.push(s.turns.length ? JSON.stringify({ ...s, turns: [] }) : json)
    if (this.keepPrompts) this.pendingPrompts.push(s.turns.length ? JSON.stringify({ ...s, turns: s.turns.map((t) => ({ ...t, actions: [] })) }) : json)
    this.pendingChars += json.length
    if (this.pending.length >= PAGE || this.pendingChars >= PAGE_CHARS) this.flush()
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
    if (this.held) {
      const held = this.held.map((s) => {
        if (!isSessionTexts(s)) return s
        const session = s.session()
        s.release?.()
        return session
      })
      this.held = held
      return held
    }
    this.flush()
    const spill = this.file.get()
    const length = this.count
    // A restored session is not what was spilled: its list has no digests.
    const digests = restore ? undefined : this.digests
    // Only the sessions' own list leaves rows to the texts stored elsewhere.
    const stored = this.stored
    const own = this.list
    const read = (list: number, restore?: (s: SessionReport, index: number) => SessionReport, heads?: SessionList, prompts?: SessionList): SessionList => ({
      length,
      heads,
      prompts,
      ...(digests && {
        digests,
        readAt(index: number): SessionReport {
          const kept = list === own ? stored.get(index) : undefined
          const t = kept ? kept.read() : spill.at(list, index)
          if (t === undefined) throw new Error('a spilled session is missing')
          return JSON.parse(t) as SessionReport
        }
      }),
      *[Symbol.iterator]() {
        for (let from = 0; from < length;) {
          const texts = spill.read(list, from, PAGE, PAGE_CHARS)
          if (!texts.length) throw new Error('a spilled session is missing')
          for (const t of texts) {
            const kept = list === own ? stored.get(from) : undefined
            const s = JSON.parse(kept ? kept.read() : t) as SessionReport
            yield restore ? restore(s, from) : s
            from++
          }
        }
      }
    })
    // A restored session's turns are not those spilled: it has no list of prompts.
    return read(this.list, restore, read(this.headList), this.keepPrompts && !restore ? read(this.promptList) : undefined)
  }

  private flush(): void {
    if (!this.pending.length) return
    this.file.get().write(this.list, this.written, this.pending)
    this.file.get().write(this.headList, this.written, this.pendingHeads)
    if (this.keepPrompts) this.file.get().write(this.promptList, this.written, this.pendingPrompts)
    this.written += this.pending.length
    this.pending = []
    this.pendingHeads = []
    this.pendingPrompts = []
    this.pendingChars = 0
    // SQLite copied the bytes.
    for (const release of this.pendingReleases) release()
    this.pendingReleases = []
  }
}
