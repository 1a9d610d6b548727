import { LB } from '../util.js'
import { urlsafe } from './fake.js'
import { provider, re } from './spec.js'

export const sendgridDetectors = [
  provider({
    id: 'sendgrid-key',
    description: 'SendGrid API key (SG.x.y)',
    keywords: ['sg.'],
    pattern: re(`${LB}(?<s>SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{30,64})`),
    examples: {
      match: ['SG.' + urlsafe(22) + '.' + urlsafe(43)],
      miss: ['SG.' + urlsafe(10) + '.' + urlsafe(43), 'SG.' + urlsafe(22)]
    }
  })
]
