import type { ParseRecord } from '../sources/types.js'

/**
 * What one batch of a file held, for telling a changed format from a quiet session: records
 * the parser understood or not, prompts, and the agent's other activity. A reader that has
 * fallen behind an agent's format shows up here as records of unknown types, or as activity
 * with no prompt, never as an error.
 */
export interface FormatTally {
  /** Line number just before the batch's first line: batches of a file re-read from its start begin at the same lines. */
  fromLine: number
  records: number
  unknown: number
  prompts: number
  /** Assistant messages, reasoning, tool calls and token counts: proof the session did something. */
  activity: number
  /** Unknown records by type, at most `MAX_KINDS` names (the rest counted under `…`). */
  kinds: Record<string, number>
}

export const MAX_KINDS = 20
const OTHER_KINDS = '…'
/** A type's name is the log's own text: kept short, and with no control character, wherever it is shown. */
const MAX_KIND_CHARS = 60

function kindName(what: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = what.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
  return clean.length > MAX_KIND_CHARS ? clean.slice(0, MAX_KIND_CHARS - 1) + '…' : clean
}
const ACTIVITY = new Set(['assistant_message', 'reasoning', 'tool_call', 'token_usage'])

export function emptyTally(fromLine: number): FormatTally {
  return { fromLine, records: 0, unknown: 0, prompts: 0, activity: 0, kinds: {} }
}

/** Adds what a parser made of one record (a line, or one message of a document) to `t`. */
export function tallyRecords(t: FormatTally, out: readonly ParseRecord[]): void {
  if (!out.some((r) => r.type !== 'skip')) return
  t.records++
  for (const r of out) {
    if (r.type === 'unknown') {
      t.unknown++
      const what = kindName(r.what)
      const known = what in t.kinds || Object.keys(t.kinds).length < MAX_KINDS
      const kind = known ? what : OTHER_KINDS
      t.kinds[kind] = (t.kinds[kind] ?? 0) + 1
    } else if (r.type === 'event') {
      const kind = r.event.payload.kind
      if (kind === 'user_prompt') t.prompts++
      else if (ACTIVITY.has(kind)) t.activity++
    }
  }
}

/** A document's records are its messages: each event or unknown record counts as one. */
export function tallyDocument(t: FormatTally, out: readonly ParseRecord[]): void {
  for (const r of out) if (r.type === 'event' || r.type === 'unknown') tallyRecords(t, [r])
}
