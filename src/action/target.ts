import * as core from './runner-commands.js'
import type { Octokit } from '../publish/github.js'
import { workflowEvent } from './event.js'

/**
 * What this run of the workflow is about, from the event payload GitHub hands the Action. The
 * REST client (and the modules that use it) are loaded when first needed: a run that publishes
 * nothing through the API never loads them.
 */
export function githubTarget() {
  const context = workflowEvent()
  const payload = context.payload as {
    pull_request?: { number?: number; head?: { ref?: string; sha?: string }; base?: { sha?: string } }
    release?: { id?: number; tag_name?: string }
    number?: number
  }
  const pr = payload.pull_request
  const repoEnv = process.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = repoEnv.split('/')
  const token = core.getInput('github-token')
  const ref = { owner, repo }
  let octokit: Promise<Octokit> | undefined
  const client = (): Promise<Octokit> =>
    (octokit ??= import('../publish/github.js').then(({ githubClient }) => githubClient(token, process.env.GITHUB_API_URL ?? 'https://api.github.com')))
  return {
    ref,
    hasRepo: Boolean(owner && repo),
    pullNumber: payload.pull_request?.number ?? null,
    /** The pull request's head branch and the two ends of its commits, for its scope. */
    pull: pr?.number && pr.head?.ref ? { number: pr.number, headRef: pr.head.ref, headSha: pr.head.sha ?? null, baseSha: pr.base?.sha ?? null } : null,
    releaseId: context.eventName === 'release' ? (payload.release?.id ?? null) : null,
    releaseTag: context.eventName === 'release' ? (payload.release?.tag_name ?? null) : null,
    eventName: context.eventName,
    client,
    /**
     * The pull request's changed files, or null. They only enrich the comment, so no failure
     * here (after the client's retries) stops the job: it is a warning and the comment goes out without them.
     */
    changedFiles: async (): Promise<string[] | null> => {
      if (!payload.pull_request?.number || !owner) return null
      try {
        const { pullRequestFiles } = await import('../publish/comment.js')
        return await pullRequestFiles(await client(), ref, payload.pull_request.number)
      } catch (e) {
        const { describeError, isRefused } = await import('../publish/github.js')
        const why = isRefused(e) ? 'read-only token?' : describeError(e)
        core.warning(`could not list the pull request files (${why}); the comment will not say which changed files agents touched`)
        return null
      }
    }
  }
}

export type GithubTarget = ReturnType<typeof githubTarget>
