import type { Detector } from '../types.js'
import { patternDetector } from './util.js'

/**
 * A JWT's header and payload both start with `{"` (base64url `eyJ`); the signature may be
 * empty for `alg: none`, which still leaks the claims.
 */
export const jwtDetector: Detector = patternDetector({
  id: 'jwt',
  pack: 'secrets',
  description: 'JSON Web Token (eyJ….eyJ….sig)',
  keywords: ['eyj'],
  pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.(?:[A-Za-z0-9_-]{10,2000})?/,
  examples: {
    match: [
      // The sample of jwt.io and countless tutorials: a published one is still a bearer credential.
      [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
        'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
      ].join('.'),
      // alg: none, no signature
      ['eyJhbGciOiJub25lIn0', 'eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJvd25lciJ9', ''].join('.')
    ],
    miss: ['eyJhbGciOiJIUzI1NiJ9', ['eyJhbGciOiJIUzI1NiJ9', 'payload', 'sig'].join('.')]
  }
})
