import { describe, it, expect } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { drawn } from '../../src/redact/detectors/providers/fake.js'
import { providerTokenDetectors } from '../../src/redact/detectors/providers/index.js'
import type { Finding } from '../../src/redact/types.js'

/*
 * Every detector's own examples, held to: each `match` is found whole, each `miss` is not found.
 * The examples' random bodies come from `fake`, which remembers them, so "whole" can be checked
 * exactly: every drawn body in an example lies inside one finding, and an example that is a bare
 * token (nothing but its prefix before the first drawn body) is covered from its first character
 * to its last by a single finding.
 */

const withExamples = builtinDetectors.filter((d) => d.examples)
const covered = (findings: Finding[], start: number, end: number): boolean => findings.some((f) => f.start <= start && f.end >= end)

/** Where the drawn bodies of eight characters or more occur in `text`. */
function drawnSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  for (const body of drawn) {
    if (body.length < 8) continue
    for (let at = text.indexOf(body); at >= 0; at = text.indexOf(body, at + 1)) spans.push([at, at + body.length])
  }
  return spans
}

/** A bare token: only prefix characters before its first drawn body, and no space anywhere. */
function isBareToken(text: string): boolean {
  if (/\s/.test(text)) return false
  const first = Math.min(...[...drawn].map((b) => text.indexOf(b)).filter((i) => i >= 0))
  return Number.isFinite(first) && /^[A-Za-z0-9_.~-]*$/.test(text.slice(0, first))
}

describe('detector examples', () => {
  it('exist for some detectors', () => {
    expect(withExamples.length).toBeGreaterThan(50)
  })

  it('every provider detector has at least one match and one miss', () => {
    const lacking = providerTokenDetectors.filter((d) => !d.examples || d.examples.match.length === 0 || d.examples.miss.length === 0).map((d) => d.id)
    expect(lacking).toEqual([])
  })

  for (const d of withExamples) {
    const { match, miss } = d.examples ?? { match: [], miss: [] }

    it(`${d.id}: finds every match example whole`, () => {
      const problems: string[] = []
      for (const text of match) {
        const findings = d.find(text)
        if (findings.length === 0) problems.push(`not found: ${text}`)
        else if (findings.some((f) => f.detector !== d.id)) problems.push(`wrong id: ${text}`)
        else if (!drawnSpans(text).every(([s, e]) => covered(findings, s, e))) problems.push(`part of a drawn body left: ${text}`)
        else if (isBareToken(text) && !covered(findings, 0, text.length)) problems.push(`token not covered whole: ${text}`)
      }
      expect(problems).toEqual([])
    })

    it(`${d.id}: finds nothing in any miss example`, () => {
      expect(miss.filter((text) => d.find(text).length > 0)).toEqual([])
    })
  }

  it('are written so that the sources hold no contiguous token', () => {
    const dir = join(new URL('../../src/redact/detectors/providers', import.meta.url).pathname)
    const sources = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
    for (const f of ['../../src/redact/detectors/jwt.ts', './detector-examples.test.ts']) sources.push(readFileSync(new URL(f, import.meta.url), 'utf8'))
    const hits = providerTokenDetectors.flatMap((d) => sources.flatMap((src) => d.find(src).map((f) => `${d.id}: ${src.slice(f.start, f.end)}`)))
    expect(hits).toEqual([])
  })
})

describe('the placeholder filter and prefixed tokens', () => {
  // docs/redaction.md: a body typed by hand (an ascending run, one character over and over, a unit
  // repeated) is a placeholder, prefixed or not; an issuer's random body holds none.
  const github = builtinDetectors.find((d) => d.id === 'github-token')
  const assignment = builtinDetectors.find((d) => d.id === 'secret-assignment')
  const sequential = '1234567890abcdefghij' + 'ABCDEFGHIJ123456'

  it('calls a prefixed token whose body is typed by hand a placeholder', () => {
    expect(github?.find(`push with ${'ghp_' + sequential} now`)).toEqual([])
    expect(github?.find('ghp_' + 'q7Rk'.repeat(9))).toEqual([])
    expect(github?.find('ghp_' + 'q7Rk2mWz' + 'p'.repeat(8) + 'Tn4vL9xYb3Hs6Jd0Fg5C')).toEqual([])
  })

  it('reports a prefixed token whose body was drawn at random', () => {
    const token = 'ghp_' + 'q7Rk2mWzp4Tn4vL9' + 'xYb3Hs6Jd0Fg5CeA8uNi'
    expect(github?.find(`push with ${token} now`).map((f) => f.end - f.start)).toEqual([token.length])
  })

  it('still excuses masked and templated prefixed tokens', () => {
    expect(github?.find('ghp_' + 'x'.repeat(36))).toEqual([])
    expect(github?.find('ghp_' + 'XXXX' + sequential.slice(4))).toEqual([])
  })

  it('still calls a sequential value without a prefix a placeholder', () => {
    expect(assignment?.find(`password=${sequential}`)).toEqual([])
  })
})
