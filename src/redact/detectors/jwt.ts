import type { Detector } from '../types.js'
import { patternDetector } from './util.js'

/** Whether a segment is base64url of a JSON object. */
function isJsonObject(segment: string): boolean {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  } catch {
    return false
  }
}

/** Whether the header or the claims decode to JSON, as an issuer writes them; the claims alone still leak. */
function decodes(token: string): boolean {
  const [header, claims] = token.split('.')
  return isJsonObject(header) || isJsonObject(claims)
}

/**
 * A JWT's header and payload both start with `{"` (base64url `eyJ`); the signature may be
 * empty for `alg: none`, or left out with its dot (an unsigned token as printed), which still
 * leaks the claims. A token neither of whose first two segments decodes to JSON was typed by hand.
 */
export const jwtDetector: Detector = patternDetector({
  id: 'jwt',
  pack: 'secrets',
  description: 'JSON Web Token (eyJ….eyJ….sig)',
  keywords: ['eyj'],
  pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}(?:\.(?:[A-Za-z0-9_-]{10,2000})?)?/,
  validate: decodes,
  examples: {
    match: [
      // The sample of jwt.io and countless tutorials: a published one is still a bearer credential.
      [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
        'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
      ].join('.'),
      // alg: none, no signature
      ['eyJhbGciOiJub25lIn0', 'eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJvd25lciJ9', ''].join('.'),
      // unsigned, without the last dot
      ['eyJhbGciOiJub25lIn0', 'eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJvd25lciJ9'].join('.')
    ],
    miss: [
      'eyJhbGciOiJIUzI1NiJ9',
      ['eyJhbGciOiJIUzI1NiJ9', 'payload', 'sig'].join('.'),
      // neither segment decodes: the header cut short, the claims typed over
      ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ', 'eyJzdWIiOiJhZG1pbiIsInJvbGasdUiOiJvd25lciJ9', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.')
    ]
  }
})
