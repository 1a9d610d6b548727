import { COMMENT_MARKER } from '../render/comment/markers.js'
import { describeError, isRefused, type Octokit, type RepoRef } from './github.js'

export type CommentOutcome =
  | { status: 'created' | 'updated' | 'unchanged'; url: string; id: number }
  /** The token may not comment (403 that is no rate limit, or 404): a fork's read-only token. */
  | { status: 'forbidden'; message: string }
  /** Anything else that still failed after the client's retries (5xx, rate limits, network). */
  | { status: 'failed'; message: string }

interface IssueComment {
  id: number
  body?: string | null
  html_url: string
  user: { login: string; type?: string } | null
}

/**
 * Whose comments this run may edit: the identity of the token. GITHUB_TOKEN cannot read
 * `/user`, and its comments are written as github-actions[bot].
 */
async function tokenLogin(octokit: Octokit): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch {
    return 'github-actions[bot]'
  }
}

/**
 * This tool's sticky comment: the marker opens the body (GitHub keeps a body as sent, but an
 * edit may add leading blank lines) and the token's identity wrote it. Another workflow's comment
 * by the same bot that quotes the marker further down is not ours.
 */
export function isStickyComment(c: IssueComment, login: string): boolean {
  return (c.body ?? '').trimStart().startsWith(COMMENT_MARKER) && c.user?.login === login
}

/**
 * Creates or updates the one sticky comment on a pull request. The comment is found across
 * every page (see isStickyComment): a marked comment someone else wrote is never edited. No
 * failure is thrown: a refusal (a fork's read-only token) comes back as `forbidden`, anything
 * else as `failed`, for the caller to degrade gracefully.
 */
export async function upsertComment(octokit: Octokit, ref: RepoRef, issueNumber: number, body: string): Promise<CommentOutcome> {
  try {
    const login = await tokenLogin(octokit)
    let existing: IssueComment | undefined
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...ref, issue_number: issueNumber, per_page: 100 })) {
      existing = (page.data as IssueComment[]).find((c) => isStickyComment(c, login))
      if (existing) break
    }
    if (existing) {
      if (existing.body === body) return { status: 'unchanged', url: existing.html_url, id: existing.id }
      const { data } = await octokit.rest.issues.updateComment({ ...ref, comment_id: existing.id, body })
      return { status: 'updated', url: data.html_url, id: data.id }
    }
    const { data } = await octokit.rest.issues.createComment({ ...ref, issue_number: issueNumber, body })
    return { status: 'created', url: data.html_url, id: data.id }
  } catch (e) {
    return { status: isRefused(e) ? 'forbidden' : 'failed', message: describeError(e) }
  }
}

/** The pull request's changed files (every page; GitHub lists at most 3,000); throws what the client could not get past. */
export async function pullRequestFiles(octokit: Octokit, ref: RepoRef, pullNumber: number): Promise<string[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...ref, pull_number: pullNumber, per_page: 100 })
  return files.map((f) => f.filename)
}
