import { hex } from './fake.js'
import { provider, re } from './spec.js'

/** Bundler's variable for Sidekiq Pro/Enterprise gem credentials (`BUNDLE_GEMS__CONTRIBSYS__COM`). */
const BUNDLE_KEY = String.raw`(?<![A-Za-z0-9_])BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["'\x60]?[ \t]{0,4}(?:=|:|=>)[ \t]{0,4}["'\x60]?`

export const sidekiqDetectors = [
  provider({
    id: 'sidekiq-secret',
    description: 'Sidekiq Pro/Enterprise gem credentials (BUNDLE_GEMS__CONTRIBSYS__COM=user:pass)',
    keywords: ['contribsys__com'],
    pattern: re(`${BUNDLE_KEY}(?<s>[a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])`, 'i'),
    examples: {
      match: [
        'export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=' + hex(8) + ':' + hex(8),
        'BUNDLE_GEMS__CONTRIBSYS__COM: "' + hex(8) + ':' + hex(8) + '"',
        'export BUNDLE_GEMS__CONTRIBSYS__COM = ' + hex(8) + ':' + hex(8) + ';'
      ],
      miss: ['BUNDLE_GEMS__CONTRIBSYS__COM=' + hex(8), 'BUNDLE_GEMS__EXAMPLE__COM=' + hex(8) + ':' + hex(8)]
    }
  })
]
