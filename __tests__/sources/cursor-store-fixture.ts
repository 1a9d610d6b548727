import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures } from '../helpers.js'

/**
 * A Cursor agent CLI store built at test time from a hand-made description
 * (`fixtures/cursor/agent-store/<id>.json`: the conversation's folder, meta and messages), laid
 * out as the readers cited in fixtures/cursor/SOURCES.md describe it: `blobs` keyed by the SHA-256
 * of their bytes, a protobuf root listing the message blobs in field 1 and the workspace URI in
 * field 9, and `meta` row `0` holding the hex of the meta JSON. No agent database is committed.
 */

export interface StoreDescription {
  cwd: string
  meta: Record<string, unknown>
  messages: unknown[]
}

export function storeDescription(id: string): StoreDescription {
  return JSON.parse(readFileSync(join(fixtures, 'cursor', 'agent-store', `${id}.json`), 'utf8')) as StoreDescription
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

function varint(n: number): number[] {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  return [...out, n]
}

function field(tag: number, bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([...varint(tag * 8 + 2), ...varint(bytes.length)]), bytes])
}

/** `<chats>/<md5 of cwd>/<agentId>/store.db`; `group` wraps the messages two at a time in field-2 subtrees. */
export function buildCursorStore(chats: string, d: StoreDescription, opts: { group?: boolean } = {}): string {
  const dir = join(chats, createHash('md5').update(d.cwd).digest('hex'), String(d.meta.agentId))
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'store.db')
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE blobs (id TEXT PRIMARY KEY, data BLOB); CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);')
  const put = db.prepare('INSERT OR IGNORE INTO blobs (id, data) VALUES (?, ?)')
  const store = (b: Buffer) => {
    const id = sha256(b)
    put.run(id, b)
    return id
  }
  const ids = d.messages.map((m) => store(Buffer.from(JSON.stringify(m))))
  let children: Buffer[]
  if (opts.group) {
    children = []
    for (let i = 0; i < ids.length; i += 2) {
      const node = Buffer.concat(ids.slice(i, i + 2).map((id) => field(1, Buffer.from(id, 'hex'))))
      children.push(field(2, Buffer.from(store(node), 'hex')))
    }
  } else children = ids.map((id) => field(1, Buffer.from(id, 'hex')))
  // A real root also carries the context meter (field 5) and a creation time (field 26, a varint): read past, not used.
  const meter = Buffer.from([0x08, ...varint(26794), 0x10, ...varint(200000)])
  const root = Buffer.concat([
    ...children,
    field(5, meter),
    field(9, Buffer.from(`file://${d.cwd}`)),
    Buffer.from([...varint(26 * 8), ...varint(Number(d.meta.createdAt ?? 0))])
  ])
  const meta = { ...d.meta, latestRootBlobId: store(root) }
  db.prepare(`INSERT INTO meta (key, value) VALUES ('0', ?)`).run(Buffer.from(JSON.stringify(meta)).toString('hex'))
  db.close()
  return path
}
