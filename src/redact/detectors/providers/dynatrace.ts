import { LB, RB } from '../util.js'
import { upperAn } from './fake.js'
import { provider, re } from './spec.js'

export const dynatraceDetectors = [
  provider({
    id: 'dynatrace-token',
    description: 'Dynatrace API token (dt0c01.)',
    keywords: ['dt0c01.'],
    pattern: re(`${LB}(?<s>dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64})${RB}`),
    examples: {
      match: ['dt0c01.' + upperAn(24) + '.' + upperAn(64)],
      miss: ['dt0c01.' + upperAn(24)]
    }
  })
]
