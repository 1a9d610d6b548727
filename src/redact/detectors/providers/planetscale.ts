import { LB } from '../util.js'
import { an, fake } from './fake.js'
import { provider, re } from './spec.js'

export const planetscaleDetectors = [
  provider({
    id: 'planetscale-token',
    description: 'PlanetScale API token, password or OAuth token (pscale_tkn_, pscale_pw_, pscale_oauth_)',
    keywords: ['pscale_'],
    pattern: re(`${LB}(?<s>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64})(?![A-Za-z0-9_=-])`),
    examples: {
      match: [
        'pscale_tkn_' + an(43),
        'pscale_pw_' + fake('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_=.-', 32) + 'a',
        'pscale_oauth_' + an(64)
      ],
      miss: ['pscale_tkn_' + an(12), 'pscale_pw_' + '${PLANETSCALE_PASSWORD}']
    }
  })
]
