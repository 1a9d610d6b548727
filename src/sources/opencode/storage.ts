import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SessionPatch } from '../../model/session.js'
import type { DocumentSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { isObject, num, obj, str, tryParseJson, type Json } from '../util/json.js'
import { isoOrNull } from '../util/time.js'
import { assistantEvents, partEvents } from './parts.js'

/**
 * OpenCode's older store, before its SQLite database: one JSON file per session, message and part,
 * `storage/session/<project>/<session>.json`, `storage/message/<session>/<message>.json` and
 * `storage/part/<message>/<part>.json`, holding the same objects as the database's rows. Each file
 * is read on its own; a part looks up its message's role (a prompt or a reply) and its session's
 * parent (a sub-agent's task) in the files beside it. Events carry the dedupe keys the database
 * reader gives the same rows, so a session OpenCode moved into its database counts once.
 */

const SESSION = /"id"\s*:\s*"ses_[^"]*"/
const MESSAGE = /"id"\s*:\s*"msg_[^"]*"/
const PART = /"id"\s*:\s*"prt_[^"]*"/
const SESSION_ID = /"sessionID"\s*:\s*"ses_/

function kindOf(text: string): 'session' | 'message' | 'part' | null {
  if (!/^\s*\{/.test(text)) return null
  if (PART.test(text) && SESSION_ID.test(text) && /"messageID"\s*:\s*"msg_/.test(text) && /"type"\s*:/.test(text)) return 'part'
  if (MESSAGE.test(text) && SESSION_ID.test(text) && /"role"\s*:\s*"/.test(text)) return 'message'
  if (SESSION.test(text) && /"projectID"\s*:/.test(text) && /"directory"\s*:/.test(text) && /"version"\s*:/.test(text)) return 'session'
  return null
}

function readJson(path: string): Json | undefined {
  try {
    return obj(tryParseJson(readFileSync(path, 'utf8')))
  } catch {
    return undefined
  }
}

/** `<storage>` for a file at `<storage>/<kind>/<folder>/<id>.json`. */
function storageRoot(path: string): string {
  return dirname(dirname(dirname(path)))
}

/** Whether a session has a parent, by its file under `<storage>/session/<project>/`; remembered per run of files. */
const parentKnown = new Map<string, boolean>()
function isSubAgent(root: string, sessionId: string): boolean {
  const key = `${root}\0${sessionId}`
  let known = parentKnown.get(key)
  if (known === undefined) {
    known = false
    let projects: string[] = []
    try {
      projects = readdirSync(join(root, 'session'))
    } catch {
      // no session folder: taken for a person's session
    }
    for (const p of projects) {
      const file = join(root, 'session', p, `${sessionId}.json`)
      if (existsSync(file)) {
        known = str(readJson(file)?.parentID) !== undefined
        break
      }
    }
    if (parentKnown.size > 10_000) parentKnown.clear()
    parentKnown.set(key, known)
  }
  return known
}

/** One JSON document of OpenCode's kinds; a JSON Lines log (several objects, one a line) is not one. */
function sniff(head: SniffInput): boolean {
  const jsonLines = head.parsed.filter((p) => isObject(p)).length > 1
  return !jsonLines && kindOf(head.text) !== null
}

function parseDocument(text: string, ctx: SourceContext, out: ParseRecord[]): void {
  const data = obj(JSON.parse(text))
  if (!data) throw new Error('not a JSON object')
  const kind = kindOf(text)
  const id = str(data.id) ?? basename(ctx.path, '.json')
  if (kind === 'session') {
    const time = obj(data.time)
    const parent = str(data.parentID) ?? null
    const patch: SessionPatch = {
      id,
      agent: 'opencode',
      agent_version: str(data.version) ?? null,
      started_at: isoOrNull(num(time?.created) ?? NaN),
      cwd: str(data.directory) ?? null,
      title: str(data.title) ?? null,
      parent_id: parent,
      parent_relation: parent ? 'subagent' : null
    }
    out.push({ type: 'session', patch })
    return
  }
  const sessionId = str(data.sessionID)
  if (!sessionId) throw new Error('no sessionID')
  if (kind === 'message') {
    const ts = isoOrNull(num(obj(data.time)?.created) ?? NaN)
    const role = str(data.role)
    if (role === 'assistant') {
      assistantEvents(id, data).forEach((it, i) =>
        out.push({
          type: 'event',
          event: { session_id: sessionId, ts, line: 1, payload: it.payload, dedupe_key: it.dedupe_key ?? null, ...(i === 0 ? { raw: text } : {}) }
        })
      )
      // The message's cost joins the session's reported cost only in the database reader, which sees every message.
    } else if (role !== 'user') out.push({ type: 'unknown', line: 1, what: `message role "${role ?? ''}"` })
    return
  }
  const messageId = str(data.messageID) ?? ''
  const root = storageRoot(ctx.path)
  const message = readJson(join(root, 'message', sessionId, `${messageId}.json`))
  if (!message) {
    out.push({ type: 'skip', line: 1, reason: `part ${id}: its message ${messageId} was not found beside it` })
    return
  }
  const found = partEvents(data, { role: str(message.role) ?? '', byAgent: isSubAgent(root, sessionId) })
  if (found === null) {
    out.push({ type: 'unknown', line: 1, what: `part "${str(data.type) ?? ''}"` })
    return
  }
  const start = num(obj(data.time)?.start) ?? num(obj(obj(data.state)?.time)?.start) ?? num(obj(message.time)?.created)
  const ts = start !== undefined ? isoOrNull(start) : null
  found.forEach((it, i) =>
    out.push({
      type: 'event',
      event: { session_id: sessionId, ts, line: 1, payload: it.payload, dedupe_key: it.dedupe_key ?? `opencode:${id}#${i}`, ...(i === 0 ? { raw: text } : {}) }
    })
  )
}

export const opencodeStorage: DocumentSource = {
  mode: 'document',
  id: 'opencode-storage',
  agent: 'opencode',
  description: 'OpenCode JSON storage before its database (storage/session, storage/message, storage/part files)',
  sniff,
  parseDocument
}
