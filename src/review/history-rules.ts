import type { HistoryEntry, HistoryKind } from '../store/review-history.js'
import { listEntries, removeEntry, type Edited, type ListedEntry } from './entries.js'

/*
 * The history's rules-file entries (redaction, allow, private) matched back to the rules file:
 * the history keeps what an edit did in a line, the rules file keeps the entry itself, so undoing
 * an edit from the history means finding the entry that line describes.
 */

const RULES_KINDS: ReadonlySet<HistoryKind> = new Set(['redaction', 'allow', 'private'])

/** Whether the entry is an edit of the rules file rather than a row of the store. */
export const isRulesFileChange = (e: HistoryEntry): boolean => RULES_KINDS.has(e.kind)

/**
 * The rules-file entry an `add` in the history put there, when `entries` (the file's, as
 * `listEntries` lists them) still hold it: same
 * kind, session, prompt and description; of several alike, the last written by the same actor,
 * else the last. Undefined for a removal (the history does not keep a removed entry whole, so it
 * cannot be put back from here) or an entry no longer in the file.
 */
export function rulesEntryFor(entries: readonly ListedEntry[], e: HistoryEntry): ListedEntry | undefined {
  if (!isRulesFileChange(e) || e.action !== 'add') return undefined
  const alike = entries.filter((x) => x.kind === e.kind && x.detail === e.detail && (x.session ?? null) === e.session && (x.prompt ?? null) === e.prompt)
  return alike.filter((x) => x.actor === e.actor).at(-1) ?? alike.at(-1)
}

/**
 * The rules file's text with the entry a history `add` put there taken out again, every other
 * byte kept: what the review page's Undo and `history undo` both write. `removal` when the
 * entry removed something (the history does not keep it whole, so it cannot be put back from
 * here); `gone` when the file no longer holds the entry.
 */
export function undoRulesFileEdit(text: string, e: HistoryEntry, file?: string): { edited: Edited } | { refused: 'removal' | 'gone' } {
  if (e.action !== 'add') return { refused: 'removal' }
  const listed = rulesEntryFor(listEntries(text), e)
  if (!listed) return { refused: 'gone' }
  return { edited: removeEntry(text, listed.ref, listed.entry, file) }
}
