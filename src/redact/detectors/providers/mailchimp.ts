import { RB, hexBeforeDash } from '../util.js'
import { hex } from './fake.js'
import { provider, re } from './spec.js'

export const mailchimpDetectors = [
  provider({
    id: 'mailchimp-key',
    description: 'Mailchimp API key (32 hex + data-centre suffix -us<N>)',
    keywords: ['-us'],
    // `-us` begins many words: look for the 32 hex digits first.
    guard: (text) => hexBeforeDash(text, 32),
    pattern: re(`(?<![A-Za-z0-9])(?<s>[0-9a-f]{32}-us[0-9]{1,2})${RB}`),
    prefixed: false,
    examples: {
      match: [hex(32) + '-us6', hex(32) + '-us21'],
      miss: [hex(16) + '-us6', hex(32) + '-use']
    }
  })
]
