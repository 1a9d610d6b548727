import { latestTag } from '../scope/git.js'
import { branchChange, releaseChange, ScopeError } from '../scope/local.js'
import type { ScopeRequest } from '../scope/request.js'
import { UsageError } from './io.js'

/** The scope options `dry-run` and `report` share. */
export const scopeOptions = {
  scope: { type: 'string' },
  base: { type: 'string' },
  tag: { type: 'string' }
} as const

interface ScopeArgs {
  repoDir: string
  paths: string[] | null
  branch?: string
  base?: string
  tag?: string
}

/** The scope `--scope` asks for; a change's git facts are read here so a mistake is a usage error. */
export function scopeRequest(kind: string | undefined, a: ScopeArgs): ScopeRequest {
  try {
    switch (kind ?? (a.paths ? 'paths' : 'all')) {
      case 'all':
        return { kind: 'all' }
      case 'paths':
        if (!a.paths) throw new UsageError('--scope paths needs paths')
        return { kind: 'paths', paths: a.paths }
      case 'pr':
        return { kind: 'change', change: branchChange({ repoDir: a.repoDir, branch: a.branch, base: a.base }) }
      case 'release': {
        const tag = a.tag ?? latestTag(a.repoDir)
        if (!tag) throw new UsageError('--scope release: no tag in this repository (name one with --tag)')
        return { kind: 'change', change: releaseChange(a.repoDir, tag) }
      }
      default:
        throw new UsageError(`unknown --scope ${kind} (paths, all, pr or release)`)
    }
  } catch (e) {
    if (e instanceof ScopeError) throw new UsageError(e.message)
    throw e
  }
}
