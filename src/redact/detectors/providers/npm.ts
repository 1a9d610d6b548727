import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const npmDetectors = [
  provider({
    id: 'npm-token',
    description: 'npm access token (npm_)',
    keywords: ['npm_'],
    pattern: re(`${LB}(?<s>npm_[A-Za-z0-9]{36,64})${RB}`),
    examples: {
      match: ['npm_' + an(36)],
      miss: ['npm_' + an(20), 'npm_config_' + an(36)]
    }
  })
]
