import { createHash } from 'node:crypto'
import type { EventPayload } from '../../model/events.js'

/**
 * The agent CLI writes one conversation twice: its transcript (`agent-transcripts/<id>/<id>.jsonl`)
 * and its store (`chats/<md5 of cwd>/<id>/store.db`), under the same session id. A prompt, a reply
 * and a tool call are keyed by what they say and how many times the session said it before (a tool result by
 * its call's id), the
 * same way in both readers, so whichever file is read second finds its copies already stored and
 * they are not counted again. What only one file holds (the store's tool results, reasoning and
 * models) keeps a key of its own file.
 */

/** Times each keyed content was seen in the session so far: part of a reader's resumable state. */
export type SeenCounts = Record<string, number>

/** Object keys in a fixed order, so the same arguments give the same text in both files. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])])
    )
  return v
}

function contentOf(p: EventPayload): string | null {
  switch (p.kind) {
    case 'user_prompt':
      return p.text.trim() ? `prompt\0${p.text.trim()}` : null
    case 'assistant_message':
      return `reply\0${p.text.trim()}`
    case 'tool_result':
      return p.call_id ? `result\0${p.call_id}` : null
    default:
      return null
  }
}

/** A tool call's content: its name and its arguments with their keys sorted. */
export function callContent(name: string, args: unknown): string {
  return `call\0${name}\0${JSON.stringify(canonical(args) ?? {})}`
}

function nextKey(sessionId: string, content: string, seen: SeenCounts): string {
  const h = createHash('sha1').update(sessionId).update('\0').update(content).digest('base64url')
  const n = seen[h] ?? 0
  seen[h] = n + 1
  return `cursor:${h}:${n}`
}

/**
 * Dedupe keys for a block's events, in order: a prompt or reply by its text, a result by its call, a tool call by
 * `calls` (the content of each call among the payloads, in order) and the files it writes after it;
 * null where the reader's own key applies.
 */
export function sharedKeys(sessionId: string, payloads: EventPayload[], calls: string[], seen: SeenCounts): (string | null)[] {
  let callKey: string | null = null
  let call = 0
  let written = 0
  return payloads.map((p) => {
    if (p.kind === 'tool_call') {
      const content = calls[call++]
      callKey = content === undefined ? null : nextKey(sessionId, content, seen)
      written = 0
      return callKey
    }
    if (p.kind === 'file_change') return callKey === null ? null : `${callKey}#w${written++}`
    const content = contentOf(p)
    return content === null ? null : nextKey(sessionId, content, seen)
  })
}
