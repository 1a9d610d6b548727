import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const adobeDetectors = [
  provider({
    id: 'adobe-client-secret',
    description: 'Adobe client secret (p8e-)',
    keywords: ['p8e-'],
    pattern: re(`${LB}(?<s>p8e-[A-Za-z0-9]{32})${RB}`),
    examples: {
      match: ['p8e-' + an(32)],
      miss: ['p8e-' + an(16)]
    }
  })
]
