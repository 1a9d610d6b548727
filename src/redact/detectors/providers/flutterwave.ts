import { LB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const flutterwaveDetectors = [
  provider({
    id: 'flutterwave-key',
    description: 'Flutterwave secret, public or encryption key (FLWSECK-, FLWPUBK-)',
    keywords: ['flwseck', 'flwpubk'],
    pattern: re(`${LB}(?<s>FLW(?:SECK|PUBK)(?:_TEST)?-?[a-hA-H0-9]{12,32}(?:-X)?)(?![A-Za-z0-9-])`),
    examples: {
      match: ['FLWSECK_TEST-' + hex(32) + '-X', 'FLWSECK-' + hex(32) + '-X', 'FLWSECK_TEST' + hex(12)],
      miss: ['FLWSECK_TEST-' + hex(6)]
    }
  })
]
