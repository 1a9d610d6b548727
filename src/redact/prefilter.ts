import type { Detector } from './types.js'

/*
 * Keyword prefilter, as in gitleaks and trufflehog: most detectors need a literal (`ghp_`,
 * `AKIA`, `-----BEGIN`) that ordinary text lacks, so one pass that finds which keywords a view
 * contains spares running their regexes over it. Detectors without keywords always run.
 */

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')

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
  /** Per detector, the ids of its keywords; null when it has none and always runs. */
  private readonly needs: Array<number[] | null>
  private readonly count: number

  constructor(detectors: readonly Detector[]) {
    this.detectors = [...detectors]
    const ids = new Map<string, number>()
    for (const d of detectors) for (const k of d.keywords ?? []) if (!ids.has(k)) ids.set(k, ids.size)
    this.count = ids.size
    this.needs = detectors.map((d) => (d.keywords ? d.keywords.map((k) => ids.get(k) as number) : null))
    const words = [...ids.keys()].filter((k) => k.length > 1).sort((a, b) => b.length - a.length)
    for (const w of words) this.implied.set(w, words.filter((p) => w.startsWith(p)).map((p) => ids.get(p) as number))
    for (const [k, id] of ids) if (k.length === 1) this.chars.push({ id, variants: [...new Set([k, k.toUpperCase()])] })
    this.words = words.length > 0 ? new RegExp(words.map(escapeRe).join('|'), 'gi') : null
  }

  /** True when this was built from exactly these detectors, in this order. */
  builtFrom(detectors: readonly Detector[]): boolean {
    return detectors.length === this.detectors.length && detectors.every((d, i) => d === this.detectors[i])
  }

  /** Flags, by keyword id, of the keywords `text` contains. */
  private present(text: string): Uint8Array {
    const found = new Uint8Array(this.count)
    for (const c of this.chars) if (c.variants.some((v) => text.includes(v))) found[c.id] = 1
    const re = this.words
    if (!re) return found
    re.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = re.exec(text)) !== null) {
      // Every hit is some keyword in another ASCII case, so the lookup cannot miss.
      for (const id of this.implied.get(m[0].toLowerCase()) as number[]) found[id] = 1
      // Keywords may overlap (`sk-ant-` holds `sk-`): look again from the next character.
      re.lastIndex = m.index + 1
    }
    return found
  }

  /** The detectors, in list order, that have no keywords or whose keywords `text` contains. */
  select(text: string): Detector[] {
    const found = this.present(text)
    return this.detectors.filter((_d, i) => {
      const needs = this.needs[i]
      return needs === null || needs.some((id) => found[id] === 1)
    })
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
