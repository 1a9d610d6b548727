import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const sourcegraphDetectors = [
  provider({
    id: 'sourcegraph-token',
    description: 'Sourcegraph access token (sgp_)',
    keywords: ['sgp_'],
    pattern: re(`${LB}(?<s>sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})${RB}`),
    examples: {
      match: ['sgp_' + hex(16) + '_' + hex(40), 'sgp_local_' + hex(40), 'sgp_' + hex(40)],
      miss: ['sgp_' + hex(20)]
    }
  })
]
