import type { Config } from '../config/schema.js'
import { cacheFingerprint } from '../redact/cached-findings.js'
import type { Db } from '../store/db.js'

/**
 * Whether an earlier run redacted this store's texts under the rules and code in force: the
 * redaction cache's fingerprint is this config's. A report whose comment is made from its files'
 * report never goes through the session cache, so this, not the session cache, tells a warm run
 * of it (its texts' findings replayed rather than scanned). Read only: the cache's own opening
 * is what records a run.
 */
export function filesRedactedBefore(db: Db, config: Config): boolean {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redaction_cache_state'`).get()
  if (!table) return false
  const state = db.prepare('SELECT fingerprint FROM redaction_cache_state WHERE id = 1').get() as { fingerprint: string } | undefined
  return state?.fingerprint === cacheFingerprint(config)
}
