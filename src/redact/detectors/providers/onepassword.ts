import { LB } from '../util.js'
import { b64, upperAn } from './fake.js'
import { provider, re } from './spec.js'

export const onepasswordDetectors = [
  provider({
    id: '1password-token',
    description: '1Password service account token (ops_eyJ…) or account secret key (A3-…)',
    keywords: ['ops_eyj', 'a3-'],
    pattern: re(`${LB}(?<s>ops_eyJ[A-Za-z0-9+/]{250,5000}={0,3}|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9+/=])`),
    examples: {
      match: ['ops_eyJ' + b64(300) + '=', 'A3-' + upperAn(6) + '-' + upperAn(11) + '-' + upperAn(5) + '-' + upperAn(5) + '-' + upperAn(5)],
      miss: ['ops_eyJ' + b64(40), 'A3-' + upperAn(6) + '-' + upperAn(5)]
    }
  })
]
