import { LB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const dopplerDetectors = [
  provider({
    id: 'doppler-token',
    description: 'Doppler token (dp.st., dp.ct., dp.pt., dp.sa., …)',
    keywords: ['dp.'],
    pattern: re(`${LB}(?<s>dp\\.(?:st|ct|pt|sa|scim|audit)\\.[A-Za-z0-9_.-]{40,100})`),
    examples: {
      match: ['dp.pt.' + an(43), 'dp.st.prd.' + an(40)],
      miss: ['dp.pt.' + an(20), 'dp.xx.' + an(43)]
    }
  })
]
