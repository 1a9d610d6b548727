import { describe, expect, test } from '@jest/globals'
import { codeFingerprint } from '../../src/redact/cached-findings.js'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { emailDetector } from '../../src/redact/detectors/pii.js'
import { multiPatternDetector, patternDetector, type PatternSpec } from '../../src/redact/detectors/util.js'
import type { Detector } from '../../src/redact/types.js'

/*
 * The findings cache is bound to `codeFingerprint`: a detector changed in any property that
 * shapes what it finds must change the fingerprint, or cached findings of the old detector are
 * replayed. A pattern detector's regex and validator live in the closure of its `find`, whose
 * source is the same for every pattern detector.
 */
const spec = (over: Partial<PatternSpec> = {}): PatternSpec => ({
  id: 'ticket',
  pack: 'secrets',
  description: 'a ticket number',
  pattern: /\bTCK-\d{4}\b/,
  validate: (s) => !s.endsWith('0000'),
  ...over
})
const fingerprintOf = (...detectors: Detector[]) => codeFingerprint([emailDetector, ...detectors])

describe('the detection code’s fingerprint', () => {
  test('the built-in detectors’ fingerprint is the one made from their list, made once', () => {
    expect(codeFingerprint()).toBe(codeFingerprint(builtinDetectors))
    expect(codeFingerprint()).toBe(codeFingerprint())
  })

  test('two detectors differing only in their validator differ', () => {
    const a = patternDetector(spec())
    const b = patternDetector(spec({ validate: (s) => !s.endsWith('9999') }))
    expect(fingerprintOf(a)).not.toBe(fingerprintOf(b))
    expect(fingerprintOf(a)).toBe(fingerprintOf(patternDetector(spec())))
  })

  test('two detectors differing only in their pattern, guard or placeholder choice differ', () => {
    const a = fingerprintOf(patternDetector(spec()))
    expect(fingerprintOf(patternDetector(spec({ pattern: /\bTCK-\d{5}\b/ })))).not.toBe(a)
    expect(fingerprintOf(patternDetector(spec({ guard: (t) => t.includes('TCK') })))).not.toBe(a)
    expect(fingerprintOf(patternDetector(spec({ allowPlaceholders: true })))).not.toBe(a)
  })

  test('a part’s validator counts, and so does any function a detector has, by name', () => {
    const parts = (validate: PatternSpec['validate']) =>
      multiPatternDetector({ id: 'ticket', pack: 'secrets', description: 'tickets', validate }, [{ pattern: /\bTCK-\d{4}\b/ }, { pattern: /\bOPS-\d{4}\b/ }])
    expect(fingerprintOf(parts((s) => s.length > 3))).not.toBe(fingerprintOf(parts((s) => s.length > 4)))
    const base = patternDetector(spec())
    const withExtra = (f: () => boolean) => Object.assign({ ...base }, { extra: f })
    expect(fingerprintOf(withExtra(() => true))).not.toBe(fingerprintOf(withExtra(() => false)))
  })

  test('what only describes a detector (its description, its examples) changes nothing', () => {
    const a = fingerprintOf(patternDetector(spec()))
    expect(fingerprintOf(patternDetector(spec({ description: 'another wording', examples: { match: ['TCK-1234'], miss: [] } })))).toBe(a)
  })

  test('every built-in pattern detector carries its pattern, so it is read', () => {
    const patterned = builtinDetectors.flatMap((d) => [d, ...(d.parts ?? [])]).filter((d) => d.pattern)
    expect(patterned.length).toBeGreaterThan(10)
    expect(emailDetector.validate).toBeDefined()
  })
})
