import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const pulumiDetectors = [
  provider({
    id: 'pulumi-token',
    description: 'Pulumi access token (pul-)',
    keywords: ['pul-'],
    pattern: re(`${LB}(?<s>pul-[a-f0-9]{40})${RB}`),
    examples: {
      match: ['pul-' + hex(40)],
      miss: ['pul-' + hex(20), 'pul-' + hex(48)]
    }
  })
]
