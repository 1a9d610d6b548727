import { describe, expect, it } from '@jest/globals'
import { Generations } from '../../src/redact/generations.js'

describe('Generations (the redaction cache’s memo of traces)', () => {
  it('never holds more than its limit, however many keys pass through', () => {
    const memo = new Generations<string, number>(100)
    for (let i = 0; i < 10_000; i++) {
      memo.set(`k${i}`, i)
      expect(memo.size).toBeLessThanOrEqual(100)
    }
    // The newest half of the limit at least is still there, each with its own value.
    for (let i = 10_000 - 50; i < 10_000; i++) expect(memo.get(`k${i}`)).toBe(i)
    expect(memo.get('k0')).toBeUndefined()
  })

  it('keeps what is used while newer keys come, and forgets what is not', () => {
    const memo = new Generations<string, number>(10)
    memo.set('hot', 1)
    memo.set('cold', 2)
    for (let i = 0; i < 100; i++) {
      memo.set(`k${i}`, i)
      expect(memo.get('hot')).toBe(1)
    }
    expect(memo.get('cold')).toBeUndefined()
  })

  it('holds falsy values (a text without findings is 0) and deletes from both generations', () => {
    const memo = new Generations<string, number>(4)
    memo.set('zero', 0)
    expect(memo.get('zero')).toBe(0)
    memo.set('a', 1)
    memo.set('b', 2) // 'zero' and 'a' are now the old generation
    expect(memo.get('zero')).toBe(0)
    memo.delete('zero')
    memo.delete('a')
    expect(memo.get('zero')).toBeUndefined()
    expect(memo.get('a')).toBeUndefined()
    expect(memo.get('b')).toBe(2)
  })

  it('a value set again replaces the old one wherever it was', () => {
    const memo = new Generations<string, number>(4)
    memo.set('x', 1)
    memo.set('y', 2) // x is old now
    memo.set('x', 3)
    expect(memo.get('x')).toBe(3)
    expect(memo.size).toBe(2)
  })
})
