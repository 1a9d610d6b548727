import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const frameioDetectors = [
  provider({
    id: 'frameio-token',
    description: 'Frame.io API token (fio-u-)',
    keywords: ['fio-u-'],
    pattern: re(`${LB}(?<s>fio-u-[A-Za-z0-9_=-]{64})(?![A-Za-z0-9_=-])`),
    examples: {
      match: ['fio-u-' + urlsafe(64)],
      miss: ['fio-u-' + urlsafe(30)]
    }
  })
]
