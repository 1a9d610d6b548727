import { LB } from '../util.js'
import { an, fake, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const hashicorpDetectors = [
  provider({
    id: 'hashicorp-vault-token',
    description: 'HashiCorp Vault token (hvs., hvb., hvr.) or Terraform Cloud token (.atlasv1.)',
    keywords: ['hvs.', 'hvb.', 'hvr.', '.atlasv1.'],
    pattern: re(`${LB}(?<s>hv[sbr]\\.[A-Za-z0-9_-]{24,200}|[a-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,100})`),
    examples: {
      match: ['hvs.' + urlsafe(90), 'hvr.' + urlsafe(90), 'hvb.' + urlsafe(138), fake('abcdefghijklmnopqrstuvwxyz0123456789', 14) + '.atlasv1.' + urlsafe(67)],
      miss: ['hvs.' + an(10), 'x.atlasv1.' + urlsafe(67)]
    }
  })
]
