import { LB, RB } from '../util.js'
import { b64, upperAn } from './fake.js'
import { providerParts, re } from './spec.js'

export const onepasswordDetectors = [
  providerParts(
    {
      id: '1password-token',
      description: '1Password service account token (ops_eyJ…) or account secret key (A3-…)',
      examples: {
        match: ['ops_eyJ' + b64(300) + '=', 'A3-' + upperAn(6) + '-' + upperAn(11) + '-' + upperAn(5) + '-' + upperAn(5) + '-' + upperAn(5)],
        miss: ['ops_eyJ' + b64(40), 'A3-' + upperAn(6) + '-' + upperAn(5)]
      }
    },
    [
      { pattern: re(`${LB}(?<s>ops_eyJ[A-Za-z0-9+/]{250,5000}={0,3})(?![A-Za-z0-9+/=])`), keywords: ['ops_eyj'] },
      {
        pattern: re(`${LB}(?<s>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})${RB}`),
        keywords: ['a3-'],
        // `a3-` is common inside UUIDs; the pattern wants it in upper case.
        guard: (text) => text.includes('A3-')
      }
    ]
  )
]
