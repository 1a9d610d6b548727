import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const scalingoDetectors = [
  provider({
    id: 'scalingo-token',
    description: 'Scalingo API token (tk-us-)',
    keywords: ['tk-us-'],
    pattern: re(`${LB}(?<s>tk-us-[A-Za-z0-9_-]{48})(?![A-Za-z0-9_-])`),
    examples: {
      match: ['tk-us-' + urlsafe(48)],
      miss: ['tk-us-' + urlsafe(20)]
    }
  })
]
