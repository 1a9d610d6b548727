import { LB } from '../util.js'
import { hex, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

const uuid = (): string => [hex(8), hex(4), hex(4), hex(4), hex(12)].join('-')

export const herokuDetectors = [
  provider({
    id: 'heroku-key',
    description: 'Heroku platform token (HRKU-) or API key next to a Heroku key name',
    keywords: ['hrku-', 'heroku'],
    pattern: re(
      String.raw`${LB}(?<s>HRKU-[A-Za-z0-9_-]{60,80})|(?<![A-Za-z0-9])heroku[A-Za-z0-9_.-]{0,20}(?:key|token)["'\x60]?\s{0,4}[:=]\s{0,4}["'\x60]?(?<s2>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
      'i'
    ),
    examples: {
      match: ['HRKU-AA' + urlsafe(58), 'HEROKU_API_KEY=' + uuid()],
      miss: ['HRKU-' + urlsafe(20), uuid()]
    }
  })
]
