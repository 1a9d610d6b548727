/**
 * Text escaping for the fast Markdown writer (md-fast.ts), byte for byte what
 * mdast-util-to-markdown's `safe` writes. The escaping algorithm below is ported from
 * mdast-util-to-markdown 2.2 (`lib/util/safe.js`, `pattern-in-scope.js`, `compile-pattern.js`,
 * `encode-character-reference.js`) and micromark-util-classify-character:
 * © Titus Wormer, MIT License, https://github.com/syntax-tree/mdast-util-to-markdown.
 *
 * The unsafe patterns themselves are not copied: they are read off remark's own state, with the
 * extensions the report is written with (remark-gfm), so a new pattern upstream is a new pattern
 * here.
 */

export interface UnsafePattern {
  character: string
  inConstruct?: string | readonly string[] | null
  notInConstruct?: string | readonly string[] | null
  before?: string | null
  after?: string | null
  atBreak?: boolean | null
  beforeNode?: unknown
  afterNode?: unknown
  unicode?: boolean | null
}

export interface CompiledPattern {
  pattern: UnsafePattern
  expression: RegExp
}

/**
 * The patterns in scope of one construct stack, by character: a pattern matches its one
 * character and nothing else adds an escape, so a text is run against the patterns of the
 * characters it holds and no others.
 */
export class PatternScope {
  /** By ASCII code, the patterns of that character. */
  private readonly ascii: CompiledPattern[][] = Array.from({ length: 128 }, () => [])
  /** The same, less those that match only next to a line break. */
  private readonly asciiOnOneLine: CompiledPattern[][] = Array.from({ length: 128 }, () => [])
  /** Patterns of a character outside ASCII (or of more than one): run on every text. */
  private readonly other: CompiledPattern[] = []
  /** Which ASCII codes the text at hand holds: equal to `epoch` when seen. */
  private readonly seen = new Uint32Array(128)
  private epoch = 0
  private readonly found: CompiledPattern[] = []

  constructor(patterns: readonly CompiledPattern[]) {
    for (const p of patterns) {
      const code = p.pattern.character.charCodeAt(0)
      if (p.pattern.character.length === 1 && code < 128) {
        this.ascii[code].push(p)
        if (!needsLineBreak(p.pattern)) this.asciiOnOneLine[code].push(p)
      } else this.other.push(p)
    }
  }

  /** The patterns that can match somewhere in `value` (valid till the next call). */
  for(value: string): readonly CompiledPattern[] {
    const epoch = ++this.epoch
    const found = this.found
    found.length = 0
    for (const p of this.other) found.push(p)
    const byCode = value.includes('\n') || value.includes('\r') ? this.ascii : this.asciiOnOneLine
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i)
      if (code < 128 && this.seen[code] !== epoch) {
        this.seen[code] = epoch
        const patterns = byCode[code]
        for (let j = 0; j < patterns.length; j++) found.push(patterns[j])
      }
    }
    return found
  }
}

// Conditions that hold only with a line break character next to the pattern's character.
const LINE_BREAK_ONLY = new Set(['[\\r\\n]', '\\r', '\\n'])

/** Whether a pattern can match only in a text that holds a line break (CR or LF). */
export function needsLineBreak(p: UnsafePattern): boolean {
  return Boolean(p.atBreak || (p.before && LINE_BREAK_ONLY.has(p.before)) || (p.after && LINE_BREAK_ONLY.has(p.after)))
}

export function compilePattern(pattern: UnsafePattern): RegExp {
  const before = (pattern.atBreak ? '[\\r\\n][\\t ]*' : '') + (pattern.before ? '(?:' + pattern.before + ')' : '')
  return new RegExp(
    (pattern.beforeNode ? '^' : before ? '(' + before + ')' : '') +
      (/[$()*+.?[\\\]^{|}]/.test(pattern.character) ? '\\' : '') +
      pattern.character +
      (pattern.afterNode ? '$' : pattern.after ? '(?:' + pattern.after + ')' : ''),
    pattern.unicode ? 'gu' : 'g'
  )
}

function listInScope(stack: readonly string[], list: string | readonly string[] | null | undefined, none: boolean): boolean {
  const names = typeof list === 'string' ? [list] : list
  if (!names || names.length === 0) return none
  return names.some((name) => stack.includes(name))
}

export function patternInScope(stack: readonly string[], pattern: UnsafePattern): boolean {
  return listInScope(stack, pattern.inConstruct, true) && !listInScope(stack, pattern.notInConstruct, false)
}

export function encodeCharacterReference(code: number): string {
  return '&#x' + code.toString(16).toUpperCase() + ';'
}

const PUNCTUATION_OR_SYMBOL = /\p{P}|\p{S}/u
const WHITESPACE = /\s/

/**
 * micromark's character class: 1 whitespace (or none: the start or end of the text), 2
 * punctuation, `undefined` anything else. `NaN` (a string read past its end) is "anything else",
 * as in micromark.
 */
export function classifyCharacter(code: number | null): 1 | 2 | undefined {
  if (code === null || (code as number) < 0 || code === 32) return 1
  if (code > -1 && WHITESPACE.test(String.fromCharCode(code))) return 1
  if (code > -1 && PUNCTUATION_OR_SYMBOL.test(String.fromCharCode(code))) return 2
  return undefined
}

export function firstCharacter(value: string): string {
  const code = value.codePointAt(0)
  return code === undefined ? '' : String.fromCodePoint(code)
}

export function lastCharacter(value: string): string {
  const code = value.codePointAt(value.length - 2)
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1)
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/
const BACKSLASH_BEFORE_PUNCTUATION = /\\(?=[!-/:-@[-`{-~])/g

function escapeBackslashes(value: string, after: string): string {
  if (!value.includes('\\')) return value
  const whole = value + after
  const results: string[] = []
  let start = 0
  BACKSLASH_BEFORE_PUNCTUATION.lastIndex = 0
  for (let m = BACKSLASH_BEFORE_PUNCTUATION.exec(whole); m; m = BACKSLASH_BEFORE_PUNCTUATION.exec(whole)) {
    if (start !== m.index) results.push(value.slice(start, m.index))
    results.push('\\')
    start = m.index
  }
  results.push(value.slice(start))
  return results.join('')
}

interface Info {
  before: boolean
  after: boolean
}

/**
 * `input` escaped between `before` and `after`, given the patterns in scope of the construct
 * stack. Patterns are assumed to name no neighbouring node (`beforeNode`, `afterNode`): the
 * caller checks that once. Percent-encoding (autolinks) is not handled: the caller never writes
 * autolinks.
 */
export function safe(scope: PatternScope, input: string, before: string, after: string): string {
  const value = before + input + after
  const patterns = scope.for(value)
  if (patterns.length === 0) return escapeBackslashes(input, after)
  const positions: number[] = []
  const infos = new Map<number, Info>()
  const offset = before.length
  const end = value.length - after.length

  // Which pattern matches first does not matter: a position's flags end up the AND of all.
  for (const { pattern, expression } of patterns) {
    expression.lastIndex = 0
    const withBefore = Boolean(pattern.before || pattern.atBreak)
    const withAfter = Boolean(pattern.after)
    for (let match = expression.exec(value); match; match = expression.exec(value)) {
      const position = match.index + (withBefore ? match[1].length : 0)
      const info = infos.get(position)
      if (info) {
        if (info.before && !withBefore) info.before = false
        if (info.after && !withAfter) info.after = false
      } else {
        positions.push(position)
        infos.set(position, { before: withBefore, after: withAfter })
      }
    }
  }

  if (positions.length === 0) return escapeBackslashes(input, after)
  positions.sort((a, b) => a - b)

  const result: string[] = []
  let start = offset
  for (let index = 0; index < positions.length; index++) {
    const position = positions[index]
    if (position < start || position >= end) continue

    // Intraword underscores (`a_b`) cannot form emphasis: left alone.
    if (
      value.charAt(position) === '_' &&
      position > 0 &&
      classifyCharacter(value.charCodeAt(position - 1)) === undefined &&
      !infos.has(position - 1) &&
      !(position - 1 === offset && /[*_]/.test(value.charAt(offset - 1)))
    ) {
      let sequenceEnd = position + 1
      while (sequenceEnd < end && value.charAt(sequenceEnd) === '_') sequenceEnd++
      const skip = sequenceEnd - position - 1
      if (
        positions[index + skip] === sequenceEnd - 1 &&
        sequenceEnd < value.length &&
        classifyCharacter(value.charCodeAt(sequenceEnd)) === undefined &&
        !infos.has(sequenceEnd) &&
        !(sequenceEnd === end - 1 && /[*_]/.test(value.charAt(end)))
      ) {
        index += skip
        continue
      }
    }

    const info = infos.get(position)!
    // Unsafe only next to a character that is escaped anyway: left alone.
    if (
      (position + 1 < end && positions[index + 1] === position + 1 && info.after && !infos.get(position + 1)!.before && !infos.get(position + 1)!.after) ||
      (position - 1 >= offset && positions[index - 1] === position - 1 && info.before && !infos.get(position - 1)!.before && !infos.get(position - 1)!.after)
    ) {
      continue
    }

    if (start !== position) result.push(escapeBackslashes(value.slice(start, position), '\\'))
    start = position + 1
    const character = value.charAt(position)
    result.push(ASCII_PUNCTUATION.test(character) ? '\\' + character : encodeCharacterReference(value.charCodeAt(position)))
  }
  result.push(escapeBackslashes(value.slice(start, end), after))
  return result.join('')
}
