import { LB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

export const sentryDetectors = [
  provider({
    id: 'sentry-dsn',
    description: 'Sentry DSN key or Sentry auth token (sntryu_, sntrys_)',
    keywords: ['://', 'sntryu_', 'sntrys_'],
    pattern: re(
      String.raw`https?://(?<s>[0-9a-f]{32}(?::[0-9a-f]{32})?)@[A-Za-z0-9.-]{1,200}(?::\d{1,5})?/\d{1,20}|${LB}(?<s2>sntryu_[a-f0-9]{64}|sntrys_[A-Za-z0-9+/=_]{40,300})(?![A-Za-z0-9+/=_])`
    ),
    examples: {
      match: ['https://' + hex(32) + '@o12.ingest.sentry.io/345', 'sntryu_' + hex(64), 'sntrys_' + 'eyJpYXQiO' + an(120) + '_' + an(43)],
      // A user token's body is 64 hex digits.
      miss: ['https://' + hex(32) + '.example.org/345', 'sntryu_' + hex(10), 'sntryu_' + hex(63), 'sntryu_' + hex(65)]
    }
  })
]
