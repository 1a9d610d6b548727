import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const intra42Detectors = [
  provider({
    id: 'intra42-client-secret',
    description: '42 intra client secret (s-s4t2ud-, s-s4t2af-)',
    keywords: ['s-s4t2'],
    pattern: re(`${LB}(?<s>s-s4t2(?:ud|af)-[a-f0-9]{64})${RB}`),
    examples: {
      match: ['s-s4t2ud-' + hex(64)],
      miss: ['s-s4t2ud-' + hex(32)]
    }
  })
]
