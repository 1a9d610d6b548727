import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const mapboxDetectors = [
  provider({
    id: 'mapbox-token',
    description: 'Mapbox secret token (sk.eyJ…)',
    keywords: ['sk.eyj'],
    pattern: re(`${LB}(?<s>sk\\.eyJ[A-Za-z0-9_-]{20,300}\\.[A-Za-z0-9_-]{10,100})`),
    examples: {
      match: ['sk.eyJ' + urlsafe(60) + '.' + urlsafe(22)],
      miss: ['pk.eyJ' + urlsafe(60) + '.' + urlsafe(22), 'sk.eyJ' + urlsafe(60)]
    }
  })
]
