import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const openshiftDetectors = [
  provider({
    id: 'openshift-token',
    description: 'OpenShift user token (sha256~)',
    keywords: ['sha256~'],
    pattern: re(`${LB}(?<s>sha256~[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`),
    examples: {
      match: ['sha256~' + urlsafe(43)],
      miss: ['sha256~' + urlsafe(20), 'sha256:' + urlsafe(43)]
    }
  })
]
