import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { builtinDetectors } from '../../src/redact/detectors/index.js'
import { groupEndsMatch, mayReadAcrossLines } from '../../src/redact/detectors/pattern-source.js'
import { redactText } from '../../src/redact/engine.js'
import { assemblePlanted, type PlantedCase } from '../../src/redact/evaluate.js'
import type { Detector, EngineOptions, Finding } from '../../src/redact/types.js'

/*
 * Two readings of a pattern's source decide how a detector runs: a line-local detector runs, on
 * a joined view, only on the lines that hold a join (exact only if it never reads across a line
 * break), and a sensitive group that ends its match is located without match indices (exact
 * only if nothing but lookarounds follows it). These tests pin down both checks, and the
 * line-local property itself on the built-in detectors.
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
  const halves = [
    'Authorization:',
    'Bearer',
    'x-api-key:',
    '--token',
    '--password',
    'Password =',
    'aws_secret_access_key =',
    'api_key:',
    'mysql -u root',
    '-pZq8vR2mLx9Tw'
  ]
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

describe('groupEndsMatch', () => {
  const LB = String.raw`(?:(?<![A-Za-z0-9])|(?<=\\[nrt]))`
  const RB = String.raw`(?![A-Za-z0-9])`
  it.each([
    [`${LB}(?<s>gh[pousr]_[A-Za-z0-9]{36,251})${RB}`, 's', true],
    [String.raw`\/(?:Users|home)\/(?<s>[^/\s"'\\:*?<>|\x60]{1,64})`, 's', true],
    [String.raw`-(?:Users|home)-(?<s>[A-Za-z0-9_]{1,64})(?=$|[-/\\\s"'\x60])`, 's', true],
    [String.raw`${LB}(?<s>[MNO][\w-]{23}\.[\w-]{6})${RB}|discord\.com/(?<s2>[\w-]{60,68})`, 's2', true],
    [String.raw`a(?<s>b)(?=c)(?!d)(?<=b)|e`, 's', true],
    [String.raw`https?://(?<s>[0-9a-f]{32})@[a-z.]{1,200}`, 's', false],
    [String.raw`a(?<s>b)c`, 's', false],
    [String.raw`a(?<s>b)?`, 's', false],
    [String.raw`a(?<s>b){2}`, 's', false],
    [String.raw`(?:"(?<s>[^"]+)"|(?<s2>\w+))`, 's', false],
    [String.raw`(?:x(?<s>b))`, 's', false],
    [String.raw`a(?<s>b)(?=c)d`, 's', false],
    [String.raw`a(?<s>b[)(])(?=\))`, 's', true],
    [String.raw`a(?<s>b)`, 't', false]
  ] as const)('%s, group %s → %s', (source, name, expected) => {
    expect(groupEndsMatch(new RegExp(source), name)).toBe(expected)
  })

  it('when true, the group is the tail of every match', () => {
    const sources = [
      String.raw`(?<![a-z])(?<s>ab[a-c]{1,4})(?![a-z])`,
      String.raw`x(?<s>[ab]+)(?=c)|y(?<s2>a{1,3})`,
      String.raw`(?:ab|a)(?<s>b*)`,
      String.raw`[(](?<s>[a)]{1,3})(?=[)])`
    ]
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: 12 }, () => 'abcxy()'[Math.floor(rnd() * 7)]).join(''))
    for (const source of sources) {
      const re = new RegExp(source, 'dg')
      expect(groupEndsMatch(re, 's')).toBe(true)
      for (const t of texts) {
        for (const m of t.matchAll(re)) {
          const span = m.indices?.groups?.s ?? m.indices?.groups?.s2
          const part = m.groups?.s ?? m.groups?.s2 ?? ''
          if (span) expect([m.index + m[0].length - part.length, m.index + m[0].length]).toEqual(span)
        }
      }
    }
  })
})
