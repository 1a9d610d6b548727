import { realpathSync } from 'node:fs'
import { posix, resolve } from 'node:path'

/**
 * The system's realpath(3) where it gives what Node's own walk gives (one call, where Node's makes
 * one per folder of the path: a scope canonicalizes every session's log files); Node's walk on
 * Windows, whose native call spells some paths (substituted drives, UNC) otherwise.
 */
const realpath = process.platform === 'win32' ? realpathSync : realpathSync.native

/** A path in one spelling: absolute, `/` separators, `.`/`..` resolved, links followed where it exists. */
export function canonicalPath(p: string): string {
  // A POSIX path already absolute and normalized is what `resolve` would give back: skipping it
  // spares the strings it makes for every one of a store's paths (the job memo's key reads them all).
  const abs = isNormalAbsolute(p) ? p : resolve(p).replace(/\\/g, '/')
  try {
    return realpath(abs).replace(/\\/g, '/')
  } catch {
    return posix.normalize(abs)
  }
}

/** What `resolve` would change (`//`, a `.` or `..` segment) or the slash replacement would (a backslash). */
const UNNORMAL = /\/\/|\/\.\.?(?:\/|$)|\\/

function isNormalAbsolute(p: string): boolean {
  return process.platform !== 'win32' && p.charCodeAt(0) === 47 && (p.length === 1 || p.charCodeAt(p.length - 1) !== 47) && !UNNORMAL.test(p)
}

/** `path` relative to `folder` when inside it (both canonical), else null. */
export function relativeInside(path: string, folder: string): string | null {
  const f = folder.replace(/\/+$/, '')
  if (path === f) return ''
  return path.startsWith(f + '/') ? path.slice(f.length + 1) : null
}

/**
 * Whether a path an agent logged names a repository file: agents log absolute paths (sometimes
 * with a redacted user name) or paths relative to their cwd, while a change lists paths relative
 * to the repository root.
 */
export function namesFile(logged: string, repoRelative: string): boolean {
  const p = logged.replace(/\\/g, '/').replace(/^\.\//, '')
  const f = repoRelative.replace(/\\/g, '/').replace(/^\.\//, '')
  return p === f || p.endsWith('/' + f)
}
