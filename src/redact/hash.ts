import { createHmac, hash } from 'node:crypto'
import { Generations } from './generations.js'

/** Where the CLI and the Action find the per-repository redaction key. */
export const REDACTION_KEY_ENV = 'AI_LOG_TRAIL_REDACTION_KEY'

/** The redaction key in force, if any (the Action sets it from its `redaction-key` input). */
export function redactionKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[REDACTION_KEY_ENV]
  return key === undefined || key.trim() === '' ? undefined : key
}

const TAG_HEX = 10
/** Values longer than this are hashed each time they come: the memo must stay small whatever a field holds. */
const MEMO_VALUE_CHARS = 512
/** Digests (or keyed tags) of values the memo keeps at most. */
const MEMO_VALUES = 4_096

/**
 * Tags that let a reader tell two redacted identifiers apart without learning either. A plain
 * hash of an e-mail address confirms any guess of it, so a tag is either a keyed hash (HMAC-SHA-256
 * under the repository's secret key: the same value gets the same tag in every report) or,
 * without a key, a number in order of first appearance (`#1`, `#2`, …) that means nothing outside
 * the report. Numbers depend only on the order values are met, so the same input numbers the same.
 */
export class IdentifierTags {
  /** By kind, then by the value's digest: a session cache notes and replays digests, never values. */
  private readonly numbers = new Map<string, Map<string, number>>()
  private noted: Map<string, TagUse> | null = null
  /**
   * The digest (keyed: the tag) of short values met, by kind and value: the same e-mail address
   * or home path is found again and again, and hashing it each time was most of tagging it.
   */
  private readonly memo = new Generations<string, string>(MEMO_VALUES)

  /**
   * `from`: numbers an earlier pass over the same report gave (`numbering`), which these tags
   * continue: a value it numbered keeps its number, a new one gets the next free number of its kind.
   * Ignored with a key (keyed tags do not depend on order).
   */
  constructor(
    private readonly key?: string,
    from?: TagNumbering
  ) {
    if (key === undefined && from) for (const [kind, numbered] of Object.entries(from)) this.numbers.set(kind, new Map(numbered))
  }

  /** Whether tags are numbered in order of appearance (no key), so a part's tags depend on what came before it. */
  get numbered(): boolean {
    return this.key === undefined
  }

  /** `:<hex>` with a key, `#<n>` without; `kind` keeps e-mails, paths and hashed fields apart. */
  suffix(kind: string, value: string): string {
    const memoKey = value.length <= MEMO_VALUE_CHARS ? `${kind}\0${value}` : undefined
    let known = memoKey === undefined ? undefined : this.memo.get(memoKey)
    if (this.key !== undefined) {
      if (known === undefined) {
        known = `:${createHmac('sha256', this.key).update(`${kind}\0${value}`).digest('hex').slice(0, TAG_HEX)}`
        if (memoKey !== undefined) this.memo.set(memoKey, known)
      }
      return known
    }
    let byValue = this.numbers.get(kind)
    if (!byValue) {
      byValue = new Map()
      this.numbers.set(kind, byValue)
    }
    if (known === undefined) {
      known = hash('sha256', value, 'base64')
      if (memoKey !== undefined) this.memo.set(memoKey, known)
    }
    const digest = known
    let n = byValue.get(digest)
    if (n === undefined) {
      n = byValue.size + 1
      byValue.set(digest, n)
    }
    if (this.noted && !this.noted.has(`${kind}\0${digest}`)) this.noted.set(`${kind}\0${digest}`, [kind, digest, n])
    return `#${n}`
  }

  /** A field replaced whole by the `hash` policy or the metadata-only preset. */
  hashed(value: string): string {
    return `[hash${this.suffix('hash', value)}]`
  }

  /**
   * The numbers given so far, of `kinds` (every kind by default), as plain data that can cross to
   * another thread: what a later pass over the same report continues from. Empty with a key.
   */
  numbering(kinds?: readonly string[]): TagNumbering {
    const out: TagNumbering = {}
    if (this.key !== undefined) return out
    for (const [kind, byValue] of this.numbers) if (byValue.size > 0 && (!kinds || kinds.includes(kind))) out[kind] = [...byValue]
    return out
  }

  /** Starts noting each numbered tag's first use, until `takeNoted`. */
  note(): void {
    this.noted = new Map()
  }

  /** The numbered tags given since `note`, each at its first use, in order. */
  takeNoted(): TagUse[] {
    const uses = [...(this.noted?.values() ?? [])]
    this.noted = null
    return uses
  }

  /**
   * Numbers `uses` (noted while a part was redacted) as redacting that part again would, if that
   * gives every one the number it had then; otherwise changes nothing and returns false, and the
   * part must be redacted afresh (an earlier part met its values in another order).
   */
  replay(uses: readonly TagUse[]): boolean {
    if (this.key !== undefined) return uses.length === 0
    const added = new Map<string, Map<string, number>>()
    for (const [kind, digest, n] of uses) {
      const known = this.numbers.get(kind)
      let mine = added.get(kind)
      const had = known?.get(digest) ?? mine?.get(digest)
      if (had !== undefined) {
        if (had !== n) return false
        continue
      }
      if ((known?.size ?? 0) + (mine?.size ?? 0) + 1 !== n) return false
      if (!mine) added.set(kind, (mine = new Map()))
      mine.set(digest, n)
    }
    for (const [kind, mine] of added) {
      let byValue = this.numbers.get(kind)
      if (!byValue) this.numbers.set(kind, (byValue = new Map()))
      for (const [digest, n] of mine) byValue.set(digest, n)
    }
    return true
  }
}

/** A numbered tag's use: its kind, the SHA-256 of its value, its number. */
export type TagUse = [kind: string, digest: string, n: number]

/**
 * A report's numbered tags by kind: each value's SHA-256 and its number. Numbers of a kind are
 * 1 to its count, so a pass that continues them gives the next value the count plus one.
 */
export type TagNumbering = Record<string, [digest: string, n: number][]>
