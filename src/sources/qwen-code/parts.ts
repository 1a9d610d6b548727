import { arr, isObject, obj, str, type Json } from '../util/json.js'

/** The `parts` of a record's `message` (a `@google/genai` Content), objects only. */
export function messageParts(record: Json): Json[] {
  return (arr(obj(record.message)?.parts) ?? []).filter(isObject)
}

/** The visible text of some parts: `thought` parts are reasoning, not text. */
export function visibleText(parts: Json[]): string {
  return parts
    .filter((p) => p.thought !== true)
    .map((p) => str(p.text) ?? '')
    .filter((t) => t !== '')
    .join('\n')
}

export function thoughtTexts(parts: Json[]): string[] {
  return parts.filter((p) => p.thought === true && typeof p.text === 'string').map((p) => p.text as string)
}

export function functionCalls(parts: Json[]): Json[] {
  return parts.map((p) => obj(p.functionCall)).filter((c): c is Json => c !== undefined)
}

export function functionResponses(parts: Json[]): Json[] {
  return parts.map((p) => obj(p.functionResponse)).filter((r): r is Json => r !== undefined)
}

/** A function response's text: Qwen puts it in `response.output`, or `response.error` when the tool failed. */
export function responseText(r: Json): { text: string; failed: boolean } {
  const resp = obj(r.response)
  if (!resp) return { text: '', failed: false }
  const failed = resp.error !== undefined && resp.error !== null
  const v = resp.output ?? resp.error ?? resp
  return { text: typeof v === 'string' ? v : JSON.stringify(v), failed }
}
