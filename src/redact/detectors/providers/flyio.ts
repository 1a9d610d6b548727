import { LB } from '../util.js'
import { b64, urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const flyioDetectors = [
  provider({
    id: 'flyio-token',
    description: 'Fly.io access token (fo1_, fm1a_, fm1r_, fm2_)',
    keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    pattern: re(`${LB}(?<s>fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,4000}={0,3}|fm2_[A-Za-z0-9+/]{100,4000}={0,3})(?![A-Za-z0-9_+/=-])`),
    examples: {
      match: ['fo1_' + urlsafe(43), 'FlyV1 fm2_' + b64(400) + '=', 'fm1r_' + b64(180)],
      miss: ['fo1_' + urlsafe(20), 'fm2_' + b64(40)]
    }
  })
]
