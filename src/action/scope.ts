import * as core from './runner-commands.js'
import { branchChange, releaseChange, ScopeError } from '../scope/local.js'
import { canonicalPath, relativeInside } from '../scope/paths.js'
import { pullRequestChange } from '../scope/pull-request.js'
import type { ScopeRequest } from '../scope/request.js'
import type { ActionInputs } from './inputs.js'
import type { GithubTarget } from './target.js'

/**
 * The scope the Action reports on, from its `scope` input and the event: a pull request's sessions
 * on pull requests, a release's on releases, every session otherwise. Where the facts a scope
 * needs are missing (a tag git does not know, a push with no pull request), it says so and widens
 * to every session found rather than stopping the job.
 */
export function actionScope(
  inputs: ActionInputs,
  github: GithubTarget,
  workspace: string,
  paths: string[] | null,
  changedFiles: string[] | null
): ScopeRequest {
  const kind = inputs.scope === 'auto' ? (github.pull ? 'pr' : github.releaseTag ? 'release' : 'all') : inputs.scope
  const root = canonicalPath(workspace)
  // A path given to the Action outside the checkout holds what an agent wrote in this very job.
  const workflowPaths = (paths ?? []).filter((p) => relativeInside(canonicalPath(p), root) === null)
  try {
    if (kind === 'pr' && github.pull)
      return {
        kind: 'change',
        change: pullRequestChange({
          repoDir: workspace,
          ...github.pull,
          changedFiles,
          workflowPaths,
          repository: github.hasRepo ? `${github.ref.owner}/${github.ref.repo}` : null
        })
      }
    if (kind === 'pr') return { kind: 'change', change: branchChange({ repoDir: workspace, workflowPaths }) }
    if (kind === 'release' && github.releaseTag) return { kind: 'change', change: releaseChange(workspace, github.releaseTag, workflowPaths) }
    if (kind === 'release') core.warning('scope: release, but this is no release event: reporting every session found')
  } catch (e) {
    if (!(e instanceof ScopeError)) throw e
    core.warning(`scope: ${kind}: ${e.message}; reporting every session found`)
  }
  return { kind: 'all' }
}
