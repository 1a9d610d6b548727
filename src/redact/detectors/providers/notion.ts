import { shannonEntropy } from '../../entropy.js'
import { LB, RB } from '../util.js'
import { an } from './fake.js'
import { provider, re } from './spec.js'

export const notionDetectors = [
  provider({
    id: 'notion-token',
    description: 'Notion integration token (secret_, ntn_)',
    keywords: ['secret_', 'ntn_'],
    pattern: re(`${LB}(?<s>secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,60})${RB}`),
    validate: (s) => /[0-9]/.test(s) && shannonEntropy(s) >= 3.5,
    examples: {
      match: ['secret_' + an(43), 'ntn_' + an(46)],
      // `secret_` starts many identifiers: a body without digits is one of them.
      miss: ['secret_' + 'ManagerConfigurationProviderFactoryBuilders', 'ntn_' + an(20)]
    }
  })
]
