import type { Db } from '../db.js'

/** Where a workflow run's sessions came from, stored with them in the team store (`session_pushes`). */
export interface RunProvenance {
  /** owner/name */
  repository: string
  /** The run's id and attempt, `<id>/<attempt>`: a re-run of the job pushes again under its own attempt. */
  workflowRun: string
  pullRequest: number | null
  commitSha: string | null
  /** Who started the run (GITHUB_ACTOR). */
  author: string | null
}

/**
 * Prepares a sanitized copy for the team store: raw log lines removed, and every session marked
 * with the repository and workflow run it is pushed from (`session_pushes`).
 */
export function markForTeamPush(db: Db, p: RunProvenance, at = new Date().toISOString()): void {
  db.transaction(() => {
    db.prepare('UPDATE events SET raw_block = NULL, raw_item = NULL').run()
    db.prepare('DELETE FROM raw_blocks').run()
    db.prepare('UPDATE sessions SET repository = ?').run(p.repository)
    db.prepare(
      `INSERT OR REPLACE INTO session_pushes (session_id, repository, workflow_run, pull_request, commit_sha, author, pushed_at) SELECT id, ?, ?, ?, ?, ?, ? FROM sessions`
    ).run(p.repository, p.workflowRun, p.pullRequest, p.commitSha, p.author, at)
  })()
}
