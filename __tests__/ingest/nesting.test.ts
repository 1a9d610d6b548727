import { describe, expect, it } from '@jest/globals'
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/ingest/nesting.js'

describe('nesting depth of a JSON line', () => {
  const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
  it('is over the bound one level past it, and not at it', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false)
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true)
    expect(nestsDeeperThan('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(true)
  })
  it('does not count brackets inside strings, escaped quotes included', () => {
    const inString = JSON.stringify({ text: '{['.repeat(5000) + '\\"' + '{'.repeat(5000) })
    expect(nestsDeeperThan(inString)).toBe(false)
  })
  it('counts levels that close and reopen once each', () => {
    expect(nestsDeeperThan('[' + '{},'.repeat(10_000) + '{}]')).toBe(false)
  })
})
