import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const linearDetectors = [
  provider({
    id: 'linear-key',
    description: 'Linear API key (lin_api_) or OAuth token',
    keywords: ['lin_api_', 'lin_oauth_'],
    pattern: re(`${LB}(?<s>lin_(?:api|oauth)_[A-Za-z0-9]{32,64})${RB}`),
    examples: {
      match: ['lin_api_' + an(40), 'lin_oauth_' + an(64)],
      miss: ['lin_api_' + an(16), 'berlin_api_' + an(40)]
    }
  })
]
