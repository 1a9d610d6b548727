import type { ListedReport } from '../../select/session-list.js'

export interface ChangedFilesCoverage {
  /** How many files the change lists. */
  changed: number
  /** Changed files some session touched, in the pull request's order. */
  touched: string[]
  /** Changed files no session touched. */
  untouched: string[]
  /** Sessions that touched none of the changed files. */
  sessionsTouchingNone: string[]
}

function norm(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '')
}

/**
 * The changed file a touched path is, if any. Agents log absolute paths (sometimes with a
 * redacted user name) or paths relative to their cwd, and the pull request lists paths relative
 * to the repository root, so a touched path matches a changed file when it equals it or ends
 * with `/<changed file>`.
 */
export function changedFileOf(touchedPath: string, changed: readonly string[]): string | null {
  const p = norm(touchedPath)
  for (const f of changed) {
    const c = norm(f)
    if (p === c || p.endsWith('/' + c)) return c
  }
  return null
}

/** Which of a pull request's changed files the sessions touched (matched as changedFileOf does). */
export function coverChangedFiles(report: ListedReport, changed: string[]): ChangedFilesCoverage {
  const files = changed.map(norm)
  const touchedBy = new Map<string, Set<string>>()
  for (const s of report.sessions) {
    for (const raw of s.files_touched) {
      const p = norm(raw)
      for (const f of files) if (p === f || p.endsWith('/' + f)) (touchedBy.get(f) ?? touchedBy.set(f, new Set()).get(f))?.add(s.id)
    }
  }
  const sessionsTouching = new Set([...touchedBy.values()].flatMap((s) => [...s]))
  return {
    changed: files.length,
    touched: files.filter((f) => touchedBy.has(f)),
    untouched: files.filter((f) => !touchedBy.has(f)),
    sessionsTouchingNone: Array.from(report.sessions, (s) => s.id).filter((id) => !sessionsTouching.has(id))
  }
}
