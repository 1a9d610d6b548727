import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const easypostDetectors = [
  provider({
    id: 'easypost-key',
    description: 'EasyPost API key, production or test (EZAK, EZTK)',
    keywords: ['ezak', 'eztk'],
    pattern: re(`${LB}(?<s>EZ[AT]K[A-Za-z0-9]{54})${RB}`),
    examples: {
      match: ['EZAK' + an(54), 'EZTK' + an(54)],
      miss: ['EZAK' + an(30), 'EZAK' + an(60)]
    }
  })
]
