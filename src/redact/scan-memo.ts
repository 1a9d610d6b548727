import { detachedCopy } from '../detached-copy.js'
import type { AllowList, Finding, TextPattern } from './types.js'

/** Values up to this length are memoised: log keys, enum values and ids repeat by the thousand. */
export const MEMO_TEXT = 64
const MEMO_ENTRIES = 8192

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])
/** Shared by every call without an allow-list: the memo is asked once per string and key of a value. */
const NONE: readonly never[] = []

/**
 * Findings of short values by text, for one detector list (callers keep one memo per list's
 * prefilter, which is rebuilt when the list changes) under one allow-list. The allow-list is
 * kept as a copy and compared on every use, so one changed in place is never served stale.
 */
export class ScanMemo {
  private literals: readonly string[] = []
  private patterns: readonly TextPattern[] = []
  private readonly findings = new Map<string, readonly Finding[]>()

  /** The memoised findings of `text` under `allow`, computing them with `scan` when missing. */
  get(text: string, allow: AllowList | undefined, scan: () => readonly Finding[]): readonly Finding[] {
    const literals = allow?.literals ?? NONE
    const patterns = allow?.patterns ?? NONE
    if (!sameItems(literals, this.literals) || !sameItems(patterns, this.patterns)) {
      this.findings.clear()
      this.literals = [...literals]
      this.patterns = [...patterns]
    }
    let found = this.findings.get(text)
    if (!found) {
      if (this.findings.size >= MEMO_ENTRIES) this.findings.clear()
      found = scan()
      // A value cut from a larger text (a CSV cell of a file's part) is a view that keeps the whole
      // part alive: 8,192 of them held a full-mode report's CSV parts past the worker's heap cap.
      this.findings.set(detachedCopy(text), found)
    }
    return found
  }
}
