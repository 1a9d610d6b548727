import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const duffelDetectors = [
  provider({
    id: 'duffel-token',
    description: 'Duffel API token (duffel_live_, duffel_test_)',
    keywords: ['duffel_'],
    pattern: re(`${LB}(?<s>duffel_(?:test|live)_[A-Za-z0-9_=-]{43})(?![A-Za-z0-9_=-])`),
    examples: {
      match: ['duffel_live_' + urlsafe(43), 'duffel_test_' + urlsafe(43)],
      miss: ['duffel_live_' + urlsafe(20)]
    }
  })
]
