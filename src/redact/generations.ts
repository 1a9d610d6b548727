/**
 * A memo of at most `limit` entries that forgets its oldest half at once: entries go into a young
 * map, which becomes the old one when it holds half the limit (the old one is dropped). A get
 * that finds an entry only in the old map moves it to the young one, so what is used often stays.
 * Evicting one entry at a time from the front of a `Map` instead cost more than the lookups it
 * saved: V8 leaves a deleted entry's slot in place until the table is rebuilt, and every
 * `keys().next()` walks the slots deleted before it.
 */
export class Generations<K, V> {
  private young = new Map<K, V>()
  private old = new Map<K, V>()
  private readonly half: number

  constructor(limit: number) {
    this.half = Math.max(1, Math.floor(limit / 2))
  }

  get(key: K): V | undefined {
    const v = this.young.get(key)
    if (v !== undefined || this.young.has(key)) return v
    if (!this.old.has(key)) return undefined
    const moved = this.old.get(key) as V
    this.old.delete(key)
    this.set(key, moved)
    return moved
  }

  set(key: K, value: V): void {
    this.old.delete(key)
    this.young.set(key, value)
    if (this.young.size >= this.half) {
      this.old = this.young
      this.young = new Map()
    }
  }

  delete(key: K): void {
    this.young.delete(key)
    this.old.delete(key)
  }

  get size(): number {
    return this.young.size + this.old.size
  }
}
