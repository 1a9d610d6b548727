import { KeywordScanner } from './keyword-scan.js'
import type { Detector } from './types.js'

/*
 * Keyword prefilter, as in gitleaks and trufflehog: most detectors need a literal (`ghp_`,
 * `AKIA`, `-----BEGIN`) that ordinary text lacks, so one pass that finds which keywords a view
 * contains spares running their regexes over it. Detectors without keywords always run.
 */

/** The keywords a text holds (null when none); memoised texts share one, so it is never changed. */
export type Keywords = KeywordSet | null

class KeywordSet {
  /** The detectors it selects, once asked for. */
  selection?: readonly Detector[]
  constructor(readonly flags: Uint8Array) {}
}

/** What `Detector.keywords` may hold: lower-case printable ASCII, so no keyword spans a line. */
const KEYWORD = /^[\x20-\x40\x5b-\x7e]+$/

/** Which detectors of one list (or which of their parts) are worth running on a given text. */
export class Prefilter {
  /** A copy, so a list changed in place after first use is noticed (see `prefilterFor`). */
  readonly detectors: readonly Detector[]
  /** The detectors with their parts in their place: what is selected and run. */
  private readonly units: readonly Detector[]
  /** The detectors with a `findInField` hook, which every keyed value is shown to. */
  readonly fieldDetectors: readonly Detector[]
  private readonly words: KeywordScanner
  /** Single characters are cheaper to find with `includes` than one per occurrence of every `-` or `.`. */
  private readonly chars: Array<{ id: number; variants: string[] }> = []
  /** By keyword id, the positions in `units` of the units that declare it. */
  private readonly users: number[][] = []
  /** The units without keywords, which run on every text. */
  private readonly always: readonly Detector[]
  private readonly count: number
  private readonly longest: number
  /** 1 at the positions in `units` of the units without keywords. */
  private readonly idle: Uint8Array

  constructor(detectors: readonly Detector[]) {
    this.detectors = [...detectors]
    this.fieldDetectors = detectors.filter((d) => d.findInField)
    const units = detectors.flatMap((d) => d.parts ?? [d])
    this.units = units
    const ids = new Map<string, number>()
    units.forEach((d, i) => {
      for (const k of d.keywords ?? []) {
        if (!KEYWORD.test(k)) throw new Error(`detector ${d.id}: keyword ${JSON.stringify(k)} is not lower-case printable ASCII`)
        if (!ids.has(k)) ids.set(k, ids.size)
        ;(this.users[ids.get(k) as number] ??= []).push(i)
      }
    })
    this.always = units.filter((d) => !d.keywords)
    this.idle = new Uint8Array(units.map((d) => (d.keywords ? 0 : 1)))
    this.count = ids.size
    this.longest = Math.max(0, ...[...ids.keys()].map((k) => k.length))
    for (const [k, id] of ids) if (k.length === 1) this.chars.push({ id, variants: [...new Set([k, k.toUpperCase()])] })
    this.words = new KeywordScanner(ids)
  }

  /** True when this was built from exactly these detectors, in this order. */
  builtFrom(detectors: readonly Detector[]): boolean {
    if (detectors.length !== this.detectors.length) return false
    for (let i = 0; i < detectors.length; i++) if (detectors[i] !== this.detectors[i]) return false
    return true
  }

  /** The units, in list order, that have no keywords or one of whose keywords is present. */
  select(keywords: Keywords): readonly Detector[] {
    if (keywords === null) return this.always
    if (!keywords.selection) {
      const chosen = this.idle.slice()
      for (let id = 0; id < this.count; id++) if (keywords.flags[id]) for (const i of this.users[id]) chosen[i] = 1
      const out: Detector[] = []
      for (let i = 0; i < chosen.length; i++) if (chosen[i]) out.push(this.units[i])
      keywords.selection = out
    }
    return keywords.selection
  }

  /** The keywords `text` holds. */
  keywordsIn(text: string): Keywords {
    return this.scan(text, null)
  }

  /**
   * The keywords of a text that equals one holding `base`, except that it was cut and glued
   * at `offsets`: only a keyword across a glue point can be new, so only around them is read.
   */
  keywordsAcross(text: string, offsets: readonly number[], base: Keywords): Keywords {
    const reach = this.longest - 1
    const windows: string[] = []
    for (const at of offsets) windows.push(text.slice(Math.max(0, at - reach), at + reach))
    // Keywords hold no line break, so none is found across two windows.
    return this.scan(windows.join('\n'), base)
  }

  /** `base` plus the keywords found in `text`, as a new set (or `base` when nothing is added). */
  private scan(text: string, base: Keywords): Keywords {
    let found: Uint8Array | null = null
    const add = (id: number): void => {
      if (base?.flags[id] || found?.[id]) return
      found ??= base ? base.flags.slice() : new Uint8Array(this.count)
      found[id] = 1
    }
    for (const c of this.chars) if (c.variants.some((v) => text.includes(v))) add(c.id)
    this.words.scan(text, add)
    return found ? new KeywordSet(found) : base
  }
}

const cache = new WeakMap<readonly Detector[], Prefilter>()

/** The list whose prefilter `withPrefilter` looked up, while the value it was given is redacted. */
let pinned: { detectors: readonly Detector[]; prefilter: Prefilter } | undefined

/** The prefilter of a detector list, built once per list (and again if the list was changed). */
export function prefilterFor(detectors: readonly Detector[]): Prefilter {
  if (pinned !== undefined && pinned.detectors === detectors) return pinned.prefilter
  let p = cache.get(detectors)
  if (!p || !p.builtFrom(detectors)) {
    p = new Prefilter(detectors)
    cache.set(detectors, p)
  }
  return p
}

/**
 * Runs `redact` with the prefilter of `detectors` looked up once. The engine asks for it for
 * every string of a value, keys included, and comparing the list item by item each time cost
 * more than scanning most of those strings; no list is changed while one value is redacted.
 */
export function withPrefilter<T>(detectors: readonly Detector[], redact: () => T): T {
  if (pinned !== undefined && pinned.detectors === detectors) return redact()
  const outer = pinned
  pinned = { detectors, prefilter: prefilterFor(detectors) }
  try {
    return redact()
  } finally {
    pinned = outer
  }
}
