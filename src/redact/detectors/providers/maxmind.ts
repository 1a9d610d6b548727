import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const maxmindDetectors = [
  provider({
    id: 'maxmind-license-key',
    description: 'MaxMind license key (…_mmk)',
    keywords: ['_mmk'],
    pattern: re(`${LB}(?<s>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)${RB}`),
    examples: {
      match: [an(6) + '_' + an(29) + '_mmk'],
      miss: [an(6) + '_' + an(10) + '_mmk']
    }
  })
]
