import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { repoRoot } from '../helpers.js'

/** Counts the README states about the code, checked against the code so a new detector cannot leave them stale. */
describe('figures in README.md', () => {
  it('names the number of built-in detectors there are', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
    const stated = [...readme.matchAll(/(\d+) built-in detectors/g)].map((m) => Number(m[1]))
    expect(stated.length).toBeGreaterThan(0)
    for (const n of stated) expect(n).toBe(builtinDetectors.length)
  })
})
