import { LB, RB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

/** A key name holding `cloudflare`, then an assignment: global keys and unprefixed tokens carry no prefix of their own. */
const NEAR_CLOUDFLARE = String.raw`${LB}[A-Za-z0-9_.-]{0,24}cloudflare[A-Za-z0-9_.-]{0,24}["'\x60]?[ \t]{0,4}(?:[:=]|=>|:=)[ \t]{0,4}["'\x60]?`

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
    id: 'cloudflare-key',
    description: 'Cloudflare global API key (37 hex digits) or API token (40 characters) next to a Cloudflare key name',
    keywords: ['cloudflare'],
    pattern: re(`${NEAR_CLOUDFLARE}(?<s>[a-f0-9]{37}|[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])`, 'i'),
    examples: {
      match: ['cloudflare: "' + hex(37) + '"', 'CLOUDFLARE_API_TOKEN=' + an(40), 'cloudflare_global_api_key = "' + hex(37) + '"'],
      miss: ['cloudflare: "' + hex(32) + '"', hex(37), 'cloudflare_zone = ' + an(41)]
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
