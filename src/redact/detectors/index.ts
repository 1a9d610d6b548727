import type { Detector } from '../types.js'
import { credentialDetectors } from './credentials.js'
import { homePathDetectors } from './home-paths.js'
import { identityFieldDetector } from './identity-fields.js'
import { jwtDetector } from './jwt.js'
import { piiDetectors } from './pii.js'
import { privateKeyDetectors } from './private-keys.js'
import { providerTokenDetectors } from './providers/index.js'

/**
 * Order matters only for ties when overlapping findings merge: more specific rules first,
 * so a GitHub token in an Authorization header is reported as `github-token`.
 */
export const builtinDetectors: Detector[] = [
  ...privateKeyDetectors,
  ...providerTokenDetectors,
  jwtDetector,
  ...credentialDetectors,
  ...piiDetectors,
  identityFieldDetector,
  ...homePathDetectors
]

export const detectorIds: string[] = builtinDetectors.map((d) => d.id)

export { isPlaceholder } from './placeholders.js'
export { isSecretKeyName } from './key-names.js'
