import { LB, RB } from '../util.js'
import { an, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const harnessDetectors = [
  provider({
    id: 'harness-token',
    description: 'Harness personal or service account token (pat., sat.)',
    keywords: ['pat.', 'sat.'],
    pattern: re(`${LB}(?<s>(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20})${RB}`),
    examples: {
      match: ['pat.' + urlsafe(22) + '.' + an(24) + '.' + an(20), 'sat.' + urlsafe(22) + '.' + an(24) + '.' + an(20)],
      miss: ['pat.' + urlsafe(22) + '.' + an(24)]
    }
  })
]
