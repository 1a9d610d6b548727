import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { mayReadAcrossLines } from '../../src/redact/detectors/line-local.js'
import { redactText } from '../../src/redact/engine.js'
import { assemblePlanted, type PlantedCase } from '../../src/redact/evaluate.js'
import type { Detector, EngineOptions, Finding } from '../../src/redact/types.js'

/*
 * A line-local detector runs, on a joined view, only on the lines that hold a join. That is
 * exact only if the detector never reads across a line break; these tests pin down the check
 * that decides it, and the property itself on the built-in detectors.
 */

/* eslint-disable no-control-regex -- patterns naming control characters are what is checked here */
describe('mayReadAcrossLines', () => {
  it.each([
    [/abc/, false],
    [/[a-z]{2,8}\.[A-Z0-9_-]+/i, false],
    [/./, false],
    [/[^"\n]{1,5}/, false],
    [/[^\s"']+/, false],
    [/(?<![A-Za-z0-9])x(?=[.,])/, false],
    [/(?<=\\[nrt])x/, false],
    [/[\x0b-\x20]/, false],
    [/[^\t-\r]/, false],
    [/a\x60b/, false],
    [/a\sb/, true],
    [/a\Wb/, true],
    [/a\Db/, true],
    [/[^"]/, true],
    [/[\s\S]/, true],
    [/[\x00-\x20]/, true],
    [/[\t-\r]/, true],
    [/[a\n]/, true],
    [/\x0a/, true],
    [/\u000A/, true],
    [/\cJ/, true],
    [new RegExp('\\012'), true],
    [/(a)\1/, true],
    [/^a/, true],
    [/a$/, true],
    [/(?<=^|[/ ])a/, true],
    [/a/m, true],
    [/a./s, true],
    [/a/u, true]
  ] as const)('%s → %s', (re, expected) => {
    expect(mayReadAcrossLines(re)).toBe(expected)
  })
})
/* eslint-enable no-control-regex */

let seed = 11
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648

/** Findings of `find` within the lines `keep` of `text`, moved to where those lines sit once the others are dropped. */
function withinKeptLines(d: Detector, text: string, keep: boolean[]): { kept: string; expected: Finding[] } {
  const lines = text.split('\n')
  const starts: number[] = []
  let at = 0
  for (const l of lines) {
    starts.push(at)
    at += l.length + 1
  }
  const keptLines: string[] = []
  const shift = new Map<number, number>()
  let keptAt = 0
  lines.forEach((l, i) => {
    if (!keep[i]) return
    shift.set(i, keptAt - starts[i])
    keptLines.push(l)
    keptAt += l.length + 1
  })
  const lineOf = (pos: number): number => starts.findLastIndex((s) => s <= pos)
  const expected = d
    .find(text)
    .filter((f) => keep[lineOf(f.start)] && lineOf(f.start) === lineOf(f.end - 1))
    .map((f) => ({ ...f, start: f.start + (shift.get(lineOf(f.start)) ?? 0), end: f.end + (shift.get(lineOf(f.start)) ?? 0) }))
  return { kept: keptLines.join('\n'), expected }
}

describe('line-local detectors', () => {
  const planted = readFileSync(new URL('../../fixtures/redaction/planted.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PlantedCase)
  const plain = planted.map((c) => assemblePlanted({ ...c, context: 'plain' }).text)
  const wrapped = planted.map((c) => assemblePlanted({ ...c, context: 'wrap' }).text)
  const gutter = planted.map((c) => assemblePlanted({ ...c, context: 'gutter' }).text)
  // Halves of shapes that a pattern reading across lines would join: a key or flag, then a value.
  const halves = ['Authorization:', 'Bearer', 'x-api-key:', '--token', '--password', 'Password =', 'aws_secret_access_key =', 'api_key:', 'mysql -u root', '-pZq8vR2mLx9Tw']
  const value = 'Zq8vR2mLx9TwQ4pK7nB3xY5w0aDfGhJk'
  /** Lines of mixed cases and filler, shuffled, so a match's neighbours vary; and each half before a value. */
  const pool = [...plain, ...wrapped, ...gutter, 'plain words here', '', '   ', 'a.b', '+1']
  const texts = [
    ...Array.from({ length: 300 }, () => Array.from({ length: 6 }, () => pool[Math.floor(rnd() * pool.length)]).join('\n')),
    ...halves.flatMap((h) => [`${h}\n${value}`, `x ${h}\n  ${value} y`, `${h} \n\n${value}`])
  ]
  const units = builtinDetectors.flatMap((d) => [d, ...(d.parts ?? [])]).filter((u) => u.lineLocal)

  it('include most pattern detectors', () => {
    expect(units.length).toBeGreaterThan(40)
  })

  it('report, on some of the lines of a text, what they report within those lines of the whole text', () => {
    const differ: string[] = []
    let found = 0
    for (const d of units) {
      for (const t of texts) {
        // The first line dropped once, then a random choice: a match across lines then differs.
        for (const keep of [t.split('\n').map((_, i) => i > 0), t.split('\n').map(() => rnd() < 0.6)]) {
          const { kept, expected } = withinKeptLines(d, t, keep)
          found += expected.length
          if (JSON.stringify(d.find(kept)) !== JSON.stringify(expected)) differ.push(`${d.id}: ${JSON.stringify(t).slice(0, 120)}`)
        }
      }
    }
    expect(differ).toEqual([])
    expect(found).toBeGreaterThan(300)
  })

  it('leave the engine finding what it finds when every detector reads whole joined views', () => {
    const everywhere: EngineOptions = { detectors: builtinDetectors.map((d) => ({ ...d, keywords: undefined, parts: undefined, lineLocal: undefined })) }
    const joinedTexts = texts.map((t, i) => `${'lorem ipsum dolor sit amet '.repeat(1 + (i % 3))}\n${t}\n${wrapped[i % wrapped.length]}`)
    for (const t of joinedTexts) expect(redactText(t, { detectors: builtinDetectors })).toEqual(redactText(t, everywhere))
  })
})
