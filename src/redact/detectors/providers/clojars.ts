import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const clojarsDetectors = [
  provider({
    id: 'clojars-token',
    description: 'Clojars deploy token (CLOJARS_)',
    keywords: ['clojars_'],
    pattern: re(`${LB}(?<s>CLOJARS_[A-Za-z0-9]{60})${RB}`),
    examples: {
      match: ['CLOJARS_' + an(60)],
      miss: ['CLOJARS_' + an(30)]
    }
  })
]
