import type { Db } from './db.js'

/**
 * The fingerprint the redaction cache was last opened under (`RedactionCacheStore`), or null when
 * the store has none (never opened, or not migrated). Read only: opening the cache records a run.
 */
export function redactionCacheFingerprint(db: Db): string | null {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redaction_cache_state'`).get()
  if (!table) return null
  const state = db.prepare('SELECT fingerprint FROM redaction_cache_state WHERE id = 1').get() as { fingerprint: string } | undefined
  return state?.fingerprint ?? null
}
