import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const rubygemsDetectors = [
  provider({
    id: 'rubygems-token',
    description: 'RubyGems API key (rubygems_)',
    keywords: ['rubygems_'],
    pattern: re(`${LB}(?<s>rubygems_[a-f0-9]{48})${RB}`),
    examples: {
      match: ['rubygems_' + hex(48)],
      miss: ['rubygems_' + hex(20)]
    }
  })
]
