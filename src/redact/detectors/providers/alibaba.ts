import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const alibabaDetectors = [
  provider({
    id: 'alibaba-access-key-id',
    description: 'Alibaba Cloud AccessKey id (LTAI…)',
    keywords: ['ltai'],
    pattern: re(`${LB}(?<s>LTAI[A-Za-z0-9]{20})${RB}`),
    examples: {
      match: ['LTAI' + an(20)],
      miss: ['LTAI' + an(12), 'LTAI' + an(30)]
    }
  })
]
