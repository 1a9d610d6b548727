import { builtinDetectors } from '../redact/detectors/index.js'
import { redactText } from '../redact/engine.js'
import { shannonEntropy } from '../redact/entropy.js'

const MIN_TOKEN = 16
const TOKEN_BITS = 3.5

/**
 * Whether a selection must not be written in clear: a built-in detector finds something in it
 * (a key, an address, a home folder …), or it is one long run of mixed letters and digits with
 * the spread of characters a random token has. A false positive only costs the file's reader
 * the clear text; a false negative would commit a secret.
 */
export function looksSecret(value: string): boolean {
  if (redactText(value, { detectors: builtinDetectors }).findings.length > 0) return true
  const t = value.trim()
  return t.length >= MIN_TOKEN && !/\s/.test(t) && /\d/.test(t) && /[A-Za-z]/.test(t) && shannonEntropy(t) >= TOKEN_BITS
}
