import type { Report, SessionReport } from './report.js'

/**
 * A report's sessions as renderers read them: in the report's order, one at a time, as often as
 * they like, and how many. An array is one (a small report, and every test's); a report of many
 * sessions reads them back from a temporary store a page at a time (`spilledSessions`), so no
 * renderer needs every session held at once.
 */
export interface SessionList extends Iterable<SessionReport> {
  readonly length: number
}

/** The report a renderer reads: the JSON report's object, but its sessions any `SessionList`. */
export type ListedReport = Omit<Report, 'sessions'> & { sessions: SessionList }

/** Whether any session satisfies `test`, reading no further than the first that does. */
export function someSession(list: SessionList, test: (s: SessionReport) => boolean): boolean {
  for (const s of list) if (test(s)) return true
  return false
}

/** The first `n` sessions of a list, read from it as needed. */
export function firstSessions(list: SessionList, n: number): SessionList {
  if (n >= list.length) return list
  return {
    length: n,
    *[Symbol.iterator]() {
      if (n <= 0) return
      let i = 0
      for (const s of list) {
        yield s
        if (++i >= n) return
      }
    }
  }
}

/** The sessions in pages of `size`, in order (none when the list is empty). */
export function* sessionPages(list: SessionList, size: number): Generator<SessionReport[]> {
  let page: SessionReport[] = []
  for (const s of list) {
    page.push(s)
    if (page.length >= size) {
      yield page
      page = []
    }
  }
  if (page.length) yield page
}
