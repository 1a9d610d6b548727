import { createHash } from 'node:crypto'
import { posix } from 'node:path'

/*
 * Which project a log's cwd names, compared as text: a log is often read on another machine than
 * the one that wrote it (a CI runner, a copy committed to `.ai-logs/`), where the folder does not
 * exist, so nothing here touches the file system.
 */

/** Home folders: the user-name segment is left out, since a sanitized copy has it redacted. */
const HOME = /^(\/(?:home|Users)\/|[a-z]:\/(?:users|documents and settings)\/)[^/]+/i

/** A cwd in one spelling: `/` separators, `.`/`..` resolved, no trailing `/`, the home folder's owner as `*`. */
export function projectKey(cwd: string): string {
  let p = posix.normalize(cwd.replace(/\\/g, '/'))
  if (/^[A-Za-z]:/.test(p)) p = p[0].toLowerCase() + p.slice(1)
  if (p.length > 1) p = p.replace(/\/+$/, '')
  return p.replace(HOME, '$1*')
}

/** Folders too wide to stand for one project: a cwd inside them is not the same project as they. */
function tooWide(key: string): boolean {
  return key === '/' || key === '.' || /^[a-z]:\/?$/.test(key) || /^(\/(home|Users)|[a-z]:\/(users|documents and settings))(\/\*)?$/i.test(key)
}

function inside(inner: string, outer: string): boolean {
  return !tooWide(outer) && inner.startsWith(outer.endsWith('/') ? outer : outer + '/')
}

/**
 * Two cwds (as `projectKey`s) are one project when they are the same folder or one lies inside the
 * other: an agent's cwd moves into subfolders of its project, and a subagent's log starts wherever
 * its parent then was.
 */
export function sameProject(a: string, b: string): boolean {
  return a === b || inside(a, b) || inside(b, a)
}

/** The id a session gets in a second project: the log's id with a digest of the project's key (never the user name, which the key leaves out). */
export function projectSessionId(logId: string, key: string): string {
  return `${logId}@${createHash('sha256').update(key).digest('hex').slice(0, 12)}`
}
