import { LB, RB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

export const cloudflareDetectors = [
  provider({
    id: 'cloudflare-origin-ca-key',
    description: 'Cloudflare Origin CA key (v1.0-…)',
    keywords: ['v1.0-'],
    pattern: re(`${LB}(?<s>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${RB}`),
    examples: {
      match: ['v1.0-' + hex(24) + '-' + hex(146)],
      miss: ['v1.0-' + hex(24) + '-' + hex(40)]
    }
  }),
  provider({
    id: 'cloudflare-api-token',
    description: 'Cloudflare API token or key in the prefixed form (cfk_, cfut_, cfat_)',
    keywords: ['cfk_', 'cfut_', 'cfat_'],
    pattern: re(`${LB}(?<s>(?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8})${RB}`),
    examples: {
      match: ['cfut_' + an(40) + hex(8), 'cfk_' + an(40) + hex(8)],
      miss: ['cfut_' + an(20), 'cfut_' + an(60)]
    }
  })
]
