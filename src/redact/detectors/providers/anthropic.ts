import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const anthropicDetectors = [
  provider({
    id: 'anthropic-key',
    description: 'Anthropic API / admin / OAuth key (sk-ant-)',
    keywords: ['sk-ant-'],
    pattern: re(`${LB}(?<s>sk-ant-[A-Za-z0-9_-]{20,300})`),
    examples: {
      match: ['sk-ant-api03-' + urlsafe(93) + 'AA', 'sk-ant-admin01-' + urlsafe(93) + 'AA', 'sk-ant-oat01-' + urlsafe(60)],
      miss: ['sk-ant-' + urlsafe(8), 'sk-ant-' + 'api03-your-key-here']
    }
  })
]
