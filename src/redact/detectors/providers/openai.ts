import { shannonEntropy } from '../../entropy.js'
import { LB } from '../util.js'
import { an, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const openaiDetectors = [
  provider({
    id: 'openai-key',
    description: 'OpenAI-style key (sk-, sk-proj-, sk-svcacct-, sk-admin-, sk-or-)',
    keywords: ['sk-'],
    pattern: re(`${LB}(?<s>sk-(?!ant-)[A-Za-z0-9_-]{20,300})`),
    validate: (s) => /[0-9]/.test(s) && shannonEntropy(s) >= 3.5,
    examples: {
      match: ['sk-proj-' + urlsafe(74) + 'T3Blbk' + 'FJ' + urlsafe(74), 'sk-' + an(48), 'sk-or-v1-' + an(64)],
      miss: ['sk-' + 'aaaaaaaabbbbbbbbcccccccc', 'task-' + an(40), 'sk-' + an(10)]
    }
  })
]
