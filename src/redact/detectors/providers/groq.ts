import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const groqDetectors = [
  provider({
    id: 'groq-key',
    description: 'Groq API key (gsk_)',
    keywords: ['gsk_'],
    pattern: re(`${LB}(?<s>gsk_[A-Za-z0-9]{48,60})${RB}`),
    examples: {
      match: ['gsk_' + an(52)],
      miss: ['gsk_' + an(20)]
    }
  })
]
