import { LB, RB } from '../util.js'
import { lowerAn } from './fake.js'
import { provider, re } from './spec.js'

export const readmeDetectors = [
  provider({
    id: 'readme-token',
    description: 'ReadMe API key (rdme_)',
    keywords: ['rdme_'],
    pattern: re(`${LB}(?<s>rdme_[a-z0-9]{70})${RB}`),
    examples: {
      match: ['rdme_' + lowerAn(70)],
      miss: ['rdme_' + lowerAn(30)]
    }
  })
]
