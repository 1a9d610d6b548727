import type { Detector, DetectorExamples, DetectorPack, Finding } from '../types.js'
import { groupEndsMatch, mayReadAcrossLines } from './pattern-source.js'
import { isPlaceholder } from './placeholders.js'

export interface PatternSpec {
  id: string
  pack: DetectorPack
  description: string
  /** Must be linear-time: bounded quantifiers, no nested or overlapping repetition. */
  pattern: RegExp
  /** Named group `s` (or `s2`/`s3` in later alternatives) marks the sensitive part when the match carries readable context. */
  validate?: (secret: string, match: RegExpExecArray) => boolean
  /** Skip the placeholder filter (for PII shapes where words like "example" are legitimate). */
  allowPlaceholders?: boolean
  /** See `Detector.keywords`: literals every match of `pattern` contains one of. */
  keywords?: readonly string[]
  /** A cheap test that every text holding a match passes; `pattern` is not run on others. */
  guard?: (text: string) => boolean
  /**
   * Ascending offsets outside of which no match of `pattern` starts: `pattern` is then tried at
   * these alone (as a sticky regex) instead of at every offset, and finds what a global search
   * finds, since the first of them where it matches is the leftmost match.
   */
  starts?: Starts
  /** See `Detector.examples`. */
  examples?: DetectorExamples
}

const SENSITIVE_GROUPS = ['s', 's2', 's3']

/** See `PatternSpec.starts`. */
export type Starts = (text: string) => readonly number[]

/** Where the sensitive part of a match lies: its group's span, or the whole match. */
type SpanOf = (m: RegExpExecArray) => [number, number] | undefined

/**
 * Builds a detector from one regex. When each sensitive group ends its match, the group's span
 * is the match's tail; otherwise the `d` flag gives group offsets without re-searching.
 */
export function patternDetector(spec: PatternSpec): Detector & { starts?: Starts } {
  const flags = new Set(spec.pattern.flags.split(''))
  flags.add('g')
  const named = SENSITIVE_GROUPS.filter((g) => spec.pattern.source.includes(`(?<${g}>`))
  const atEnd = named.every((g) => groupEndsMatch(spec.pattern, g))
  if (!atEnd) flags.add('d')
  const re = new RegExp(spec.pattern.source, [...flags].join(''))
  flags.delete('g')
  flags.add('y')
  const sticky = new RegExp(spec.pattern.source, [...flags].join(''))
  const spanOf: SpanOf = atEnd ? tailSpan : indexedSpan
  const starts = spec.starts
  /** The finding of match `m` of `text`, if it is one. */
  const take = (text: string, m: RegExpExecArray, out: Finding[]): void => {
    const span = spanOf(m)
    if (!span) return
    const secret = text.slice(span[0], span[1])
    if (!spec.allowPlaceholders && isPlaceholder(secret)) return
    if (spec.validate && !spec.validate(secret, m)) return
    out.push({ detector: spec.id, start: span[0], end: span[1] })
  }
  return {
    id: spec.id,
    pack: spec.pack,
    description: spec.description,
    keywords: spec.keywords,
    examples: spec.examples,
    pattern: spec.pattern,
    validate: spec.validate,
    guard: spec.guard,
    ...(starts ? { starts } : {}),
    allowPlaceholders: spec.allowPlaceholders,
    // Guards, placeholders and validators read only the text's matches, never across them.
    lineLocal: !mayReadAcrossLines(spec.pattern),
    find(text: string): Finding[] {
      if (spec.guard && !spec.guard(text)) return []
      const out: Finding[] = []
      let m: RegExpExecArray | null
      if (starts) {
        // As the global search below: the next match is looked for from the end of the last.
        let from = 0
        for (const at of starts(text)) {
          if (at < from) continue
          sticky.lastIndex = at
          if ((m = sticky.exec(text)) === null) continue
          if (m[0].length === 0) {
            from = at + 1
            continue
          }
          from = at + m[0].length
          take(text, m, out)
        }
        return out
      }
      re.lastIndex = 0
      while ((m = re.exec(text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++
          continue
        }
        take(text, m, out)
      }
      return out
    }
  }
}

function tailSpan(m: RegExpExecArray): [number, number] {
  const end = m.index + m[0].length
  const part = m.groups?.s ?? m.groups?.s2 ?? m.groups?.s3 ?? m[0]
  return [end - part.length, end]
}

function indexedSpan(m: RegExpExecArray): [number, number] | undefined {
  const groups = m.indices?.groups
  return groups?.s ?? groups?.s2 ?? groups?.s3 ?? m.indices?.[0]
}

/** Left boundary: not glued to a preceding word character, but a JSON `\n`/`\t` escape counts as a break. */
export const LB = String.raw`(?:(?<![A-Za-z0-9])|(?<=\\[nrt]))`
/** Right boundary for fixed-shape tokens. */
export const RB = String.raw`(?![A-Za-z0-9])`

export interface PatternPart {
  pattern: RegExp
  /** See `Detector.keywords`, for this pattern alone; absent when it needs none. */
  keywords?: readonly string[]
  /** See `PatternSpec.guard`, for this pattern alone (instead of the detector's). */
  guard?: (text: string) => boolean
  /** See `PatternSpec.starts`, for this pattern alone. */
  starts?: Starts
}

/** One detector id backed by several independent patterns (findings are simply concatenated). */
export function multiPatternDetector(base: Omit<PatternSpec, 'pattern' | 'keywords' | 'starts'>, patterns: PatternPart[]): Detector {
  const parts = patterns.map(({ pattern, keywords, guard, starts }) =>
    patternDetector({ ...base, examples: undefined, pattern, keywords, guard: guard ?? base.guard, starts })
  )
  const keywords = parts.every((p) => p.keywords) ? [...new Set(parts.flatMap((p) => p.keywords ?? []))] : undefined
  return {
    id: base.id,
    pack: base.pack,
    description: base.description,
    keywords,
    examples: base.examples,
    parts,
    find: (text: string): Finding[] => parts.flatMap((p) => p.find(text))
  }
}

/** Whether some `-` directly follows `n` lower-case hex digits. */
export function hexBeforeDash(text: string, n: number): boolean {
  for (let dash = text.indexOf('-', n); dash >= 0; dash = text.indexOf('-', dash + 1)) {
    let i = dash - 1
    while (i >= dash - n && isLowerHex(text.charCodeAt(i))) i--
    if (i < dash - n) return true
  }
  return false
}

const isLowerHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102)
const isDigit = (c: number): boolean => c >= 48 && c <= 57

/** Whether `text` holds groups of exactly these many digits joined by `-` (as `\d{3}-\d{2}-\d{4}`). */
export function hasDashedDigits(text: string, groups: readonly number[]): boolean {
  for (let dash = text.indexOf('-', groups[0]); dash >= 0; dash = text.indexOf('-', dash + 1)) {
    if (dashedDigitsAt(text, dash - groups[0], groups)) return true
  }
  return false
}

function dashedDigitsAt(text: string, start: number, groups: readonly number[]): boolean {
  let i = start
  for (let g = 0; g < groups.length; g++) {
    if (g > 0 && text.charCodeAt(i++) !== 45) return false
    for (let k = 0; k < groups[g]; k++) if (!isDigit(text.charCodeAt(i++))) return false
  }
  return true
}

/** A guard for patterns whose every match holds at least `n` ASCII digits. */
export function minDigits(n: number): (text: string) => boolean {
  if (n > DIGITS_CAP) throw new Error(`minDigits(${n}): at most ${DIGITS_CAP}`)
  return (text) => digitsUpToCap(text) >= n
}

const DIGITS_CAP = 32
let countedText: string | undefined
let counted = 0

/**
 * ASCII digits in `text`, counting stops at DIGITS_CAP. The engine runs every detector on a
 * view in turn, so the several digit guards ask about the same text: it is counted once.
 */
function digitsUpToCap(text: string): number {
  if (text !== countedText) {
    counted = 0
    for (let i = 0; i < text.length && counted < DIGITS_CAP; i++) {
      const c = text.charCodeAt(i)
      if (c >= 48 && c <= 57) counted++
    }
    countedText = text
  }
  return counted
}

/** The runs of ASCII digits of a text: run k is `length[k]` digits from offset `start[k]`. */
export interface DigitRuns {
  readonly start: readonly number[]
  readonly length: readonly number[]
}

let runsText: string | undefined
let runs: DigitRuns = { start: [], length: [] }
const DIGIT_RUN = /[0-9]+/g

/**
 * The runs of ASCII digits in `text`. Several digit-shaped patterns are tried only near them (see
 * `PatternSpec.starts`), one after another on the same view: the last text's runs are kept. A
 * regex finds them faster than a loop over the characters.
 */
export function digitRuns(text: string): DigitRuns {
  if (text === runsText) return runs
  const start: number[] = []
  const length: number[] = []
  DIGIT_RUN.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = DIGIT_RUN.exec(text)) !== null) {
    start.push(m.index)
    length.push(m[0].length)
  }
  runsText = text
  runs = { start, length }
  return runs
}
