import { afterAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { actionScope } from '../../src/action/scope.js'
import type { ActionInputs } from '../../src/action/inputs.js'
import type { GithubTarget } from '../../src/action/target.js'
import { tmpDir } from '../helpers.js'

const workspace = tmpDir('alt-action-scope-')
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** The parts of the event a pull request's scope reads; the rest of the target is not used. */
function target(owner: string, repo: string): GithubTarget {
  return {
    ref: { owner, repo },
    hasRepo: Boolean(owner && repo),
    pull: { number: 42, headRef: 'feat/x', headSha: null, baseSha: null },
    releaseTag: null
  } as unknown as GithubTarget
}

describe("the Action's pull request scope", () => {
  it('names the repository and number, so sessions Claude Code linked to this pull request are matched', () => {
    const r = actionScope({ scope: 'auto' } as ActionInputs, target('acme', 'widgets'), workspace, null, [])
    expect(r.kind === 'change' && r.change.pullRequest).toEqual({ repository: 'acme/widgets', number: 42 })
  })

  it('without GITHUB_REPOSITORY it matches no link rather than guessing', () => {
    const r = actionScope({ scope: 'auto' } as ActionInputs, target('', ''), workspace, null, [])
    expect(r.kind === 'change' && r.change.pullRequest).toBeUndefined()
  })
})
