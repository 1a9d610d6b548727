import type { ChangeSpec } from './scope.js'
import { changedBetween, commitTime, currentBranch, defaultBranch, mergeBase, previousTag, repositoryRoot } from './git.js'

export class ScopeError extends Error {}

export interface BranchOptions {
  repoDir: string
  /** The branch whose sessions are wanted; the checked-out one by default. */
  branch?: string
  /** What the branch is compared with; the default branch by default. */
  base?: string
  /** Edits after this instant count (in place of the merge base's commit time). */
  since?: string
  workflowPaths?: string[]
}

/**
 * A branch's change as a pull request would show it: the files changed since the merge base with
 * the base branch, the edits made since the merge base's commit, with no upper bound in time
 * (work not yet committed is part of the branch's story).
 */
export function branchChange(o: BranchOptions): ChangeSpec {
  const root = repositoryRoot(o.repoDir) ?? o.repoDir
  const branch = o.branch ?? currentBranch(root)
  if (!branch) throw new ScopeError('no branch is checked out: name one with --branch')
  const base = o.base ?? defaultBranch(root)
  const fork = base ? mergeBase(root, base, branch) : null
  const changed = fork ? changedBetween(root, fork, branch) : null
  return {
    kind: 'pr',
    label: `branch ${branch}`,
    repoRoot: root,
    branch,
    changedFiles: changed,
    span: { from: o.since ?? (fork ? commitTime(root, fork) : null), to: null },
    workflowPaths: o.workflowPaths ?? []
  }
}

/** A release: what changed since the previous tag, and the sessions that started in between. */
export function releaseChange(repoDir: string, tag: string, workflowPaths: string[] = []): ChangeSpec {
  const root = repositoryRoot(repoDir) ?? repoDir
  const to = commitTime(root, tag)
  if (to === null) throw new ScopeError(`no such tag or commit here: ${tag}`)
  const prev = previousTag(root, tag)
  return {
    kind: 'release',
    label: prev ? `release ${tag} (since ${prev})` : `release ${tag}`,
    repoRoot: root,
    branch: null,
    changedFiles: prev ? changedBetween(root, prev, tag) : null,
    span: { from: prev ? commitTime(root, prev) : null, to },
    workflowPaths,
    since: { ref: prev }
  }
}
