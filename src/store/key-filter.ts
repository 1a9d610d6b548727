/**
 * A Bloom filter over dedupe keys: `mayHold` is false only for a key never added. The writer asks
 * it before looking a key up in the store, so a key it has never written (nearly every key of a
 * first ingest) costs no index seek; a false positive only costs the seeks it would have made.
 *
 * The filter grows by layers, each twice the capacity of the one before, so its size follows the
 * keys added without knowing their number in advance; each layer is kept near one false positive in
 * a hundred (ten bits and seven probes per key).
 */
export class KeyFilter {
  private layers: Layer[] = []
  private room = 0

  add(key: string): void {
    if (this.room === 0) {
      const capacity = FIRST_CAPACITY << Math.min(this.layers.length, MAX_DOUBLINGS)
      this.layers.push(new Layer(capacity))
      this.room = capacity
    }
    const h1 = hash(key, SEED_1)
    const h2 = hash(key, SEED_2) | 1
    this.layers[this.layers.length - 1].add(h1, h2)
    this.room--
  }

  mayHold(key: string): boolean {
    if (this.layers.length === 0) return false
    const h1 = hash(key, SEED_1)
    const h2 = hash(key, SEED_2) | 1
    for (const layer of this.layers) if (layer.has(h1, h2)) return true
    return false
  }
}

const FIRST_CAPACITY = 1 << 16
/** Layers stop doubling past this many keys each (a quarter of a gigabit would be needless). */
const MAX_DOUBLINGS = 6
const BITS_PER_KEY = 10
const PROBES = 7
const SEED_1 = 0x811c9dc5
const SEED_2 = 0x9747b28c

class Layer {
  private bits: Uint32Array
  private mask: number

  constructor(capacity: number) {
    // A power of two of bits, so a probe's position is a mask, not a division.
    let size = 1 << 5
    while (size < capacity * BITS_PER_KEY) size *= 2
    this.bits = new Uint32Array(size >>> 5)
    this.mask = size - 1
  }

  add(h1: number, h2: number): void {
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
      const at = h & this.mask
      this.bits[at >>> 5] |= 1 << (at & 31)
    }
  }

  has(h1: number, h2: number): boolean {
    for (let i = 0, h = h1; i < PROBES; i++, h = (h + h2) | 0) {
      const at = h & this.mask
      if ((this.bits[at >>> 5] & (1 << (at & 31))) === 0) return false
    }
    return true
  }
}

/** FNV-1a over the UTF-16 code units, finished with murmur3's mix so every bit depends on every unit. */
function hash(s: string, seed: number): number {
  let h = seed
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}
