import { prepared, type Db } from './db.js'

/** A session or prompt a review change names that the store does not hold. */
export class ReviewTargetError extends Error {}

/**
 * The stored session a person names by its id or a unique prefix (as rules-file overrides do).
 * Review rows outlive a re-ingest because they key on this id, never on a row id.
 */
export function resolveSession(db: Db, idOrPrefix: string): string {
  const want = idOrPrefix.trim()
  if (want.length === 0) throw new ReviewTargetError('no session given')
  if (prepared(db, `SELECT 1 FROM sessions WHERE id = ?`).get(want)) return want
  const found = prepared(db, `SELECT id FROM sessions WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 3`).pluck().all(want.length, want) as string[]
  if (found.length === 0) throw new ReviewTargetError(`no session ${want} in the database`)
  if (found.length > 1) throw new ReviewTargetError(`session prefix ${want} is ambiguous (${found.slice(0, 2).join(', ')}, …): give more of the id`)
  return found[0]
}

/**
 * Checks that the session has a prompt of that number: the turn the ingest numbered it into
 * (1 = the first prompt a person typed), the number rules-file overrides and reports use.
 */
export function checkPrompt(db: Db, sessionId: string, prompt: number): void {
  if (!Number.isInteger(prompt) || prompt < 1) throw new ReviewTargetError(`a prompt number counts from 1: ${prompt}`)
  if (!prepared(db, `SELECT 1 FROM turns WHERE session_id = ? AND ordinal = ?`).get(sessionId, prompt))
    throw new ReviewTargetError(`session ${sessionId} has no prompt ${prompt}`)
}
