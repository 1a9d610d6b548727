import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const postmanDetectors = [
  provider({
    id: 'postman-key',
    description: 'Postman API key (PMAK-)',
    keywords: ['pmak-'],
    pattern: re(`${LB}(?<s>PMAK-[a-f0-9]{24}-[a-f0-9]{34})${RB}`, 'i'),
    examples: {
      match: ['PMAK-' + hex(24) + '-' + hex(34)],
      miss: ['PMAK-' + hex(24), 'PMAK-' + hex(10) + '-' + hex(34)]
    }
  })
]
