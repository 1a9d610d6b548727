import { LB, RB } from '../util.js'
import { hex, lowerAn } from './fake.js'
import { provider, re } from './spec.js'

const isLowerAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 122)

/** Some `-us` follows 32 lower-case letters or digits. */
function hexBeforeUs(text: string): boolean {
  for (let at = text.indexOf('-us', 32); at >= 0; at = text.indexOf('-us', at + 3)) {
    let i = at - 1
    while (i >= at - 32 && isLowerAlnum(text.charCodeAt(i))) i--
    if (i < at - 32) return true
  }
  return false
}

export const mailchimpDetectors = [
  provider({
    id: 'mailchimp-key',
    description: 'Mailchimp API key (32 hex + data-centre suffix -usN)',
    keywords: ['-us'],
    // `-us` begins many words (`--user`): look for the 32 characters before it first.
    // detect-secrets (Apache-2.0) accepts any lower-case letter, not only hex digits.
    guard: hexBeforeUs,
    pattern: re(`${LB}(?<s>[0-9a-z]{32}-us[0-9]{1,2})${RB}`),
    examples: {
      match: [hex(32) + '-us6', hex(32) + '-us21', lowerAn(32) + '-us14', 'key:\\n' + hex(32) + '-us2'],
      miss: [hex(16) + '-us6', hex(32) + '-use']
    }
  })
]
