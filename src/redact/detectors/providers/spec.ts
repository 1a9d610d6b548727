import type { Detector } from '../../types.js'
import { multiPatternDetector, patternDetector, type PatternPart, type PatternSpec } from '../util.js'

/** A provider rule: always in the secrets pack, with examples, prefixed unless it says otherwise. */
export type ProviderSpec = Omit<PatternSpec, 'pack' | 'examples'> & Required<Pick<PatternSpec, 'examples'>>

export const provider = (spec: ProviderSpec): Detector => patternDetector({ prefixed: true, ...spec, pack: 'secrets' })

/** A provider rule of several patterns, each skipped on text without its own keywords. */
export const providerParts = (spec: Omit<ProviderSpec, 'pattern' | 'keywords'>, parts: PatternPart[]): Detector =>
  multiPatternDetector({ prefixed: true, ...spec, pack: 'secrets' }, parts)

export const re = (source: string, flags = ''): RegExp => new RegExp(source, flags)
