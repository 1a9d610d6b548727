import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Config } from '../config/schema.js'
import { exportSanitized } from '../redact/export.js'
import { openStore } from '../store/db.js'
import { connectPg } from '../store/pg/connect.js'
import { pushStore, type PushResult } from '../store/pg/push.js'

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

/** The provenance of this workflow run from the runner's variables, or null outside a workflow. */
export function runProvenance(env: NodeJS.ProcessEnv, pullRequest: number | null, headSha: string | null): RunProvenance | null {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return null
  return {
    repository: env.GITHUB_REPOSITORY,
    workflowRun: `${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    pullRequest,
    commitSha: headSha ?? env.GITHUB_SHA ?? null,
    author: env.GITHUB_ACTOR ?? null
  }
}

/**
 * Pushes the sanitized form of `sessions` to the team store at `url`: what `exportSanitized`
 * writes (every text redacted, parser state dropped), and without raw log lines at all, each
 * session marked with the repository and run it came from. The unredacted store is never read by
 * the push itself.
 */
export async function pushSanitizedSessions(o: {
  database: string
  config: Config
  sessions: ReadonlySet<string>
  url: string
  provenance: RunProvenance
}): Promise<PushResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-log-trail-push-'))
  try {
    const copy = join(dir, 'sanitized.sqlite')
    exportSanitized(o.database, copy, o.config, o.sessions)
    const db = openStore(copy)
    try {
      const p = o.provenance
      const at = new Date().toISOString()
      db.transaction(() => {
        db.prepare('UPDATE events SET raw = NULL').run()
        db.prepare('UPDATE sessions SET repository = ?').run(p.repository)
        db.prepare(
          `INSERT OR REPLACE INTO session_pushes (session_id, repository, workflow_run, pull_request, commit_sha, author, pushed_at) SELECT id, ?, ?, ?, ?, ?, ? FROM sessions`
        ).run(p.repository, p.workflowRun, p.pullRequest, p.commitSha, p.author, at)
      })()
      const client = await connectPg(o.url)
      try {
        return await pushStore(db, client)
      } finally {
        await client.end()
      }
    } finally {
      db.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
