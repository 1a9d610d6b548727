import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const prefectDetectors = [
  provider({
    id: 'prefect-token',
    description: 'Prefect API key (pnu_)',
    keywords: ['pnu_'],
    pattern: re(`${LB}(?<s>pnu_[A-Za-z0-9]{36})${RB}`),
    examples: {
      match: ['pnu_' + an(36)],
      miss: ['pnu_' + an(20)]
    }
  })
]
