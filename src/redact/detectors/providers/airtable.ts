import { LB, RB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

export const airtableDetectors = [
  provider({
    id: 'airtable-token',
    description: 'Airtable personal access token (pat….<64 hex>)',
    keywords: ['pat'],
    pattern: re(`${LB}(?<s>pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})${RB}`),
    examples: {
      match: ['pat' + an(14) + '.' + hex(64)],
      miss: ['pat' + an(14) + '.' + hex(20), 'path' + an(14) + '.' + hex(64)]
    }
  })
]
