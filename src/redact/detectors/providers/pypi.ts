import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const pypiDetectors = [
  provider({
    id: 'pypi-token',
    description: 'PyPI upload token (pypi-AgE…)',
    keywords: ['pypi-age'],
    pattern: re(`${LB}(?<s>pypi-AgE[A-Za-z0-9_-]{50,1000})`),
    examples: {
      match: ['pypi-AgE' + 'IcHlwaS5vcmc' + urlsafe(140)],
      miss: ['pypi-AgE' + urlsafe(20), 'pypi-' + urlsafe(80)]
    }
  })
]
