import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const infracostDetectors = [
  provider({
    id: 'infracost-token',
    description: 'Infracost API token (ico-)',
    keywords: ['ico-'],
    pattern: re(`${LB}(?<s>ico-[A-Za-z0-9]{32})${RB}`),
    examples: {
      match: ['ico-' + an(32)],
      miss: ['ico-' + an(16), 'favicon-' + an(32)]
    }
  })
]
