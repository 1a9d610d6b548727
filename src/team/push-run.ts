import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Config } from '../config/schema.js'
import { exportSanitized } from '../redact/export.js'
import { openStore } from '../store/db.js'
import { connectPg } from '../store/pg/connect.js'
import { markForTeamPush, type RunProvenance } from '../store/pg/provenance.js'
import { pushStore, replacingFilesRead, type PushResult } from '../store/pg/push.js'

export type { RunProvenance }

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
      markForTeamPush(db, o.provenance)
      const client = await connectPg(o.url)
      try {
        return await pushStore(db, client, { prices: o.config.pricing, ...replacingFilesRead(db) })
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
