import { LB, RB } from '../util.js'
import { an, hex } from './fake.js'
import { provider, re } from './spec.js'

export const brevoDetectors = [
  provider({
    id: 'brevo-key',
    description: 'Brevo (Sendinblue) API or SMTP key (xkeysib-, xsmtpsib-)',
    keywords: ['xkeysib-', 'xsmtpsib-'],
    pattern: re(`${LB}(?<s>x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})${RB}`),
    examples: {
      match: ['xkeysib-' + hex(64) + '-' + an(16), 'xsmtpsib-' + hex(64) + '-' + an(16)],
      miss: ['xkeysib-' + hex(64)]
    }
  })
]
