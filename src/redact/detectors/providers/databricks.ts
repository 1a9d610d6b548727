import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const databricksDetectors = [
  provider({
    id: 'databricks-token',
    description: 'Databricks token (dapi…)',
    keywords: ['dapi'],
    pattern: re(`${LB}(?<s>dapi[a-f0-9]{32}(?:-[0-9])?)${RB}`),
    examples: {
      match: ['dapi' + hex(32), 'dapi' + hex(32) + '-2'],
      miss: ['dapi' + hex(20), 'dapi' + hex(40)]
    }
  })
]
