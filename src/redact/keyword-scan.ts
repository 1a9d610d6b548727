/*
 * Finds which of a set of keywords (lower-case printable ASCII, two characters or more) a text
 * holds, in any ASCII case, in one pass over its characters. The last four characters, case
 * folded, are kept packed in an integer; a keyword of two or three characters is looked up by
 * the last two or three, a longer one by its first four and then compared to the rest. A regex
 * alternation of the same keywords costs half as much again: irregexp tries each position
 * against many branches.
 */

/** ASCII case folding; 0 for everything beyond ASCII, which no keyword holds. */
const FOLD = new Uint8Array(128)
for (let c = 0; c < 128; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c
const fold = (c: number): number => (c < 128 ? FOLD[c] : 0)

/** Seven bits per character: the last two, three or four characters of a packed run. */
const LAST2 = 0x3fff
const LAST3 = 0x1fffff
const LAST4 = 0xfffffff
const pack = (s: string): number => [...s].reduce((v, c) => (v << 7) | c.charCodeAt(0), 0)

/** Four packed characters hashed into BUCKET_BITS bits, for a bitmap that rules most positions out. */
const BUCKET_BITS = 16
const bucket = (v: number): number => Math.imul(v, 0x9e3779b1) >>> (32 - BUCKET_BITS)

export class KeywordScanner {
  /** By packed last two characters, 1 when a keyword, or a longer one's first four, can end there. */
  private readonly ends = new Uint8Array(1 << 14)
  /** By packed last two characters, the id of the two-character keyword, or -1. */
  private readonly two = new Int16Array(1 << 14).fill(-1)
  /** By packed three characters, the three-character keyword's id; `threeBits` rules out most. */
  private readonly three = new Map<number, number>()
  private readonly threeBits = new Uint8Array(1 << 18)
  /** By packed first four characters, the ids of the longer keywords; `fourBits` rules out most. */
  private readonly four = new Map<number, number[]>()
  private readonly fourBits = new Uint8Array(1 << (BUCKET_BITS - 3))
  private readonly words: string[] = []

  /** `ids` maps each keyword to the id `scan` reports it by. */
  constructor(ids: ReadonlyMap<string, number>) {
    for (const [w, id] of ids) {
      if (w.length < 2) continue
      this.words[id] = w
      const v = pack(w.slice(0, 4))
      this.ends[v & LAST2] = 1
      if (w.length === 2) {
        this.two[v] = id
      } else if (w.length === 3) {
        this.three.set(v, id)
        this.threeBits[v >>> 3] |= 1 << (v & 7)
      } else {
        this.four.set(v, [...(this.four.get(v) ?? []), id])
        const b = bucket(v)
        this.fourBits[b >>> 3] |= 1 << (b & 7)
      }
    }
  }

  /** Calls `found` with the id of each keyword `text` holds (once per occurrence). */
  scan(text: string, found: (id: number) => void): void {
    const ends = this.ends
    let v = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      v = ((v << 7) | (c < 128 ? FOLD[c] : 0)) & LAST4
      if (ends[v & LAST2] === 0) continue
      const id2 = this.two[v & LAST2]
      if (id2 >= 0) found(id2)
      const v3 = v & LAST3
      if (this.threeBits[v3 >>> 3] & (1 << (v3 & 7))) {
        const id3 = this.three.get(v3)
        if (id3 !== undefined) found(id3)
      }
      const b = bucket(v)
      const longer = this.fourBits[b >>> 3] & (1 << (b & 7)) ? this.four.get(v) : undefined
      if (longer) for (const id of longer) if (this.restMatches(text, i + 1, this.words[id])) found(id)
    }
  }

  /** Whether `text` from `at` holds `word` past its first four characters. */
  private restMatches(text: string, at: number, word: string): boolean {
    if (at + word.length - 4 > text.length) return false
    for (let k = 4; k < word.length; k++) if (fold(text.charCodeAt(at + k - 4)) !== word.charCodeAt(k)) return false
    return true
  }
}
