import type { EventKind, EventPayload, NormalizedEvent } from '../model/events.js'
import { TOKEN_FIELDS } from '../model/tokens.js'

/*
 * Each fact of a payload is stored once. A kind with a typed table (writer.ts) keeps its fields
 * there, and `events.payload` holds only what that table has no column for (an empty string when
 * nothing is left); a kind without one keeps its whole payload as JSON. `restorePayload` puts the
 * two halves back together, so a reader gets the payload the source gave.
 */

type FieldType = 'text' | 'bool' | 'number' | 'json' | 'counts'

/** The payload fields each typed table holds, under a column of the same name. */
const TYPED_FIELDS: Partial<Record<EventKind, Record<string, FieldType>>> = {
  user_prompt: { text: 'text', by_agent: 'bool' },
  reasoning: { text: 'text', encrypted: 'bool', encrypted_bytes: 'number' },
  tool_call: { call_id: 'text', name: 'text', tool_type: 'text', arguments: 'text', command: 'text' },
  tool_result: { call_id: 'text', output: 'text', exit_code: 'number', duration_ms: 'number', status: 'text' },
  plan_update: { explanation: 'text', steps: 'json' },
  // `reason` is not among them: the writer stores "replay" for a replayed row that gave none.
  token_usage: { model: 'text', delta: 'counts', counted: 'bool' },
  turn_context: { model: 'text', cwd: 'text', approval_policy: 'text', sandbox_policy: 'text', effort: 'text' },
  rate_limit: { windows: 'json', plan_type: 'text' },
  status_snapshot: {
    form: 'text',
    model: 'text',
    input: 'number',
    cached_input: 'number',
    output: 'number',
    reasoning_output: 'number',
    total: 'number',
    blended_total: 'number'
  }
}

/** The typed table of each kind whose payload is split between it and `events.payload`. */
export const TYPED_TABLES: Partial<Record<EventKind, string>> = {
  user_prompt: 'prompts',
  reasoning: 'agent_reasoning_messages',
  tool_call: 'function_calls',
  tool_result: 'function_results',
  plan_update: 'function_plan_messages',
  token_usage: 'token_messages',
  turn_context: 'turn_context_messages',
  rate_limit: 'rate_limit_messages',
  status_snapshot: 'status_snapshots'
}

const isCounts = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  Object.keys(v).length === TOKEN_FIELDS.length &&
  TOKEN_FIELDS.every((k) => typeof (v as Record<string, unknown>)[k] === 'number')

// String.prototype.isWellFormed (ES2024; Node 20+), not yet in the project's TypeScript lib.
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed()

/**
 * Whether the typed column gives `v` back exactly. A missing or null value stays in the payload
 * (the column's NULL cannot tell them apart), and so does text SQLite would not keep as it is
 * (a lone surrogate becomes U+FFFD in UTF-8).
 */
function heldExactly(type: FieldType, v: unknown): boolean {
  switch (type) {
    case 'text':
      return typeof v === 'string' && wellFormed(v)
    case 'bool':
      return typeof v === 'boolean'
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
    case 'json':
      return v !== null && v !== undefined
    case 'counts':
      return isCounts(v)
  }
}

/** The payload as stored in `events.payload`: the fields no typed table holds. */
export function storedPayload(p: NormalizedEvent['payload']): string {
  const fields = TYPED_FIELDS[p.kind]
  if (!fields) return JSON.stringify(p)
  const rest: Record<string, unknown> = {}
  let any = false
  for (const [k, v] of Object.entries(p)) {
    if (k === 'kind' || v === undefined) continue
    const type = fields[k]
    if (type && heldExactly(type, v)) continue
    rest[k] = v
    any = true
  }
  return any ? JSON.stringify(rest) : ''
}

/**
 * The payload a source gave, from its kind, its stored remainder and its typed table's row (with
 * that table's column names). A payload stored whole by an earlier build reads back as it was.
 */
export function restorePayload(kind: string, stored: string, row: Record<string, unknown> | undefined): EventPayload {
  const out: Record<string, unknown> = { kind, ...(stored === '' ? {} : (JSON.parse(stored) as Record<string, unknown>)) }
  const fields = TYPED_FIELDS[kind as EventKind]
  if (!fields || !row) return out as EventPayload
  for (const [k, type] of Object.entries(fields)) {
    // What the remainder holds is the source's own value (one the column could not keep exactly).
    if (k in out) continue
    if (type === 'counts') {
      if (row.input === null || row.input === undefined) continue
      out[k] = Object.fromEntries(TOKEN_FIELDS.map((f) => [f, row[f]]))
      continue
    }
    const v = row[k]
    if (v === null || v === undefined) continue
    out[k] = type === 'bool' ? v === 1 || v === true : type === 'json' ? (JSON.parse(v as string) as unknown) : v
  }
  return out as EventPayload
}
