import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const perplexityDetectors = [
  provider({
    id: 'perplexity-key',
    description: 'Perplexity API key (pplx-)',
    keywords: ['pplx-'],
    pattern: re(`${LB}(?<s>pplx-[A-Za-z0-9]{48})${RB}`),
    examples: {
      match: ['pplx-' + an(48)],
      miss: ['pplx-' + an(20)]
    }
  })
]
