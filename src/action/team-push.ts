import * as core from './runner-commands.js'
import type { Config } from '../config/schema.js'
import type { JobResult } from '../pipeline/job.js'
import { describeUrl } from '../store/pg/connect.js'
import { pushSanitizedSessions, runProvenance } from '../team/push-run.js'
import type { GithubTarget } from './target.js'

/**
 * With the `database-url` input, pushes the report's sessions, sanitized, to the team store
 * (docs/database.md, "The team store"). A failure is a warning and is returned as a publishing
 * failure, so `fail-on: publish` fails the step on it; the URL is only ever printed without its
 * password.
 */
export async function pushToTeamStore(o: { url: string; database: string; config: Config; result: JobResult; github: GithubTarget }): Promise<string[]> {
  const where = describeUrl(o.url)
  const provenance = runProvenance(process.env, o.github.pullNumber, o.github.pull?.headSha ?? null)
  if (!provenance) {
    core.warning(`database-url is set, but GITHUB_REPOSITORY or GITHUB_RUN_ID is not: nothing was pushed to ${where}`)
    return []
  }
  try {
    const r = await pushSanitizedSessions({
      database: o.database,
      config: o.config,
      sessions: new Set(o.result.sessionIds),
      url: o.url,
      provenance
    })
    core.info(`team store: pushed ${r.sessions} sanitized session(s) of ${provenance.repository} to ${where}`)
    return []
  } catch (e) {
    const why = String((e as Error).message ?? e).replaceAll(o.url, where)
    core.warning(`could not push the sessions to the team store ${where}: ${why}`)
    return [`the team store (${why})`]
  }
}
