import type { Config } from '../config/schema.js'
import { cacheFingerprint } from '../redact/cached-findings.js'
import type { Db } from '../store/db.js'
import { RedactionCacheStore } from '../store/redaction-cache.js'

/**
 * Whether an earlier run redacted this store's texts under the rules and code in force: the
 * redaction cache's fingerprint is this config's. A report whose comment is made from its files'
 * report never goes through the session cache, so this, not the session cache, tells a warm run
 * of it (its texts' findings replayed rather than scanned).
 */
export function filesRedactedBefore(db: Db, config: Config): boolean {
  const fingerprint = RedactionCacheStore.fingerprintOf(db)
  return fingerprint !== null && fingerprint === cacheFingerprint(config)
}
