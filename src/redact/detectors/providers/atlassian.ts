import { LB } from '../util.js'
import { an, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const atlassianDetectors = [
  provider({
    id: 'atlassian-token',
    description: 'Atlassian API token (ATATT3, ATCTT3) or Bitbucket app password (ATBB)',
    keywords: ['atatt3', 'atctt3', 'atbb'],
    pattern: re(`${LB}(?<s>(?:ATATT3|ATCTT3)[A-Za-z0-9_=-]{50,300}|ATBB[A-Za-z0-9_=.-]{28,100})`),
    examples: {
      match: ['ATATT3' + urlsafe(186), 'ATBB' + an(32)],
      miss: ['ATATT3' + an(20), 'ATBB' + an(10)]
    }
  })
]
