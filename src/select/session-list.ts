import type { Report, SessionReport } from './report.js'

/**
 * A report's sessions as renderers read them: in the report's order, one at a time, as often as
 * they like, and how many. An array is one (a small report, and every test's); a report of many
 * sessions reads them back from a temporary store a page at a time (`spilledSessions`), so no
 * renderer needs every session held at once.
 */
export interface SessionList extends Iterable<SessionReport> {
  readonly length: number
  /**
   * The same sessions with no turns, for a reader that never reads one: a spilled report's are
   * read without parsing every turn's text again (a full-mode Markdown report reads its sessions
   * eleven times, two of them for their turns). Absent, the list itself is read.
   */
  readonly heads?: SessionList
  /**
   * The same sessions with each turn's actions left out, for a reader of prompts only (the
   * prompts' CSV file, the HTML page's search data, the Markdown prompt count): a spilled full-mode
   * report's are read without parsing every action's text again. Absent, the list itself is read.
   */
  readonly prompts?: SessionList
  /**
   * Each session's digest, of its redacted content whole (the same in `heads` and `prompts`),
   * with `readAt`, which reads one session alone: a writer that kept a session's rendered part from
   * an earlier run copies it without reading the session (src/pipeline/render-parts.ts). Absent,
   * the list is read in order.
   */
  readonly digests?: readonly string[]
  readAt?(index: number): SessionReport
}

/** The sessions of `list` for a reader of no action: their actions may be left out (`SessionList.prompts`). */
export function sessionPrompts(list: SessionList): SessionList {
  return list.prompts ?? list
}

/** The sessions of `list` for a reader of no turn: their turns may be left out (`SessionList.heads`). */
export function sessionHeads(list: SessionList): SessionList {
  return list.heads ?? list
}

/** `report` with its sessions' turns possibly left out, for renderers that read no turn. */
export function headsReport<R extends { sessions: SessionList }>(report: R): R {
  const heads = sessionHeads(report.sessions)
  return heads === report.sessions ? report : { ...report, sessions: heads }
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

/**
 * Each session mapped by `map` (a table's row), in pages of `size`, in order (none when the list
 * is empty); with `cutAfter`, a page also ends after each session it holds true for. A session is mapped as it is read, so a page holds `size` rows and never `size`
 * sessions with their turns: a full-mode report's page of 1,000 was every session held at once.
 */
export function* sessionPages<T>(list: SessionList, size: number, map: (s: SessionReport) => T, cutAfter?: (s: SessionReport) => boolean): Generator<T[]> {
  let page: T[] = []
  for (const s of list) {
    page.push(map(s))
    if (page.length >= size || cutAfter?.(s)) {
      yield page
      page = []
    }
  }
  if (page.length) yield page
}

/**
 * Whether a page of a table with a row per session ends after this session (`sessionPages`'s
 * `cutAfter`): after about one in 32, chosen by its id alone, so a page holds the same rows after
 * a session elsewhere grew, came or went, and the last check's memo (src/redact/late-memo.ts),
 * which knows a unit by its text, finds every other page as checked before. Pages of a count
 * were the whole table at up to 1,000 sessions, checked again after any change. The file's bytes
 * are the same however its rows are cut: the last check reads a CSV text a cell at a time, and
 * a Markdown table's text a line at a time.
 */
export function idPageCut(s: { id: string }): boolean {
  // FNV-1a over the id's UTF-16 code units.
  let h = 0x811c9dc5
  for (let i = 0; i < s.id.length; i++) h = Math.imul(h ^ s.id.charCodeAt(i), 0x01000193)
  return (h & 31) === 0
}
