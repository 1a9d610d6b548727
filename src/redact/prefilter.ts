import type { Detector } from './types.js'

/*
 * Keyword prefilter, as in gitleaks and trufflehog: most detectors need a literal (`ghp_`,
 * `AKIA`, `-----BEGIN`) that ordinary text lacks, so one pass that finds which keywords a view
 * contains spares running their regexes over it. Detectors without keywords always run.
 */

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')

/** Texts up to this length are memoised: log keys and enum values repeat by the thousand. */
const MEMO_TEXT = 64
const MEMO_ENTRIES = 4096

/** Which detectors of one list are worth running on a given text. */
export class Prefilter {
  /** A copy, so a list changed in place after first use is noticed (see `prefilterFor`). */
  readonly detectors: readonly Detector[]
  /** Multi-character keywords, longest first: the alternation reports the longest at a position. */
  private readonly words: RegExp | null
  /** For each multi-character keyword: its id and the ids of the keywords it starts with. */
  private readonly implied = new Map<string, number[]>()
  /** Single characters are cheaper to find with `includes` than as regex hits on every `-` or `.`. */
  private readonly chars: Array<{ id: number; variants: string[] }> = []
  /** By keyword id, the positions in `detectors` of the detectors that declare it. */
  private readonly users: number[][] = []
  /** The detectors without keywords, which run on every text. */
  private readonly always: readonly Detector[]
  /** Per position in `detectors`, whether it runs on the text at hand; `idle` between calls. */
  private readonly chosen: Uint8Array
  /** 1 for the detectors without keywords. */
  private readonly idle: Uint8Array
  private readonly memo = new Map<string, readonly Detector[]>()

  constructor(detectors: readonly Detector[]) {
    this.detectors = [...detectors]
    const ids = new Map<string, number>()
    detectors.forEach((d, i) => {
      for (const k of d.keywords ?? []) {
        if (!ids.has(k)) ids.set(k, ids.size)
        ;(this.users[ids.get(k) as number] ??= []).push(i)
      }
    })
    this.always = detectors.filter((d) => !d.keywords)
    this.idle = Uint8Array.from(detectors, (d) => (d.keywords ? 0 : 1))
    this.chosen = this.idle.slice()
    const words = [...ids.keys()].filter((k) => k.length > 1).sort((a, b) => b.length - a.length)
    for (const w of words) this.implied.set(w, words.filter((p) => w.startsWith(p)).map((p) => ids.get(p) as number))
    for (const [k, id] of ids) if (k.length === 1) this.chars.push({ id, variants: [...new Set([k, k.toUpperCase()])] })
    this.words = words.length > 0 ? new RegExp(words.map(escapeRe).join('|'), 'gi') : null
  }

  /** True when this was built from exactly these detectors, in this order. */
  builtFrom(detectors: readonly Detector[]): boolean {
    if (detectors.length !== this.detectors.length) return false
    for (let i = 0; i < detectors.length; i++) if (detectors[i] !== this.detectors[i]) return false
    return true
  }

  /** The detectors, in list order, that have no keywords or whose keywords `text` contains. */
  select(text: string): readonly Detector[] {
    if (text.length > MEMO_TEXT) return this.compute(text)
    let hit = this.memo.get(text)
    if (!hit) {
      if (this.memo.size >= MEMO_ENTRIES) this.memo.clear()
      hit = this.compute(text)
      this.memo.set(text, hit)
    }
    return hit
  }

  private compute(text: string): readonly Detector[] {
    if (!this.markPresent(text)) return this.always
    const out: Detector[] = []
    for (let i = 0; i < this.detectors.length; i++) if (this.chosen[i] === 1) out.push(this.detectors[i])
    this.chosen.set(this.idle)
    return out
  }

  /** Marks in `chosen` the detectors of every keyword `text` contains; false when it has none. */
  private markPresent(text: string): boolean {
    let any = false
    const mark = (id: number): void => {
      for (const i of this.users[id]) this.chosen[i] = 1
      any = true
    }
    for (const c of this.chars) if (c.variants.some((v) => text.includes(v))) mark(c.id)
    const re = this.words
    if (!re) return any
    re.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = re.exec(text)) !== null) {
      // Every hit is some keyword in another ASCII case, so the lookup cannot miss.
      for (const id of this.implied.get(m[0].toLowerCase()) as number[]) mark(id)
      // Keywords may overlap (`sk-ant-` holds `sk-`): look again from the next character.
      re.lastIndex = m.index + 1
    }
    return any
  }
}

const cache = new WeakMap<readonly Detector[], Prefilter>()

/** The prefilter of a detector list, built once per list (and again if the list was changed). */
export function prefilterFor(detectors: readonly Detector[]): Prefilter {
  let p = cache.get(detectors)
  if (!p || !p.builtFrom(detectors)) {
    p = new Prefilter(detectors)
    cache.set(detectors, p)
  }
  return p
}
