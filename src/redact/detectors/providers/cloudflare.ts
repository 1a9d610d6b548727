import { LB, RB } from '../util.js'
import { hex } from './fake.js'
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
  })
]
