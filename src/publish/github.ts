import { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

export interface RepoRef {
  owner: string
  repo: string
}

/** The HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown }).status
  return typeof s === 'number' ? s : undefined
}
