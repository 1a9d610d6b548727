import type { Detector } from '../../types.js'
import { patternDetector, type PatternSpec } from '../util.js'

/** A provider rule: always in the secrets pack, with examples, prefixed unless it says otherwise. */
export type ProviderSpec = Omit<PatternSpec, 'pack' | 'examples'> & Required<Pick<PatternSpec, 'examples'>>

export const provider = (spec: ProviderSpec): Detector => patternDetector({ prefixed: true, ...spec, pack: 'secrets' })

export const re = (source: string, flags = ''): RegExp => new RegExp(source, flags)
