import { describe, expect, test } from '@jest/globals'
import { cleanControls, neutralize, neutralizeBidi, oneLine, safeCode, safeText, ZWJ } from '../../src/render/safe-text.js'
import { prng } from '../helpers.js'

// The replacements as written before `cleanControls` and `neutralize` learned to return a text
// none of them would change after one scan: every text must come out the same from both.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g
const generalClean = (s: string): string =>
  neutralizeBidi(
    s.replace(/\r\n?/g, '\n').replace(CONTROL, (c) => {
      const code = c.charCodeAt(0)
      if (code < 0x20) return String.fromCharCode(0x2400 + code)
      return code === 0x7f ? '\u2421' : '\ufffd'
    })
  )
const generalNeutralize = (s: string): string =>
  s
    .replace(/@(?=[\w-])/g, '@' + ZWJ)
    .replace(/#(?=\d)/g, '#' + ZWJ)
    .replace(/(gh-)(?=\d)/gi, '$1' + ZWJ)
    .replace(/(:\/\/)(?=\S)/g, '$1' + ZWJ)
    .replace(/\b(www)(?=\.)/gi, '$1' + ZWJ)

// Every character any replacement names or looks at next to its match, and their neighbours
// in the code space, with plain text, so that random strings hold each near each.
const PIECES = [
  ...'\r\n\t \u0000\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u001f\u0020\u007e\u007f\u0080\u009f\u00a0',
  ...'\u061b\u061c\u061d\u200d\u200e\u200f\u2010\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a\u2400',
  ...'@#:/.-_gGhHwW019aZé€😀',
  '://',
  'gh-',
  'GH-1',
  'www.',
  'WwW.',
  'a@b',
  '#12',
  'https://x',
  ':// ',
  '\r\n',
  'plain words '
]

function randomText(rnd: () => number): string {
  let s = ''
  const n = Math.floor(rnd() * 24)
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)]
  return s
}

describe('log text hygiene, with its one-scan return of texts nothing changes', () => {
  test('equals the replacements run one after another, on 20,000 random texts', () => {
    const rnd = prng(19)
    let changedClean = 0
    let changedNeutral = 0
    const differing: string[] = []
    for (let i = 0; i < 20_000; i++) {
      const s = randomText(rnd)
      const c = generalClean(s)
      const n = generalNeutralize(s)
      if (
        cleanControls(s) !== c ||
        safeCode(s) !== c ||
        neutralize(s) !== n ||
        safeText(s) !== generalNeutralize(c) ||
        oneLine(s) !== c.replace(/\s+/g, ' ').trim()
      )
        differing.push(s)
      if (c !== s) changedClean++
      if (n !== s) changedNeutral++
    }
    expect(differing).toEqual([])
    // Both paths were taken many times: texts changed and texts left alone.
    expect(changedClean).toBeGreaterThan(5_000)
    expect(changedClean).toBeLessThan(19_000)
    expect(changedNeutral).toBeGreaterThan(2_000)
    expect(changedNeutral).toBeLessThan(19_000)
  })

  test('leaves a text without any of those characters as it is, and changes one with each', () => {
    expect(cleanControls('a plain line\twith a tab\n')).toBe('a plain line\twith a tab\n')
    expect(neutralize('mail at example dot com, issue 12, www-site')).toBe('mail at example dot com, issue 12, www-site')
    for (const [s, out] of [
      ['a\rb', 'a\nb'],
      ['a\u0001b', 'a\u2401b'],
      ['a\u0085b', 'a\ufffdb'],
      ['a\u202eb', 'a\ufffdb']
    ])
      expect(cleanControls(s)).toBe(out)
    for (const s of ['@me', '#1', 'Gh-2', 'ftp://x', 'WWW.x']) expect(neutralize(s)).not.toBe(s)
  })
})
