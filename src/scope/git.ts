import { spawnSync } from 'node:child_process'

/* The local git facts a scope needs. Each returns null where git cannot tell (no repository, a shallow clone). */

function git(cwd: string, args: string[]): string | null {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return r.status === 0 ? r.stdout.trim() : null
}

/** The checked-out branch, or null on a detached head. */
export function currentBranch(repoDir: string): string | null {
  const b = git(repoDir, ['symbolic-ref', '--quiet', '--short', 'HEAD'])
  return b || null
}

/** The default branch: `origin/HEAD`'s target, else `main` or `master` when one exists. */
export function defaultBranch(repoDir: string): string | null {
  const remoteHead = git(repoDir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'])
  if (remoteHead) return remoteHead
  for (const b of ['main', 'master']) if (git(repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${b}`]) !== null) return b
  return null
}

export function mergeBase(repoDir: string, a: string, b: string): string | null {
  return git(repoDir, ['merge-base', a, b]) || null
}

/** The committer date of a commit, as an ISO instant. */
export function commitTime(repoDir: string, rev: string): string | null {
  const t = git(repoDir, ['show', '-s', '--format=%cI', `${rev}^{commit}`])
  return t ? new Date(t).toISOString() : null
}

/** Files added, changed or renamed between two commits (`from..to`), relative to the repository root. */
export function changedBetween(repoDir: string, from: string, to: string): string[] | null {
  const out = git(repoDir, ['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '--diff-filter=d', from, to])
  return out === null ? null : out.split('\n').filter((l) => l.length > 0)
}

/** The newest tag reachable from `rev`'s parent: the release before the one tagged at `rev`. */
export function previousTag(repoDir: string, rev: string): string | null {
  return git(repoDir, ['describe', '--tags', '--abbrev=0', `${rev}^`]) || null
}

export function repositoryRoot(repoDir: string): string | null {
  return git(repoDir, ['rev-parse', '--show-toplevel'])
}

/** The repository's git directory (where a working database can live unseen by git). */
export function gitDir(repoDir: string): string | null {
  return git(repoDir, ['rev-parse', '--absolute-git-dir'])
}

/** The newest tag reachable from HEAD. */
export function latestTag(repoDir: string): string | null {
  return git(repoDir, ['describe', '--tags', '--abbrev=0']) || null
}
