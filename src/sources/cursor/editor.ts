import type { Database } from 'better-sqlite3'
import type { EventPayload } from '../../model/events.js'
import type { SessionPatch } from '../../model/session.js'
import type { DatabaseHead, DatabaseRow, DatabaseSource, ParseRecord, SourceContext } from '../types.js'
import { arr, num, obj, str, tryParseJson, type Json } from '../util/json.js'
import { hasColumns, paged } from '../util/sqlite-pages.js'
import { toUtcIso } from '../util/time.js'
import { toolEvents } from './tools.js'
import { AGENT } from './transcript.js'

/**
 * The Cursor editor's store (`<Cursor user dir>/globalStorage/state.vscdb`): VS Code's key-value
 * table plus Cursor's `cursorDiskKV`, where `composerData:<id>` is a conversation (its name, times,
 * model and the order of its bubbles) and `bubbleId:<composer>:<bubble>` one message of it.
 * The bubbles' `tokenCount` is not read: see docs/sources.md, Cursor.
 */

const COMPOSER = 'composerData:'
/** The first key after every `composerData:` key (`;` follows `:`), so the range scan uses the key's index. */
const COMPOSER_END = 'composerData;'
const COMPOSER_PAGE = 20
const USER = 1
const ASSISTANT = 2

interface KV {
  key: string
  value: string | null
}

function sniff(head: DatabaseHead): boolean {
  return hasColumns(head.tables, 'cursorDiskKV', ['key', 'value'])
}

/** "default" is the Auto setting, not a model. */
function modelName(v: unknown): string | null {
  const name = str(v)?.trim()
  return name && name !== 'default' ? name : null
}

/** The folder the conversation ran in, when the composer names one: its workspace, else its first tracked repository. */
function folderOf(c: Json): string | null {
  const ws = str(obj(obj(c.workspaceIdentifier)?.uri)?.fsPath)
  if (ws) return ws
  const repo = (arr(c.trackedGitRepos) ?? []).map((r) => str(obj(r)?.repoPath)).find((p) => p)
  return repo ?? null
}

function composerPatch(id: string, c: Json): SessionPatch {
  return {
    id,
    agent: AGENT,
    originator: 'cursor',
    source: str(c.unifiedMode) ? `editor ${str(c.unifiedMode)}` : 'editor',
    agent_version: typeof c._v === 'number' ? `composer format ${c._v}` : null,
    started_at: toUtcIso(num(c.createdAt)),
    ended_at: toUtcIso(num(c.lastUpdatedAt)),
    cwd: folderOf(c),
    title: str(c.name) || null
  }
}

function toolCall(tf: Json, callId: string | null): EventPayload[] {
  const name = str(tf.name) ?? `tool ${str(tf.tool) ?? 'unknown'}`
  const rawArgs = str(tf.rawArgs) ?? str(tf.params) ?? '{}'
  const args = obj(tryParseJson(rawArgs)) ?? {}
  const refused = tf.userDecision === 'rejected' || tf.status === 'error'
  const [call, ...writes] = toolEvents(name, args, rawArgs, callId, str(args.patch))
  const out: EventPayload[] = [call]
  const result = tf.result
  if (result !== undefined || tf.status !== undefined)
    out.push({
      kind: 'tool_result',
      call_id: callId,
      output: typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result),
      exit_code: null,
      duration_ms: null,
      status: str(tf.status) ?? null
    })
  if (!refused) out.push(...writes)
  return out
}

/** What one bubble says; null for a bubble type this reader does not know. */
function bubbleEvents(b: Json, type: number, model: { current: string | null }): EventPayload[] | null {
  const out: EventPayload[] = []
  const m = modelName(obj(b.modelInfo)?.modelName)
  if (m && m !== model.current) {
    model.current = m
    out.push({ kind: 'turn_context', model: m })
  }
  const text = str(b.text) ?? ''
  if (type === USER) {
    out.push({ kind: 'user_prompt', text, by_agent: false, images: (arr(b.images) ?? []).length })
    return out
  }
  if (type !== ASSISTANT) return null
  const thinking = obj(b.thinking)
  if (thinking) {
    const said = str(thinking.text) ?? ''
    // Only a signature: the reasoning went to the model's provider encrypted, and is not here.
    out.push({ kind: 'reasoning', text: said, encrypted: !said.trim() && str(thinking.signature) !== undefined, encrypted_bytes: 0 })
  }
  if (text.trim()) out.push({ kind: 'assistant_message', text, phase: null })
  const tf = obj(b.toolFormerData)
  if (tf) out.push(...toolCall(tf, str(tf.toolCallId) ?? null))
  return out
}

function* readDatabase(db: Database, _ctx: SourceContext): Iterable<DatabaseRow> {
  const composers = db.prepare(`SELECT key, CAST(value AS TEXT) AS value FROM cursorDiskKV WHERE key > ? AND key < ? ORDER BY key LIMIT ?`)
  const bubble = db.prepare(`SELECT CAST(value AS TEXT) AS value FROM cursorDiskKV WHERE key = ?`)
  let line = 0
  for (const row of paged<KV>(COMPOSER_PAGE, (after, n) => composers.all(after?.key ?? COMPOSER, COMPOSER_END, n) as KV[])) {
    const id = row.key.slice(COMPOSER.length)
    const composerLine = ++line
    const c = obj(tryParseJson(row.value ?? ''))
    if (!c) {
      yield { line: composerLine, text: row.value ?? '', records: [{ type: 'skip', line: composerLine, reason: `${row.key}: value is not a JSON object` }] }
      continue
    }
    const heads = (arr(c.fullConversationHeadersOnly) ?? []).map(obj).filter((h): h is Json => h !== undefined)
    // A composer opened and never used has no bubbles: it is no conversation.
    if (heads.length === 0) continue
    const model = { current: modelName(obj(c.modelConfig)?.modelName) }
    const records: ParseRecord[] = [{ type: 'session', patch: composerPatch(id, c) }]
    if (model.current) records.push(event(id, toUtcIso(num(c.createdAt)), composerLine, { kind: 'turn_context', model: model.current }, `cursor:${id}#model`))
    yield { line: composerLine, text: JSON.stringify({ key: row.key, name: c.name, createdAt: c.createdAt, lastUpdatedAt: c.lastUpdatedAt }), records }
    for (const h of heads) {
      const bubbleId = str(h.bubbleId)
      if (!bubbleId) continue
      const key = `bubbleId:${id}:${bubbleId}`
      const found = bubble.get(key) as { value: string | null } | undefined
      // Cursor clears old bubbles (the row goes, or its value becomes NULL) and keeps the order list: nothing was lost here.
      if (found?.value == null) continue
      const bubbleLine = ++line
      const b = obj(tryParseJson(found.value))
      if (!b) {
        yield { line: bubbleLine, text: found.value, records: [{ type: 'skip', line: bubbleLine, reason: `${key}: value is not a JSON object` }] }
        continue
      }
      const type = num(h.type) ?? num(b.type) ?? 0
      const ts = toUtcIso(b.createdAt)
      const payloads = bubbleEvents(b, type, model)
      const out: ParseRecord[] =
        payloads === null
          ? [{ type: 'unknown', line: bubbleLine, what: `bubble type ${type}` }]
          : payloads.map((p, i) => event(id, ts, bubbleLine, p, `cursor:${id}:${bubbleId}#${i}`))
      yield { line: bubbleLine, text: found.value, records: out }
    }
  }
}

function event(session_id: string, ts: string | null, line: number, payload: EventPayload, dedupe_key: string): ParseRecord {
  return { type: 'event', event: { session_id, ts, line, payload, dedupe_key } }
}

export const cursorEditorDatabase: DatabaseSource = {
  mode: 'database',
  id: 'cursor-state-vscdb',
  agent: AGENT,
  description: 'Cursor editor store (globalStorage/state.vscdb: cursorDiskKV composerData and bubbleId keys)',
  sniff,
  readDatabase
}
