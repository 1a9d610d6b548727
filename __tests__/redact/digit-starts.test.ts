import { describe, expect, it } from '@jest/globals'
import { cardDetector, ibanDetector, phoneDetector, ukNinoDetector, usSsnDetector } from '../../src/redact/detectors/pii.js'
import { digitRuns, patternDetector, type Starts } from '../../src/redact/detectors/util.js'
import type { Detector } from '../../src/redact/types.js'
import { prng } from '../helpers.js'

/*
 * The digit-shaped patterns are tried only at the offsets their `starts` name (around the runs
 * of digits) instead of at every offset. Each must find what a global search of its regex finds:
 * these glue pieces that match, almost match (a digit short or over, a separator or letter
 * moved) or sit next to each other, and compare. Self-written, seeded texts.
 */

type Unit = Detector & { starts?: Starts }

const PIECES = [
  '0',
  '1',
  '12',
  '123',
  '1234',
  '0123',
  '01234',
  '012345',
  '4111111111111111',
  '4222222222222',
  '422222222222',
  '4111 1111 1111 1111',
  '4111-1111-1111-1111',
  '4 1 1 1 1 1 1 1 1 1 1 1 1',
  '555-123-4567',
  '555.123.4567',
  '(555) 123-4567',
  '(555)123-4567',
  '(5555)',
  '020 7946 0958',
  '0201-234-567',
  '020-7946-0958',
  '+44 20 7946 0958',
  '+14155552671',
  '+0123',
  '+1 (555) 123 4567',
  'AB123456C',
  'AB 12 34 56 C',
  'QQ123456C',
  'ab123456c',
  'A 12',
  'GB82WEST12345698765432',
  'GB82 WEST 1234 5698 7654 32',
  'DE89370400440532013000',
  'XX12',
  '123-45-6789',
  '078-05-1120',
  '219-09-9999',
  '12-34-5678',
  '536-22-1234',
  '536-22-12345',
  ' ',
  '  ',
  '-',
  '.',
  '(',
  ')',
  '+',
  'A',
  'Z',
  'b',
  '_',
  '\\n',
  '\n',
  ':',
  'é'
]

function texts(seed: number, n = 8000): string[] {
  const rand = prng(seed)
  const out: string[] = []
  for (let k = 0; k < n; k++) {
    out.push(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => PIECES[Math.floor(rand() * PIECES.length)]).join(''))
  }
  return out
}

/** Offsets where a global search of `pattern` finds a match, from each last match's end. */
function matchStarts(pattern: RegExp, text: string): number[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')
  const out: number[] = []
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    out.push(m.index)
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

/** The same unit without `starts`: its regex searched at every offset. */
function unguarded(u: Unit): Detector {
  return patternDetector({
    id: u.id,
    pack: u.pack,
    description: u.description,
    pattern: u.pattern as RegExp,
    validate: u.validate,
    guard: u.guard,
    keywords: u.keywords,
    allowPlaceholders: u.allowPlaceholders
  })
}

const units: Array<[string, Unit]> = [
  ['phone +CC with groups', phoneDetector.parts?.[0] as Unit],
  ['phone +CC digits', phoneDetector.parts?.[1] as Unit],
  ['phone NANP', phoneDetector.parts?.[2] as Unit],
  ['phone trunk prefix', phoneDetector.parts?.[3] as Unit],
  ['credit card', cardDetector as Unit],
  ['IBAN', ibanDetector as Unit],
  ['US SSN', usSsnDetector as Unit],
  ['UK NINO', ukNinoDetector as Unit]
]

describe('digit-shaped patterns tried only at their starts', () => {
  it.each(units)('%s: every match starts at one of its starts, and its findings are a global search’s', (_name, u) => {
    expect(u.starts).toBeDefined()
    const starts = u.starts as Starts
    const reference = unguarded(u)
    const all = texts(41)
    let matched = 0
    let found = 0
    const missed: string[] = []
    const unordered: string[] = []
    const differ: string[] = []
    for (const t of all) {
      const at = starts(t)
      for (let i = 1; i < at.length; i++) if (at[i] <= at[i - 1]) unordered.push(t)
      const ms = matchStarts(u.pattern as RegExp, t)
      if (ms.length > 0) matched++
      const allowed = new Set(at)
      if (ms.some((s) => !allowed.has(s))) missed.push(t)
      const mine = u.find(t)
      found += mine.length
      if (JSON.stringify(mine) !== JSON.stringify(reference.find(t))) differ.push(t)
    }
    expect(missed).toEqual([])
    expect(unordered).toEqual([])
    expect(differ).toEqual([])
    // The texts hold matches, and findings among them, or the comparison says little.
    expect(matched).toBeGreaterThan(150)
    expect(found).toBeGreaterThan(40)
  })

  it('a match found at a start ends the search there, as a global search’s does', () => {
    // Two NANP numbers glued by `-`: the second starts inside what a search from the first reads.
    const nanp = phoneDetector.parts?.[2] as Unit
    for (const t of ['555-123-4567-555-123-4567', '(555) 123-4567 (555) 123-4567', '555-123-4567.555-123-4567']) {
      expect(nanp.find(t)).toEqual(unguarded(nanp).find(t))
    }
  })

  it('digitRuns lists every run of ASCII digits, for whichever text was asked last', () => {
    const reference = (t: string): { start: number[]; length: number[] } => {
      const start: number[] = []
      const length: number[] = []
      for (const m of t.matchAll(/\d+/g)) {
        start.push(m.index)
        length.push(m[0].length)
      }
      return { start, length }
    }
    const all = texts(7, 2000)
    // Asked twice in turn, so a run list kept for one text is never handed out for another.
    for (let i = 1; i < all.length; i++) {
      for (const t of [all[i - 1], all[i], all[i - 1]]) {
        const r = digitRuns(t)
        expect({ start: [...r.start], length: [...r.length] }).toEqual(reference(t))
      }
    }
    // Digits beyond ASCII are not `\d`.
    expect(digitRuns('١٢٣ 45').start).toEqual([4])
  })
})
