import { changedBetween, commitTime, mergeBase, repositoryRoot } from './git.js'
import type { ChangeSpec } from './scope.js'

export interface PullRequestInput {
  repoDir: string
  number: number
  /** The pull request's head branch (`pull_request.head.ref`). */
  headRef: string
  baseSha: string | null
  headSha: string | null
  /** Its changed files from the API; null when the token could not list them (then git is asked). */
  changedFiles: string[] | null
  /** Log paths given to the run from outside the repository. */
  workflowPaths: string[]
  /** `owner/repo` of the pull request's base repository; without it, agents' links to it are not matched. */
  repository?: string | null
}

/**
 * A pull request as a change. The span of its commits and, when the API could not list them, its
 * changed files come from the checkout's history; a shallow checkout has none, and then the rules
 * that need them are left out rather than guessed (docs/action.md, "Scope").
 */
export function pullRequestChange(p: PullRequestInput): ChangeSpec {
  const root = repositoryRoot(p.repoDir) ?? p.repoDir
  const fork = p.baseSha && p.headSha ? mergeBase(root, p.baseSha, p.headSha) : null
  const changed = p.changedFiles ?? (fork && p.headSha ? changedBetween(root, fork, p.headSha) : null)
  return {
    kind: 'pr',
    label: `pull request #${p.number} (branch ${p.headRef})`,
    repoRoot: root,
    branch: p.headRef,
    changedFiles: changed,
    span: { from: fork ? commitTime(root, fork) : null, to: p.headSha ? commitTime(root, p.headSha) : null },
    workflowPaths: p.workflowPaths,
    ...(p.repository ? { pullRequest: { repository: p.repository, number: p.number } } : {})
  }
}
