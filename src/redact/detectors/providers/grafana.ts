import { LB } from '../util.js'
import { an, b64, hex } from './fake.js'
import { provider, re } from './spec.js'

export const grafanaDetectors = [
  provider({
    id: 'grafana-token',
    description: 'Grafana service account or cloud token (glsa_, glc_)',
    keywords: ['glsa_', 'glc_'],
    pattern: re(`${LB}(?<s>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})`),
    examples: {
      match: ['glsa_' + an(32) + '_' + hex(8), 'glc_' + b64(120) + '=='],
      miss: ['glsa_' + an(10) + '_' + hex(8), 'glc_' + an(16)]
    }
  })
]
