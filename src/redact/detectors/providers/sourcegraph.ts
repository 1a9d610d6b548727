import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { nearName, provider, re } from './spec.js'

export const sourcegraphDetectors = [
  provider({
    id: 'sourcegraph-token',
    description: 'Sourcegraph access token (sgp_, or 40 hex digits of mixed case next to a Sourcegraph name)',
    keywords: ['sgp_', 'sourcegraph'],
    pattern: re(`${LB}(?<s>sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})${RB}|${nearName('sourcegraph')}(?<s2>[a-fA-F0-9]{40})${RB}`),
    // Without the prefix, hex digits in one case are a git object name: only mixed case is taken.
    validate: (s, m) => m.groups?.s2 === undefined || (/[a-f]/.test(s) && /[A-F]/.test(s)),
    examples: {
      match: ['sgp_' + hex(16) + '_' + hex(40), 'sgp_local_' + hex(40), 'sgp_' + hex(40), 'sourcegraph: ' + mixedCase(hex(40))],
      miss: ['sgp_' + hex(20), 'sourcegraph commit: ' + hex(40)]
    }
  })
]

function mixedCase(s: string): string {
  return [...s].map((c, i) => (i % 3 === 0 ? c.toUpperCase() : c)).join('')
}
