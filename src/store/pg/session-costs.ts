import type { Price } from '../../pricing/prices.js'
import { selectFrame } from '../../select/select.js'
import type { Db } from '../db.js'

/**
 * Where a session's cost came from: the agent's own figure, the price table's estimate, or neither
 * though tokens are known (a model the table does not price), which a sum must not read as zero.
 * A session whose log records neither usage nor cost has none of these (null).
 */
export type CostSource = 'agent' | 'estimate' | 'unpriced'

/**
 * Writes into `db` each session's cost as a report of that same store computes it (`selectFrame`,
 * with the config's `prices`), so the team store's cost is the per-run reports' by construction.
 * `db` is a private copy about to be pushed (a staging store, a sanitized export): a session's cost
 * is computed again from all its rows each time it is pushed.
 */
export function recordSessionCosts(db: Db, prices: Record<string, Price> = {}): number {
  const update = db.prepare('UPDATE sessions SET cost_usd = ?, cost_source = ? WHERE id = ?')
  const sessions = selectFrame(db, { prices }).sessions
  db.transaction(() => {
    for (const s of sessions) {
      const source: CostSource | null = s.cost_source ?? (s.tokens !== null ? 'unpriced' : null)
      update.run(s.cost_usd, source, s.id)
    }
  })()
  return sessions.length
}
