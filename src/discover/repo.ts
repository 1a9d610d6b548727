import { spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { posix, resolve } from 'node:path'
import { normalizeRepoUrl } from '../select/filters.js'

/** What identifies a repository: its folders (main checkout and worktrees) and its remotes. */
export interface RepoIdentity {
  root: string
  worktrees: string[]
  remotes: string[]
}

function git(cwd: string, args: string[]): string | null {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return r.status === 0 ? r.stdout.trim() : null
}

function real(p: string): string {
  try {
    return realpathSync(p)
  } catch {
    return resolve(p)
  }
}

/** The git repository containing `dir`, or `dir` itself when it is not in one. */
export function repoIdentity(dir: string): RepoIdentity {
  const root = git(dir, ['rev-parse', '--show-toplevel']) ?? resolve(dir)
  const worktrees = (git(root, ['worktree', 'list', '--porcelain']) ?? '')
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length))
  const remotes = [
    ...new Set(
      (git(root, ['remote', '-v']) ?? '')
        .split('\n')
        .map((l) => l.split(/\s+/)[1])
        .filter((u): u is string => Boolean(u))
        .map(normalizeRepoUrl)
    )
  ]
  const folders = [...new Set([root, ...worktrees].flatMap((p) => [resolve(p), real(p)]))]
  return { root: resolve(root), worktrees: folders, remotes }
}

/**
 * A recorded path in one spelling: separators as `/`, `.` and `..` resolved (so `<repo>/../x` is
 * not inside the repository), and links resolved where the path exists on this machine.
 */
function canonical(path: string): string {
  const slashed = path.replace(/\\/g, '/')
  const normal = posix.normalize(slashed).replace(/\/+$/, '')
  if (!normal.startsWith('/')) return normal
  try {
    return realpathSync(normal)
  } catch {
    return normal
  }
}

function inside(p: string, folder: string): boolean {
  const f = folder.replace(/\\/g, '/').replace(/\/+$/, '')
  return p === f || p.startsWith(f + '/')
}

/** A session belongs to the repository when its cwd is inside one of its folders or it names one of its remotes. */
export function belongsTo(repo: RepoIdentity, session: { cwd: string | null; repository: string | null }): boolean {
  const cwd = session.cwd === null ? null : canonical(session.cwd)
  if (cwd !== null && repo.worktrees.some((w) => inside(cwd, w))) return true
  if (session.repository && repo.remotes.includes(normalizeRepoUrl(session.repository))) return true
  return false
}
