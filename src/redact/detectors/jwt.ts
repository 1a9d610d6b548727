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
  pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.(?:[A-Za-z0-9_-]{10,2000})?/
})
