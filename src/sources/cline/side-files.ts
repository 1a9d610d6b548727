import type { EventPayload } from '../../model/events.js'
import type { ParseRecord } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { arr, isObject, num, obj, str } from '../util/json.js'
import { isoOrNull } from '../util/time.js'
import type { ClineAgent } from './agents.js'
import { knownPlace, placeIn } from './place.js'

/** The text blocks of one Anthropic-format message (`content` is a string or a list of blocks). */
function texts(content: unknown): string[] {
  if (typeof content === 'string') return [content]
  return (arr(content) ?? []).map((b) => (obj(b)?.type === 'text' ? (str(obj(b)?.text) ?? '') : '')).filter(Boolean)
}

/**
 * `api_conversation_history.json`: the messages as sent to the model. Everything a report shows
 * is in `ui_messages.json` already (reading prompts here too would count them twice), so this
 * file gives only the task's place: the `<environment_details>` of its first user message. A task
 * whose `ui_messages.json` request records were trimmed (Roo Code keeps only the usage there) is
 * scoped by this.
 */
export function parseApiHistory(text: string, agent: ClineAgent, sessionId: string, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!Array.isArray(doc)) throw new Error('expected a JSON array of API messages')
  for (const m of doc) {
    if (!isObject(m) || m.role !== 'user') continue
    for (const t of texts(m.content)) {
      const place = placeIn(t)
      if (knownPlace(place)) {
        out.push({ type: 'session', patch: { id: sessionId, agent, ...place } })
        return
      }
    }
  }
}

/**
 * `task_metadata.json`: `files_in_context` (each file the task read, mentioned or edited, with
 * `record_source` `cline_edited` / `roo_edited` / `kilo_edited` for the agent's own edits) and
 * `model_usage` (each model the task used, with its time and mode). An edit recorded here says
 * which file, not whether it was created or changed: the change is `unknown`. Events are numbered
 * by their place: model entries first, then files.
 */
export function parseTaskMetadata(text: string, agent: ClineAgent, sessionId: string, out: ParseRecord[]): void {
  const doc: unknown = JSON.parse(text)
  if (!isObject(doc)) throw new Error('expected a JSON object')
  let n = 0
  const emit = (ts: string | null, payload: EventPayload, raw: unknown) => emitRecord(out, sessionId, ++n, ts, [{ payload }], JSON.stringify(raw))
  for (const u of arr(doc.model_usage) ?? []) {
    const o = obj(u)
    const model = str(o?.model_id)
    if (o && model) emit(isoOrNull(num(o.ts) ?? NaN), { kind: 'turn_context', model, cwd: null }, o)
  }
  for (const f of arr(doc.files_in_context) ?? []) {
    const o = obj(f)
    const path = str(o?.path)
    const source = str(o?.record_source) ?? ''
    if (!o || !path || !/_edited$/.test(source) || source === 'user_edited') continue
    const when = Object.entries(o).find(([k, v]) => k.endsWith('_edit_date') && k !== 'user_edit_date' && typeof v === 'number')?.[1]
    emit(isoOrNull(typeof when === 'number' ? when : NaN), { kind: 'file_change', path, change: 'unknown', call_id: null }, o)
  }
}
