import { fake } from './fake.js'
import { provider, re } from './spec.js'

const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'

export const ageDetectors = [
  provider({
    id: 'age-secret-key',
    description: 'age encryption secret key',
    keywords: ['age-secret-key-1'],
    pattern: re(`(?<s>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})`),
    examples: {
      match: ['AGE-SECRET-KEY-1' + fake(BECH32, 58)],
      miss: ['AGE-SECRET-KEY-1' + fake(BECH32, 20), 'age1' + fake(BECH32, 58).toLowerCase()]
    }
  })
]
