import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestForRepo } from '../../src/discover/discover.js'
import { defaultLocations, type DiscoverEnv } from '../../src/discover/locations.js'
import { repoIdentity } from '../../src/discover/repo.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { cursorAgentStore, decodeMeta, rootFields } from '../../src/sources/cursor/store.js'
import { isSideFile, recognizeDatabase } from '../../src/sources/registry.js'
import { byId, fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { buildCursorStore, storeDescription } from './cursor-store-fixture.js'

/*
 * The Cursor agent CLI's store (`~/.cursor/chats/<md5 of cwd>/<id>/store.db`), built at test time
 * from the hand-made fixtures/cursor/agent-store/7d3f2a10-….json: the same conversation as the
 * hand-made transcript under fixtures/cursor/projects/, as the store holds it (with the tool
 * results, reasoning and model the transcript leaves out). Counts are made by hand from that file.
 */

const MAIN = '7d3f2a10-5b6c-4e8f-9a01-2c3d4e5f6a7b'
const TRANSCRIPT = join(fixtures, 'cursor', 'projects', 'home-dev-shop-api', 'agent-transcripts', MAIN, `${MAIN}.jsonl`)
const FILES = [
  { path: '/home/dev/shop-api/CHANGELOG.md', change: 'unknown' },
  { path: '/home/dev/shop-api/src/routes/health.ts', change: 'update' },
  { path: 'src/routes/health.test.ts', change: 'add' },
  { path: 'src/routes/old-health.ts', change: 'delete' }
]

let base: string
beforeAll(() => {
  base = tmpDir('alt-cursor-store-')
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

function files(r: Ingested, sid: string): unknown[] {
  return r.db.prepare(`SELECT DISTINCT path, change FROM files_touched WHERE session_id = ? ORDER BY path`).all(sid)
}

describe('cursor agent store', () => {
  let r: Ingested
  let path: string
  beforeAll(async () => {
    path = buildCursorStore(join(base, 'alone', 'chats'), storeDescription(MAIN))
    r = await ingestFresh([path])
  })
  afterAll(() => r.close())

  it('is read without problems: one session with its name, folder, start and model', () => {
    expect(r.result.errors).toEqual([])
    expect(r.sessions.map((s) => s.id)).toEqual([MAIN])
    const s = r.sessions[0]
    expect(s.agent).toBe('cursor')
    expect(s.title).toBe('Health route reports degraded')
    expect(s.cwd).toBe('/home/dev/shop-api')
    expect(s.started_at).toBe('2026-06-08T10:00:00.000Z')
    expect(s.models).toEqual(['claude-4.5-sonnet-thinking'])
    // The store records no token counts.
    expect(s.tokens_source).toBe('none')
  })

  it('counts the two typed prompts, not the system prompt or the <user_info> context', () => {
    const s = r.sessions[0]
    expect(s.prompts).toBe(2)
    expect(r.db.prepare(`SELECT text FROM prompts WHERE session_id = ? ORDER BY ordinal`).pluck().all(MAIN)).toEqual([
      'The /health route returns 500 when the cache is down; make it report degraded instead.',
      'Also write a CHANGELOG entry.'
    ])
  })

  it('reads the seven tool calls, their results with a failure, the files written and the reasoning', () => {
    // Grep, Read, StrReplace, ApplyPatch, Shell, Write, Task.
    expect(r.sessions[0].tool_calls).toBe(7)
    expect(files(r, MAIN)).toEqual(FILES)
    const results = r.db.prepare(`SELECT call_id, status FROM function_results WHERE session_id = ? ORDER BY event_id`).all(MAIN)
    expect(results).toEqual([
      { call_id: 'toolu_a1', status: null },
      { call_id: 'toolu_a2', status: null },
      { call_id: 'toolu_a3', status: null },
      { call_id: 'toolu_a4', status: null },
      { call_id: 'toolu_01', status: null },
      { call_id: 'toolu_a5', status: 'error' }
    ])
    const command = r.db.prepare(`SELECT command FROM function_calls WHERE session_id = ? AND name = 'Shell'`).pluck().get(MAIN)
    expect(command).toBe('npm test -- health')
    const reasoning = r.db.prepare(`SELECT text, encrypted FROM agent_reasoning_messages WHERE session_id = ? ORDER BY event_id`).all(MAIN)
    expect(reasoning).toEqual([
      { text: '', encrypted: 1 },
      { text: 'The handler answers 500 on any cache error.', encrypted: 0 }
    ])
  })

  it('takes the meta.json and prompt_history.json beside a store for side files, not unrecognized logs', async () => {
    const dir = join(path, '..')
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ schemaVersion: 1, hasConversation: true, cwd: '/home/dev/shop-api' }))
    writeFileSync(join(dir, 'prompt_history.json'), JSON.stringify(['Also write a CHANGELOG entry.']))
    const again = await ingestFresh([join(base, 'alone', 'chats')])
    try {
      expect(again.result.errors).toEqual([])
      expect(again.sessions.map((s) => s.id)).toEqual([MAIN])
    } finally {
      again.close()
    }
    expect(isSideFile(join(dir, 'meta.json'))).toBe(true)
    expect(isSideFile('/home/dev/notes/meta.json')).toBe(false)
  })

  it('reads a root whose messages sit in field-2 subtrees the same way', async () => {
    const grouped = await ingestFresh([buildCursorStore(join(base, 'grouped', 'chats'), storeDescription(MAIN), { group: true })])
    try {
      expect(grouped.result.errors).toEqual([])
      const s = byId(grouped.sessions, MAIN)
      expect([s.prompts, s.tool_calls]).toEqual([2, 7])
      expect(files(grouped, MAIN)).toEqual(FILES)
    } finally {
      grouped.close()
    }
  })
})

describe('cursor agent store and transcript of the same conversation', () => {
  let store: string
  beforeAll(() => {
    store = buildCursorStore(join(base, 'both', 'chats'), storeDescription(MAIN))
  })

  it.each([
    ['store first', () => [store, TRANSCRIPT]],
    ['transcript first', () => [TRANSCRIPT, store]]
  ])('counts each prompt, tool call and file once, read in one run (%s)', async (_name, order) => {
    const r = await ingestFresh(order())
    try {
      expect(r.result.errors).toEqual([])
      expect(r.sessions.map((s) => s.id)).toEqual([MAIN])
      const s = r.sessions[0]
      expect([s.prompts, s.tool_calls]).toEqual([2, 7])
      expect(files(r, MAIN)).toEqual(FILES)
      // What only the store holds is there: results, the folder, the model.
      const results = `SELECT COUNT(*) FROM events WHERE session_id = ? AND kind = 'tool_result' AND replayed = 0`
      expect(r.db.prepare(results).pluck().get(MAIN)).toBe(6)
      expect(s.cwd).toBe('/home/dev/shop-api')
      expect(s.models).toEqual(['claude-4.5-sonnet-thinking'])
    } finally {
      r.close()
    }
  })

  it('counts them once when the store is read by a later ingest', async () => {
    const dir = tmpDir('alt-cursor-later-')
    const db = openStore(join(dir, 'store.sqlite'))
    try {
      await ingestPaths(db, [TRANSCRIPT])
      expect(listSessions(db).map((s) => [s.prompts, s.tool_calls])).toEqual([[2, 7]])
      await ingestPaths(db, [store])
      const s = byId(listSessions(db), MAIN)
      expect([s.prompts, s.tool_calls]).toEqual([2, 7])
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('cursor agent store: parts', () => {
  it('is recognized by its two tables and their exact columns, a cursorDiskKV table beside them or not', () => {
    const store = { blobs: ['id', 'data'], meta: ['key', 'value'] }
    expect(recognizeDatabase({ path: 'store.db', tables: store })).toBe(cursorAgentStore)
    expect(recognizeDatabase({ path: 'store.db', tables: { ...store, cursorDiskKV: ['key', 'value'] } })?.id).toBe('cursor-agent-store')
    expect(recognizeDatabase({ path: 'x.db', tables: { ...store, blobs: ['id', 'data', 'size'] } })).toBeUndefined()
    expect(recognizeDatabase({ path: 'x.db', tables: { meta: ['key', 'value'] } })).toBeUndefined()
  })

  it('decodes the meta from hex, plain JSON text or bytes, and refuses what is not an object', () => {
    const meta = { agentId: 'a', name: 'n' }
    expect(decodeMeta(Buffer.from(JSON.stringify(meta)).toString('hex'))).toEqual(meta)
    expect(decodeMeta(JSON.stringify(meta))).toEqual(meta)
    expect(decodeMeta(Buffer.from(JSON.stringify(meta)))).toEqual(meta)
    expect(decodeMeta('[1]')).toBeUndefined()
    expect(decodeMeta(null)).toBeUndefined()
  })

  it('reads a root’s ids and workspace, and gives up on bytes that are not protobuf it can walk', () => {
    const id = Buffer.alloc(32, 7)
    const uri = Buffer.from('file:///home/dev/a%20b')
    const root = Buffer.concat([Buffer.from([0x0a, 0x20]), id, Buffer.from([0x4a, uri.length]), uri])
    expect(rootFields(root)).toEqual({ children: [{ id: id.toString('hex'), subtree: false }], workspace: '/home/dev/a b', inline: 0 })
    // A message held inline (field 4 here) is counted, to be reported as not read.
    const inline = Buffer.from('{"role":"assistant","content":[]}')
    expect(rootFields(Buffer.concat([root, Buffer.from([0x22, inline.length]), inline]))?.inline).toBe(1)
    // A length past the end, and an unknown wire type.
    expect(rootFields(Buffer.from([0x0a, 0x20, 1, 2]))).toBeNull()
    expect(rootFields(Buffer.from([0x0b]))).toBeNull()
  })
})

describe('cursor agent store discovery', () => {
  it('lists the stores of the folder named by the md5 of each worktree, and keeps their sessions', async () => {
    const repo = join(base, 'work', 'shop-api')
    const home = join(base, 'home')
    mkdirSync(repo, { recursive: true })
    execFileSync('git', ['init', '-q', repo])
    const d = storeDescription(MAIN)
    const path = buildCursorStore(join(home, '.cursor', 'chats'), { ...d, cwd: repo })
    // Another project's store: not listed.
    buildCursorStore(join(home, '.cursor', 'chats'), { ...d, cwd: '/home/dev/other', meta: { ...d.meta, agentId: 'other-agent' } })
    const env: DiscoverEnv = { env: {}, platform: 'linux', home }
    const identity = repoIdentity(repo)
    const listed = defaultLocations(identity, env).filter((l) => l.agent === 'cursor' && l.path.endsWith('store.db'))
    expect(listed.map((l) => [l.path, l.inRepo])).toEqual([[path, true]])
    expect(listed[0].path).toContain(createHash('md5').update(repo).digest('hex'))
    // CURSOR_CONFIG_DIR moves the whole home of the CLI.
    const moved = join(base, 'moved')
    cpSync(join(home, '.cursor'), moved, { recursive: true })
    const again = defaultLocations(identity, { env: { CURSOR_CONFIG_DIR: moved }, platform: 'linux', home }).filter((l) => l.path.endsWith('store.db'))
    expect(again.map((l) => l.path)).toEqual([path.replace(join(home, '.cursor'), moved)])

    const dir = tmpDir('alt-cursor-disc-')
    const db = openStore(join(dir, 'store.sqlite'))
    try {
      await ingestForRepo(db, repo, null, { env })
      expect(listSessions(db).map((s) => [s.id, s.prompts, s.tool_calls])).toEqual([[MAIN, 2, 7]])
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lists the stores of an agent started in a subfolder git tracks, and not those of an untracked sibling or another project', () => {
    const repo = join(base, 'work', 'mono')
    const home = join(base, 'home-mono')
    mkdirSync(join(repo, 'packages', 'api'), { recursive: true })
    mkdirSync(join(repo, 'scratch'), { recursive: true })
    writeFileSync(join(repo, 'packages', 'api', 'index.ts'), 'export {}\n')
    execFileSync('git', ['init', '-q', repo])
    execFileSync('git', ['-C', repo, 'add', '.'])
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init'])
    const d = storeDescription(MAIN)
    const chats = join(home, '.cursor', 'chats')
    const inSub = buildCursorStore(chats, { ...d, cwd: join(repo, 'packages', 'api') })
    buildCursorStore(chats, { ...d, cwd: join(repo, 'scratch'), meta: { ...d.meta, agentId: 'untracked' } })
    buildCursorStore(chats, { ...d, cwd: '/home/dev/other/packages/api', meta: { ...d.meta, agentId: 'other-agent' } })
    const listed = defaultLocations(repoIdentity(repo), { env: {}, platform: 'linux', home }).filter((l) => l.agent === 'cursor' && l.path.endsWith('store.db'))
    expect(listed.map((l) => [l.path, l.inRepo])).toEqual([[inSub, true]])
  })
})
