import { LB, RB, hexBeforeDash } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const mailgunDetectors = [
  provider({
    id: 'mailgun-key',
    description: 'Mailgun API key (key- + 32 hex) or webhook signing key',
    keywords: ['-'],
    // Nearly every text holds a '-': look for what each shape needs, `key-` or 32 hex digits and a '-'.
    guard: (text) => text.includes('key-') || hexBeforeDash(text, 32),
    pattern: re(`${LB}(?<s>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})${RB}`),
    examples: {
      match: ['key-' + hex(32), hex(32) + '-' + hex(8) + '-' + hex(8)],
      miss: ['key-' + hex(16), 'monkey-' + hex(32), hex(32)]
    }
  })
]
