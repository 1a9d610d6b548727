import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const newrelicDetectors = [
  provider({
    id: 'newrelic-key',
    description: 'New Relic key (NRAK-, NRII-, NRJS-, NRAA-)',
    keywords: ['nrak-', 'nrii-', 'nrjs-', 'nraa-', 'nriq-'],
    pattern: re(`${LB}(?<s>NR(?:AK|II|JS|AA|IQ)-[A-Za-z0-9]{19,40})${RB}`),
    examples: {
      match: ['NRAK-' + an(27), 'NRJS-' + an(19)],
      miss: ['NRAK-' + an(10), 'NRXX-' + an(27)]
    }
  })
]
