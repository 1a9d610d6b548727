import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const shippoDetectors = [
  provider({
    id: 'shippo-token',
    description: 'Shippo API token (shippo_live_, shippo_test_)',
    keywords: ['shippo_'],
    pattern: re(`${LB}(?<s>shippo_(?:live|test)_[a-fA-F0-9]{40})${RB}`),
    examples: {
      match: ['shippo_live_' + hex(40), 'shippo_test_' + hex(40)],
      miss: ['shippo_live_' + hex(20)]
    }
  })
]
