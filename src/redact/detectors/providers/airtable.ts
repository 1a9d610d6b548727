import { LB, RB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

/** Some `pat` has a `.` fourteen characters on: the shape's skeleton, far cheaper to find than the pattern, as `pat` begins `path`. */
function hasSkeleton(text: string): boolean {
  for (let i = text.indexOf('pat'); i >= 0; i = text.indexOf('pat', i + 3)) if (text.charCodeAt(i + 17) === 46) return true
  return false
}

export const airtableDetectors = [
  provider({
    id: 'airtable-token',
    description: 'Airtable personal access token (pat….<64 hex>)',
    keywords: ['pat'],
    guard: hasSkeleton,
    pattern: re(`${LB}(?<s>pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})${RB}`),
    examples: {
      match: ['pat' + an(14) + '.' + hex(64)],
      miss: ['pat' + an(14) + '.' + hex(20), 'path' + an(14) + '.' + hex(64)]
    }
  })
]
