import type { Database } from 'better-sqlite3'
import { basename, dirname } from 'node:path'
import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import type { DatabaseHead, DatabaseRow, DatabaseSource, ParseRecord, SourceContext } from '../types.js'
import { arr, obj, str, tryParseJson, type Json } from '../util/json.js'
import { toUtcIso } from '../util/time.js'
import { callContent, sharedKeys, type SeenCounts } from './keys.js'
import { toolEvents } from './tools.js'
import { AGENT } from './transcript.js'

/**
 * The agent CLI's store of one conversation (`~/.cursor/chats/<md5 of cwd>/<id>/store.db`), after
 * the readers cited in fixtures/cursor/SOURCES.md: `meta` holds one row, key `0`, whose value is
 * the conversation's JSON (`agentId`, `name`, `createdAt`, `latestRootBlobId`, `lastUsedModel`),
 * hex-encoded; `blobs` is content-addressed (`id` the SHA-256 of `data`). The root blob is protobuf:
 * field 1 repeats the 32-byte ids of the messages in order (field 2 those of a subtree), field 9
 * the workspace's `file://` URI. A message blob is JSON `{role, content}` with AI-SDK parts
 * (`text`, `reasoning`, `tool-call`, `tool-result`). The store records no token count and no
 * per-message time.
 */

const META_KEY = '0'
/** A root that links deeper than this is not a conversation this reader knows. */
const MAX_DEPTH = 32
const USER_QUERY = /<user_query>\s*([\s\S]*?)\s*<\/user_query>/
/** The name Cursor gives a conversation before it has one. */
const PLACEHOLDER_NAME = 'New Agent'

/** Both tables with exactly their columns (newer stores may add a `cursorDiskKV` table beside them). */
function sniff(head: DatabaseHead): boolean {
  const same = (have: string[] | undefined, want: string[]) => have !== undefined && have.length === want.length && want.every((c) => have.includes(c))
  return same(head.tables.blobs, ['id', 'data']) && same(head.tables.meta, ['key', 'value'])
}

/** The meta value: hex of the JSON text in the stores seen, plain JSON text or bytes accepted too. */
export function decodeMeta(value: unknown): Json | undefined {
  let text: string | undefined
  if (Buffer.isBuffer(value)) text = value.toString('utf8')
  else if (typeof value === 'string') text = /^(?:[0-9a-f]{2})+$/i.test(value) ? Buffer.from(value, 'hex').toString('utf8') : value
  return text === undefined ? undefined : obj(tryParseJson(text))
}

interface RootFields {
  /** Field 1 and field 2 ids, in order, with whether each is a subtree. */
  children: { id: string; subtree: boolean }[]
  workspace: string | null
  /** Other fields holding a JSON message inline, which other readers report in some nodes and this one does not read. */
  inline: number
}

/** The protobuf fields of a linking blob this reader uses; null when the bytes are not protobuf it can walk. */
export function rootFields(data: Buffer): RootFields | null {
  const children: RootFields['children'] = []
  let workspace: string | null = null
  let inline = 0
  let i = 0
  const varint = (): number | null => {
    let value = 0
    for (let shift = 0; shift <= 49 && i < data.length; shift += 7) {
      const b = data[i++]
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return value
    }
    return null
  }
  while (i < data.length) {
    const tag = varint()
    if (tag === null) return null
    const field = Math.floor(tag / 8)
    const wire = tag % 8
    if (wire === 0) {
      if (varint() === null) return null
    } else if (wire === 1 || wire === 5) {
      i += wire === 1 ? 8 : 4
      if (i > data.length) return null
    } else if (wire === 2) {
      const len = varint()
      if (len === null || len > data.length - i) return null
      const bytes = data.subarray(i, i + len)
      i += len
      if ((field === 1 || field === 2) && len === 32) children.push({ id: bytes.toString('hex'), subtree: field === 2 })
      if (field === 9) {
        const uri = bytes.toString('utf8')
        if (uri.startsWith('file://')) workspace = decodeURIComponent(uri.slice('file://'.length))
      } else if (field !== 1 && field !== 2 && bytes.subarray(0, 8).toString('utf8') === '{"role":') inline++
    } else return null
  }
  return { children, workspace, inline }
}

interface Walk {
  /** Message blob ids in conversation order. */
  messages: string[]
  workspace: string | null
  broken: string[]
  /** Messages held inline in linking blobs, not read. */
  inline: number
}

/** The message ids under the root, depth first in field order; a blob is visited once. */
function walkRoot(get: (id: string) => Buffer | null, rootId: string): Walk {
  const walk: Walk = { messages: [], workspace: null, broken: [], inline: 0 }
  const visited = new Set<string>()
  const visit = (id: string, depth: number) => {
    if (visited.has(id) || depth > MAX_DEPTH) return
    visited.add(id)
    const data = get(id)
    if (!data) return walk.broken.push(`blob ${id} is missing`)
    if (data[0] === 0x7b) return walk.messages.push(id)
    const fields = rootFields(data)
    if (!fields) return walk.broken.push(`blob ${id} is neither a message nor a list of blobs`)
    if (depth === 0) walk.workspace = fields.workspace
    walk.inline += fields.inline
    for (const c of fields.children) visit(c.id, depth + 1)
  }
  visit(rootId, 0)
  return walk
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  return (arr(content) ?? [])
    .map(obj)
    .filter((p): p is Json => p?.type === 'text')
    .map((p) => str(p.text) ?? '')
    .join('\n')
}

function resultText(v: unknown): string {
  if (typeof v === 'string') return v
  const parts = arr(v)
  if (parts && parts.every((p) => obj(p)?.type === 'text')) return textOf(parts)
  return v === undefined ? '' : JSON.stringify(v)
}

/** What one message says, with the content of each tool call among it (for keys.ts); null for a role this reader does not know. */
function messageEvents(m: Json, sub: boolean, model: { current: string | null }): { payloads: EventPayload[]; calls: string[]; unknown: string[] } | null {
  const payloads: EventPayload[] = []
  const calls: string[] = []
  const unknown: string[] = []
  const role = str(m.role)
  if (role === 'system') {
    payloads.push({ kind: 'context_message', role: 'system', text: textOf(m.content) })
    return { payloads, calls, unknown }
  }
  if (role === 'user') {
    const text = textOf(m.content)
    const query = USER_QUERY.exec(text)
    const images = (arr(m.content) ?? []).filter((p) => obj(p)?.type === 'image').length
    // Without `<user_query>`, a message that opens with a tag is context Cursor added (`<user_info>`, rules), not typed.
    if (!query && text.trimStart().startsWith('<') && images === 0) payloads.push({ kind: 'context_message', role: 'user', text })
    else payloads.push({ kind: 'user_prompt', text: query ? query[1] : text, by_agent: sub, images })
    return { payloads, calls, unknown }
  }
  if (role === 'assistant') {
    const parts = (arr(m.content) ?? (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : [])).map(obj)
    for (const p of parts) {
      const named = str(obj(obj(p?.providerOptions)?.cursor)?.modelName) ?? str(m.model)
      if (named && named !== model.current) {
        model.current = named
        payloads.push({ kind: 'turn_context', model: named })
      }
      switch (p?.type) {
        case 'text': {
          const text = str(p.text) ?? ''
          if (text.trim()) payloads.push({ kind: 'assistant_message', text, phase: null })
          break
        }
        case 'reasoning':
          payloads.push({ kind: 'reasoning', text: str(p.text) ?? '', encrypted: false, encrypted_bytes: 0 })
          break
        case 'redacted-reasoning':
          payloads.push({ kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: (str(p.data) ?? '').length })
          break
        case 'tool-call': {
          const name = str(p.toolName) ?? 'unknown'
          const args = p.args ?? {}
          const rawArgs = str(obj(obj(p.providerOptions)?.cursor)?.rawToolCallArgs) ?? (typeof args === 'string' ? args : JSON.stringify(args))
          const found = toolEvents(name, obj(args) ?? {}, rawArgs, str(p.toolCallId) ?? null, typeof args === 'string' ? args : str(obj(args)?.patch))
          payloads.push(...found)
          calls.push(callContent(name, args))
          break
        }
        default:
          unknown.push(`assistant part "${str(p?.type) ?? 'none'}"`)
      }
    }
    return { payloads, calls, unknown }
  }
  if (role === 'tool') {
    const failed = obj(obj(obj(m.providerOptions)?.cursor)?.highLevelToolCallResult)?.isError === true
    for (const p of (arr(m.content) ?? []).map(obj)) {
      if (p?.type !== 'tool-result') {
        unknown.push(`tool part "${str(p?.type) ?? 'none'}"`)
        continue
      }
      const status = failed || p.isError === true ? 'error' : null
      payloads.push({ kind: 'tool_result', call_id: str(p.toolCallId) ?? null, output: resultText(p.result), exit_code: null, duration_ms: null, status })
    }
    return { payloads, calls, unknown }
  }
  return null
}

/** The conversation's id: the meta's `agentId`, else its folder's name (the folder is named after it). */
function sessionIdOf(meta: Json, ctx: SourceContext): string {
  return str(meta.agentId) ?? (basename(ctx.path) === 'store.db' ? basename(dirname(ctx.path)) : ctx.fallbackSessionId)
}

function* readDatabase(db: Database, ctx: SourceContext): Iterable<DatabaseRow> {
  const metaRow = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(META_KEY) as { value: unknown } | undefined
  const meta = metaRow ? decodeMeta(metaRow.value) : undefined
  if (!meta) {
    yield { line: 1, text: '', records: [{ type: 'skip', line: 1, reason: `meta row ${META_KEY} is missing or is not JSON` }] }
    return
  }
  const blob = db.prepare(`SELECT data FROM blobs WHERE id = ?`)
  const get = (id: string): Buffer | null => {
    const row = blob.get(id) as { data: unknown } | undefined
    if (!row) return null
    return Buffer.isBuffer(row.data) ? row.data : typeof row.data === 'string' ? Buffer.from(row.data, 'utf8') : null
  }
  const id = sessionIdOf(meta, ctx)
  const rootId = str(meta.latestRootBlobId)
  const walk = rootId ? walkRoot(get, rootId) : { messages: [], workspace: null, broken: [], inline: 0 }
  const sub = obj(meta.subagentInfo) !== undefined
  const name = str(meta.name)
  const started = toUtcIso(meta.createdAt)
  const model = { current: str(meta.lastUsedModel) ?? null }
  const patch: SessionPatch = {
    id,
    agent: AGENT,
    originator: 'cursor-agent',
    source: sub ? 'agent-store subagent' : 'agent-store',
    started_at: started,
    cwd: walk.workspace,
    title: name && name !== PLACEHOLDER_NAME ? name : null,
    parent_relation: sub ? 'subagent' : null
  }
  const head: ParseRecord[] = [{ type: 'session', patch }]
  for (const reason of walk.broken) head.push({ type: 'skip', line: 1, reason })
  if (walk.inline > 0) head.push({ type: 'unknown', line: 1, what: `${walk.inline} message(s) inline in a linking blob` })
  if (model.current) head.push(event(id, started, 1, { kind: 'turn_context', model: model.current }, `cursor-store:${id}#model`))
  yield { line: 1, text: JSON.stringify({ agentId: meta.agentId, name, createdAt: meta.createdAt, latestRootBlobId: rootId }), records: head }

  const seen: SeenCounts = {}
  let line = 1
  for (const [pos, blobId] of walk.messages.entries()) {
    line++
    const data = get(blobId)
    const m = obj(tryParseJson(data?.toString('utf8') ?? ''))
    if (!m) {
      yield { line, text: '', records: [{ type: 'skip', line, reason: `message blob ${blobId} is not a JSON object` }] }
      continue
    }
    const found = messageEvents(m, sub, model)
    const records: ParseRecord[] = []
    if (!found) records.push({ type: 'unknown', line, what: `role "${str(m.role) ?? 'none'}"` })
    else {
      for (const what of found.unknown) records.push({ type: 'unknown', line, what })
      const keys = sharedKeys(id, found.payloads, found.calls, seen)
      found.payloads.forEach((p, i) => records.push(event(id, null, line, p, keys[i] ?? `cursor-store:${id}:${pos}#${i}`)))
    }
    yield { line, text: data?.toString('utf8') ?? '', records }
  }
}

function event(session_id: string, ts: string | null, line: number, payload: EventPayload, dedupe_key: string): ParseRecord {
  return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } }
}

/** The JSON files beside a store (`meta.json`, `prompt_history.json`): what the store holds, not logs of their own. */
export function isCursorStoreSideFile(path: string): boolean {
  const name = basename(path)
  return (name === 'meta.json' || name === 'prompt_history.json') && /^[0-9a-f]{32}$/.test(basename(dirname(dirname(path))))
}

export const cursorAgentStore: DatabaseSource = {
  mode: 'database',
  id: 'cursor-agent-store',
  agent: AGENT,
  description: 'Cursor agent CLI conversation store (~/.cursor/chats/<md5 of cwd>/<id>/store.db: blobs and meta tables)',
  sniff,
  readDatabase
}
