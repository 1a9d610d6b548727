import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const replicateDetectors = [
  provider({
    id: 'replicate-token',
    description: 'Replicate API token (r8_)',
    keywords: ['r8_'],
    pattern: re(`${LB}(?<s>r8_[A-Za-z0-9]{30,50})${RB}`),
    examples: {
      match: ['r8_' + an(37)],
      miss: ['r8_' + an(12), 'xr8_' + an(37)]
    }
  })
]
