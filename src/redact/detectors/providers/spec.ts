import type { Detector } from '../../types.js'
import { multiPatternDetector, patternDetector, type PatternPart, type PatternSpec } from '../util.js'

/** A provider rule: always in the secrets pack, with examples. */
export type ProviderSpec = Omit<PatternSpec, 'pack' | 'examples'> & Required<Pick<PatternSpec, 'examples'>>

export const provider = (spec: ProviderSpec): Detector => patternDetector({ ...spec, pack: 'secrets' })

/** A provider rule of several patterns, each skipped on text without its own keywords. */
export const providerParts = (spec: Omit<ProviderSpec, 'pattern' | 'keywords'>, parts: PatternPart[]): Detector =>
  multiPatternDetector({ ...spec, pack: 'secrets' }, parts)

export const re = (source: string, flags = ''): RegExp => new RegExp(source, flags)

/**
 * A name holding the provider's word (`cloudflare_api_key`, `"artifactory",`, `telegram bot`),
 * then an assignment, a `:` or a comma: for a token with no prefix of its own, the name is the
 * evidence. The word is matched in any case, the pattern's own flags left case-sensitive.
 */
export const nearName = (...words: string[]): string =>
  String.raw`(?<![A-Za-z0-9])[A-Za-z0-9_.-]{0,24}(?:${words.map(anyCase).join('|')})[A-Za-z0-9_. -]{0,24}["'\x60]?[ \t]{0,4}(?:[:=,]|=>|:=)[ \t]{0,4}["'\x60]?`

/** `jfrog` as `[Jj][Ff][Rr][Oo][Gg]`. */
const anyCase = (word: string): string => [...word].map((c) => (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : c)).join('')
