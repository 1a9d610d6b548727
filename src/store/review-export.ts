import type { Db } from './db.js'

/*
 * What writing a sanitized copy needs of the review tables (see redact/export.ts): they hang on
 * session ids without a foreign key (so they outlive a re-ingest), so a copy that leaves a session
 * out must leave its review out by hand; and a tag's label is part of its key.
 */

/** Removes the tags, notes, dispositions and history of sessions the store no longer holds. */
export function dropReviewOfMissingSessions(db: Db): void {
  for (const table of ['review_tags', 'review_notes', 'review_dispositions'])
    db.prepare(`DELETE FROM ${table} WHERE session_id NOT IN (SELECT id FROM sessions)`).run()
  // An entry about no session (a rules-file entry for every session) stays.
  db.prepare(`DELETE FROM review_history WHERE session_id IS NOT NULL AND session_id NOT IN (SELECT id FROM sessions)`).run()
}

/**
 * Rewrites every tag label with `f`. Two labels can become one (both redacted to the same
 * marker): the second is then dropped rather than breaking the key.
 */
export function rewriteTagLabels(db: Db, f: (label: string) => string): void {
  const rows = db.prepare(`SELECT rowid AS k, session_id, prompt, label FROM review_tags ORDER BY rowid`).all() as {
    k: number
    session_id: string
    prompt: number
    label: string
  }[]
  const remove = db.prepare(`DELETE FROM review_tags WHERE rowid = ?`)
  const update = db.prepare(`UPDATE OR IGNORE review_tags SET label = ? WHERE rowid = ?`)
  for (const r of rows) {
    const out = f(r.label)
    if (out === r.label) continue
    // OR IGNORE leaves the row as it was when the new label is taken: then it goes.
    if (update.run(out, r.k).changes === 0) remove.run(r.k)
  }
}
