import { createHash } from 'node:crypto'
import type { EventPayload } from '../../model/events.js'

/**
 * Codex 0.147 and later write much of a turn twice or three times: the prompt as a history item
 * (`response_item`, role user) and as an event (`user_message`, or an `item_completed`
 * UserMessage); a command as a `function_call` and as a CommandExecution item; a patch's result
 * as `custom_tool_call_output` and `patch_apply_end`. This keeps the first of each and turns
 * the others into `other` events (their raw lines stay stored), so nothing is counted twice.
 */

/** Where a copy came from. A text repeated from the same place is a new message, not a copy. */
export type CopyOrigin = 'response' | 'event' | 'item' | 'inter-agent'

interface TextSeen {
  /** Hash of the kind and the text without whitespace (the copies join parts differently). */
  k: string
  from: CopyOrigin[]
}

interface CallSeen {
  id: string
  /** Bits: what of this call was already emitted (CALL, RESULT, FILES). */
  f: number
}

export interface CopyState {
  texts: TextSeen[]
  calls: CallSeen[]
}

const CALL = 1
const RESULT = 2
const FILES = 4
/** Copies are written close together; a short memory keeps the stored parser state small. */
const MAX_TEXTS = 32
const MAX_CALLS = 64

export function emptyCopies(): CopyState {
  return { texts: [], calls: [] }
}

function textKey(kind: string, text: string): string {
  return createHash('sha1').update(kind).update('\0').update(text.replace(/\s+/g, '')).digest('hex').slice(0, 16)
}

/** True when `text` of `kind` was already emitted from another origin (and records this one). */
function isTextCopy(st: CopyState, kind: string, text: string, from: CopyOrigin): boolean {
  const k = textKey(kind, text)
  const seen = st.texts.find((t) => t.k === k && !t.from.includes(from))
  if (seen) {
    seen.from.push(from)
    return true
  }
  st.texts.push({ k, from: [from] })
  if (st.texts.length > MAX_TEXTS) st.texts.shift()
  return false
}

function callFlags(st: CopyState, id: string): CallSeen {
  let c = st.calls.find((x) => x.id === id)
  if (!c) {
    c = { id, f: 0 }
    st.calls.push(c)
    if (st.calls.length > MAX_CALLS) st.calls.shift()
  }
  return c
}

/** The text a message copy is compared on: Codex wraps images in `<image>` parts in one copy only. */
function comparable(text: string): string {
  return text.replace(/<\/?image[^>]*>/g, '')
}

/**
 * The payloads of one line with the copies of earlier lines' records taken out. File changes of
 * a call are kept only from the first line that named them.
 */
export function withoutCopies(st: CopyState, payloads: EventPayload[], from: CopyOrigin): EventPayload[] {
  const filesBefore = new Set(st.calls.filter((c) => c.f & FILES).map((c) => c.id))
  const out: EventPayload[] = []
  for (const p of payloads) {
    switch (p.kind) {
      case 'user_prompt':
      case 'assistant_message':
        out.push(p.text.trim() !== '' && isTextCopy(st, p.kind, comparable(p.text), from) ? { kind: 'other', type: `${p.kind}_copy` } : p)
        break
      case 'reasoning':
        // The history copy also says how much encrypted reasoning there was: keep it, without the text.
        if (p.text.trim() === '' || !isTextCopy(st, p.kind, p.text, from)) out.push(p)
        else out.push(p.encrypted ? { ...p, text: '' } : { kind: 'other', type: 'reasoning_copy' })
        break
      case 'tool_call':
      case 'tool_result': {
        if (!p.call_id) {
          out.push(p)
          break
        }
        const bit = p.kind === 'tool_call' ? CALL : RESULT
        const c = callFlags(st, p.call_id)
        out.push(c.f & bit ? { kind: 'other', type: `${p.kind}_copy` } : p)
        c.f |= bit
        break
      }
      case 'file_change':
        if (p.call_id && filesBefore.has(p.call_id)) break
        if (p.call_id) callFlags(st, p.call_id).f |= FILES
        out.push(p)
        break
      default:
        out.push(p)
    }
  }
  return out
}
