import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const clickhouseDetectors = [
  provider({
    id: 'clickhouse-cloud-key',
    description: 'ClickHouse Cloud API secret key (4b1d…)',
    keywords: ['4b1d'],
    pattern: re(`${LB}(?<s>4b1d[A-Za-z0-9]{38})${RB}`),
    examples: {
      match: ['4b1d' + an(38)],
      miss: ['4b1d' + an(20), 'x4b1d' + an(38)]
    }
  })
]
