import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const settlemintDetectors = [
  provider({
    id: 'settlemint-token',
    description: 'SettleMint access token (sm_pat_, sm_aat_, sm_sat_)',
    keywords: ['sm_pat_', 'sm_aat_', 'sm_sat_'],
    pattern: re(`${LB}(?<s>sm_(?:pat|aat|sat)_[A-Za-z0-9]{16})${RB}`),
    examples: {
      match: ['sm_pat_' + an(16), 'sm_sat_' + an(16)],
      miss: ['sm_pat_' + an(10), 'sm_pat_' + an(24)]
    }
  })
]
