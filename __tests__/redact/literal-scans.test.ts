import { describe, it, expect } from '@jest/globals'
import { holdsMarkerStart } from '../../src/redact/detectors/assignments.js'
import { hasEscape } from '../../src/redact/engine/views.js'
import { prng } from '../helpers.js'

/*
 * Two whole-text regex tests became searches from a literal character (`\`, `[`). Each must
 * answer as its regex does on every text: these glue pieces that match, almost match, or fold
 * into a match under case rules beyond ASCII, and compare. Self-written, seeded texts.
 */

function glued(rand: () => number, pieces: readonly string[]): string[] {
  const out: string[] = []
  for (let n = 0; n < 5000; n++) {
    out.push(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pieces[Math.floor(rand() * pieces.length)]).join(''))
  }
  return out
}

describe('literal-led scans answer as their regexes', () => {
  it('hasEscape is /\\\\(?:[ntr"\'\\\\/bf]|u[0-9A-Fa-f]{4})/', () => {
    const re = /\\(?:[ntr"'\\/bf]|u[0-9A-Fa-f]{4})/
    const pieces = [
      '\\',
      '\\\\',
      '\\n',
      '\\x',
      'n',
      'u',
      '\\u',
      '\\u00',
      '\\u00e9',
      '\\u00G9',
      '\\U00E9',
      'AF',
      '0',
      'g',
      ' ',
      '"',
      "'",
      '/',
      'b',
      'f',
      'é',
      '\u212a'
    ]
    const texts = glued(prng(3), pieces)
    const wrong = texts.filter((t) => hasEscape(t) !== re.test(t))
    expect(wrong).toEqual([])
    expect(texts.filter((t) => re.test(t)).length).toBeGreaterThan(1000)
    expect(texts.filter((t) => !re.test(t) && t.includes('\\')).length).toBeGreaterThan(500)
  })

  it('holdsMarkerStart is /\\[redacted:/i', () => {
    const re = /\[redacted:/i
    // U+017F (long s) and U+0131 (dotless i) upper-case to ASCII; \x1a | 0x20 is `:`, \x12 | 0x20 is `2`.
    const pieces = [
      '[',
      '[redacted',
      '[REDACTED',
      '[ReDaCtEd',
      'redacted:',
      ':',
      '\x1a',
      '[redacted\x1a',
      '[redacte',
      'd:',
      'D:',
      'ſ',
      'ı',
      '[\u0212edacted:',
      '[rEdactEd:',
      'x',
      ']'
    ]
    const texts = glued(prng(5), pieces)
    const wrong = texts.filter((t) => holdsMarkerStart(t) !== re.test(t))
    expect(wrong).toEqual([])
    expect(texts.filter((t) => re.test(t)).length).toBeGreaterThan(1000)
    expect(texts.filter((t) => !re.test(t) && t.includes('[')).length).toBeGreaterThan(500)
  })
})
