import { LB, RB, minDigits } from '../util.js'
import { an, digits, hex, urlsafe } from './fake.js'
import { provider, providerParts, re } from './spec.js'

export const facebookDetectors = [
  providerParts(
    {
      id: 'facebook-token',
      description: 'Facebook (Meta) access token (EAA…) or app access token (app id|app secret)',
      examples: {
        match: ['EAAB' + an(180), 'EAAM' + an(120), digits(16) + '|' + urlsafe(27)],
        miss: ['EAAA' + an(120), 'EAAB' + an(40), digits(8) + '|' + urlsafe(27)]
      }
    },
    [
      // EAAA is Square's.
      { pattern: re(String.raw`${LB}(?<s>EAA[B-Z][A-Za-z0-9]{100,1000})${RB}`), keywords: ['eaa'] },
      // The app id and the app secret joined by `|`: a pipe is common, fifteen digits less so.
      { pattern: re(String.raw`(?<![0-9])(?<s>[0-9]{15,16}\|[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_-])`), keywords: ['|'], guard: minDigits(15) }
    ]
  ),
  provider({
    id: 'facebook-app-secret',
    description: 'Facebook app secret (32 hex) next to a Facebook key name',
    keywords: ['facebook', 'fb_', 'fb.', 'fb-'],
    pattern: re(
      String.raw`${LB}(?:facebook|fb[_.-])[A-Za-z0-9_.-]{0,24}(?:secret|key|token)["'\x60]?[ \t]{0,4}(?:[:=]|=>|:=)[ \t]{0,4}["'\x60]?(?<s>[a-f0-9]{32})(?![A-Za-z0-9])`,
      'i'
    ),
    examples: {
      match: ['FACEBOOK_APP_SECRET=' + hex(32), 'fb_client_secret: "' + hex(32) + '"'],
      miss: [hex(32), 'FACEBOOK_APP_ID=' + digits(16)]
    }
  })
]
