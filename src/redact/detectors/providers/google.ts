import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const googleDetectors = [
  provider({
    id: 'google-api-key',
    description: 'Google API key (AIza…)',
    keywords: ['aiza'],
    pattern: re(`${LB}(?<s>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])`),
    examples: {
      match: ['AIza' + urlsafe(35)],
      miss: ['AIza' + urlsafe(20), 'AIza' + urlsafe(40)]
    }
  }),
  provider({
    id: 'google-oauth-secret',
    description: 'Google OAuth client secret (GOCSPX-) or access token (ya29.)',
    keywords: ['gocspx-', 'ya29.'],
    pattern: re(`${LB}(?<s>GOCSPX-[A-Za-z0-9_-]{28,64}|ya29\\.[A-Za-z0-9_-]{20,2048})`),
    examples: {
      match: ['GOCSPX-' + urlsafe(28), 'ya29.' + urlsafe(120)],
      miss: ['GOCSPX-' + urlsafe(10), 'ya29.' + 'x'.repeat(40)]
    }
  })
]
