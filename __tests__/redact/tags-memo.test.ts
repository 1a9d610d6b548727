import { describe, expect, it } from '@jest/globals'
import { createHmac } from 'node:crypto'
import { IdentifierTags } from '../../src/redact/hash.js'

// Self-written values: short ones met again and again (as an address or home path is), values
// that differ only by kind, and values past the memo's length bound.
function values(n: number): [string, string][] {
  const out: [string, string][] = []
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (let i = 0; i < n; i++) {
    const kind = ['email', 'home-path', 'hash'][next() % 3]
    const r = next() % 100
    const value = r < 80 ? `user${next() % 40}` : r < 95 ? `u${i}` : 'x'.repeat(500 + (next() % 40)) + (next() % 3)
    out.push([kind, value])
  }
  return out
}

describe('IdentifierTags with its memo of digests', () => {
  it('numbers each value per kind in order of first appearance, as the definition says', () => {
    const tags = new IdentifierTags()
    const seen = new Map<string, Map<string, number>>()
    for (const [kind, value] of values(20_000)) {
      const byValue = seen.get(kind) ?? new Map<string, number>()
      seen.set(kind, byValue)
      if (!byValue.has(value)) byValue.set(value, byValue.size + 1)
      expect(tags.suffix(kind, value)).toBe(`#${byValue.get(value)}`)
    }
  })

  it('with a key, gives each value the HMAC of its kind and value, whatever came before', () => {
    const key = 'test-key-not-a-secret'
    const tags = new IdentifierTags(key)
    for (const [kind, value] of values(5_000)) {
      const want = `:${createHmac('sha256', key).update(`${kind}\0${value}`).digest('hex').slice(0, 10)}`
      expect(tags.suffix(kind, value)).toBe(want)
    }
  })

  it('notes and replays the same digests as before the memo (a value met again is noted once)', () => {
    const a = new IdentifierTags()
    a.note()
    for (const [kind, value] of values(3_000)) a.suffix(kind, value)
    const uses = a.takeNoted()
    const b = new IdentifierTags()
    expect(b.replay(uses)).toBe(true)
    for (const [kind, value] of values(3_000)) expect(b.suffix(kind, value)).toBe(a.suffix(kind, value))
  })
})
