import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const figmaDetectors = [
  provider({
    id: 'figma-token',
    description: 'Figma personal access token (figd_)',
    keywords: ['figd_'],
    pattern: re(`${LB}(?<s>figd_[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])`),
    examples: {
      match: ['figd_' + urlsafe(43)],
      miss: ['figd_' + urlsafe(20)]
    }
  })
]
