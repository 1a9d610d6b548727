import { LB, RB } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const twilioDetectors = [
  provider({
    id: 'twilio-key',
    description: 'Twilio API key SID (SK + 32 hex)',
    keywords: ['sk'],
    pattern: re(`${LB}(?<s>SK[0-9a-fA-F]{32})${RB}`),
    // Two letters are too weak a prefix to outweigh a typed-looking body.
    examples: {
      match: ['SK' + hex(32)],
      miss: ['SK' + hex(20), 'ASK' + hex(32), 'SK' + '0123456789abcdef0123456789abcdef']
    }
  })
]
