import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const digitaloceanDetectors = [
  provider({
    id: 'digitalocean-token',
    description: 'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: re(`${LB}(?<s>do[opr]_v1_[a-f0-9]{64})${RB}`),
    examples: {
      match: ['dop_v1_' + hex(64), 'dor_v1_' + hex(64)],
      miss: ['dop_v1_' + hex(32), 'dop_v2_' + hex(64)]
    }
  })
]
