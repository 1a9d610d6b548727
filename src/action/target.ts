import * as core from '@actions/core'
import { context, getOctokit } from '@actions/github'
import { pullRequestFiles } from '../publish/comment.js'

/** What this run of the workflow is about, from the event payload GitHub hands the Action. */
export function githubTarget() {
  const payload = context.payload as { pull_request?: { number?: number }; release?: { id?: number; tag_name?: string }; number?: number }
  const repoEnv = process.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = repoEnv.split('/')
  const token = core.getInput('github-token')
  const ref = { owner, repo }
  let octokit: ReturnType<typeof getOctokit> | undefined
  const client = () => (octokit ??= getOctokit(token, { baseUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com' }))
  return {
    ref,
    hasRepo: Boolean(owner && repo),
    pullNumber: payload.pull_request?.number ?? null,
    releaseId: context.eventName === 'release' ? (payload.release?.id ?? null) : null,
    eventName: context.eventName,
    client,
    changedFiles: async () => {
      if (!payload.pull_request?.number || !owner) return null
      const files = await pullRequestFiles(client(), ref, payload.pull_request.number)
      if (files === null) core.warning('could not list the pull request files (read-only token?); the comment will not say which changed files agents touched')
      return files
    }
  }
}

export type GithubTarget = ReturnType<typeof githubTarget>
