import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const squareDetectors = [
  provider({
    id: 'square-token',
    description: 'Square access token or OAuth secret (sq0atp-, sq0csp-, EAAA)',
    keywords: ['sq0atp-', 'sq0csp-'],
    pattern: re(`${LB}(?<s>sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60})`),
    examples: {
      match: ['sq0atp-' + urlsafe(22), 'sq0csp-' + urlsafe(43)],
      miss: ['sq0atp-' + urlsafe(10)]
    }
  })
]
