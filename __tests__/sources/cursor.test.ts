import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { byId, fixtures, haveSamples, ingestFresh, samples, tmpDir, type Ingested } from '../helpers.js'
import { cursorTranscript, sniffCursorTranscript } from '../../src/sources/cursor/index.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { sources } from '../../src/sources/registry.js'
import { sniffInput } from './sniff-input.js'
import { execFileSync } from 'node:child_process'
import { cpSync } from 'node:fs'
import { ingestForRepo } from '../../src/discover/discover.js'
import { cursorProjectDir, defaultLocations, type DiscoverEnv } from '../../src/discover/locations.js'
import { repoIdentity } from '../../src/discover/repo.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'

/*
 * Cursor's agent transcripts and editor store. Real: fixtures/cursor/cursor-session-simple.jsonl
 * and the rows of fixtures/cursor/editor/rows.json (trimmed from git-ai's test database; both
 * Apache-2.0, see fixtures/cursor/SOURCES.md). Hand-made: the transcripts under
 * fixtures/cursor/projects/. Expected counts are the `tool_use` blocks and `toolFormerData`
 * bubbles counted by hand in those files (the counts are in the comments).
 */

const REAL = join(fixtures, 'cursor', 'cursor-session-simple.jsonl')
const MAIN = '7d3f2a10-5b6c-4e8f-9a01-2c3d4e5f6a7b'
const SUB = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'
const TRANSCRIPTS = join(fixtures, 'cursor', 'projects', 'home-dev-shop-api', 'agent-transcripts')
const COMPOSER = '00812842-49fe-4699-afae-bb22cda3f6e1'

type Rows = { cursorDiskKV: { key: string; value: unknown }[] }
const editorRows = () => JSON.parse(readFileSync(join(fixtures, 'cursor', 'editor', 'rows.json'), 'utf8')) as Rows

/** A `state.vscdb` made from Cursor's own table definitions and the given rows, values stored as JSON text like Cursor's. */
function buildStateDb(path: string, rows: Rows): void {
  const db = new Database(path)
  db.exec(readFileSync(join(fixtures, 'cursor', 'editor', 'schema.sql'), 'utf8'))
  const put = db.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)')
  db.transaction(() => {
    for (const r of rows.cursorDiskKV) put.run(r.key, r.value === null ? null : JSON.stringify(r.value))
  })()
  db.close()
}

function parseLines(lines: string[], path = join(TRANSCRIPTS, MAIN, `${MAIN}.jsonl`)): ParseRecord[] {
  const p = cursorTranscript.createParser({ path, fallbackSessionId: 'fallback' })
  const out: ParseRecord[] = []
  lines.forEach((l, i) => p.push(l, i + 1, out))
  p.end(out)
  return out
}

describe('cursor agent transcripts', () => {
  let r: Ingested
  beforeAll(async () => {
    r = await ingestFresh([REAL, TRANSCRIPTS])
  })
  afterAll(() => r.close())

  it('reads the real transcript: its prompt without the <user_query> wrapper, ten tool calls, the file it wrote, and no tokens', () => {
    expect(r.result.errors).toEqual([])
    const s = byId(r.sessions, 'cursor-session-simple')
    expect(s.agent).toBe('cursor')
    expect(s.prompts).toBe(1)
    const prompt = r.db.prepare('SELECT text FROM prompts WHERE session_id = ?').get(s.id) as { text: string }
    expect(prompt.text).toBe("Generate a file with all the HBO shows from the 90's in it")
    // Lines 2–10: Read, WebSearch, WebFetch, Read, Read, WebSearch, Grep, WebSearch, Write, WebSearch.
    expect(s.tool_calls).toBe(10)
    expect(r.db.prepare('SELECT path, change FROM files_touched WHERE session_id = ?').all(s.id)).toEqual([
      { path: '/Users/aidancunniffe/Desktop/testing-gitflows-git-ai/hbo-shows-1990s.txt', change: 'unknown' }
    ])
    // Cursor records no token counts: none are made up, and the report shows none.
    expect(s.tokens_source).toBe('none')
    expect(s.tokens.total).toBe(0)
    expect(s.models).toEqual([])
  })

  it('reads the hand-made transcript: prompts, tool calls, shell command, patch files and turn closes', () => {
    const s = byId(r.sessions, MAIN)
    expect(s.prompts).toBe(2)
    // Grep, Read, StrReplace, ApplyPatch, Shell, Write, Task.
    expect(s.tool_calls).toBe(7)
    expect(r.db.prepare('SELECT path, change FROM files_touched WHERE session_id = ? ORDER BY path').all(MAIN)).toEqual([
      { path: '/home/dev/shop-api/CHANGELOG.md', change: 'unknown' },
      { path: '/home/dev/shop-api/src/routes/health.ts', change: 'update' },
      { path: 'src/routes/health.test.ts', change: 'add' },
      { path: 'src/routes/old-health.ts', change: 'delete' }
    ])
    expect(s.tokens_source).toBe('none')
  })

  it('makes a transcript under subagents/ a sub-agent of its session, its task a prompt by an agent', () => {
    const s = byId(r.sessions, SUB)
    expect(s.parent_id).toBe(MAIN)
    expect(s.parent_relation).toBe('subagent')
    expect(s.prompts).toBe(0)
    expect(r.db.prepare('SELECT text, by_agent FROM prompts WHERE session_id = ?').all(SUB)).toEqual([{ text: 'Find docs that mention /health', by_agent: 1 }])
    expect(s.tool_calls).toBe(2)
  })

  it('turns [REDACTED] into withheld reasoning and turn_ended into turn-end and abort markers', () => {
    const out = parseLines(
      readFileSync(join(TRANSCRIPTS, MAIN, `${MAIN}.jsonl`), 'utf8')
        .trim()
        .split('\n')
    )
    const payloads = out.flatMap((x) => (x.type === 'event' ? [x.event.payload] : []))
    expect(payloads.filter((p) => p.kind === 'reasoning')).toEqual([
      { kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: 0 },
      { kind: 'reasoning', text: '', encrypted: true, encrypted_bytes: 0 }
    ])
    expect(payloads).toContainEqual({ kind: 'assistant_message', text: 'Reading the handler.', phase: null })
    expect(payloads.filter((p) => p.kind === 'marker')).toEqual([
      { kind: 'marker', marker: 'turn_end', detail: 'success' },
      { kind: 'marker', marker: 'abort', detail: 'User aborted/interrupted manually.' }
    ])
    expect(payloads).toContainEqual({
      kind: 'tool_call',
      call_id: 'toolu_01',
      name: 'Shell',
      arguments: expect.any(String),
      command: 'npm test -- health',
      tool_type: 'local_shell'
    })
    expect(payloads.some((p) => p.kind === 'token_usage')).toBe(false)
  })

  it('reports lines and blocks it does not know as unknown records, not as errors', () => {
    const out = parseLines([
      JSON.stringify({ role: 'user', message: { content: [{ type: 'text', text: 'hi' }] } }),
      JSON.stringify({ role: 'system', message: { content: 'x' } }),
      JSON.stringify({ role: 'assistant', message: { content: [{ type: 'hologram', text: 'x' }] } })
    ])
    expect(out.filter((x) => x.type === 'unknown')).toEqual([
      { type: 'unknown', line: 2, what: 'role "system"' },
      { type: 'unknown', line: 3, what: 'assistant block "hologram"' }
    ])
  })

  it('is recognized by its bare lines, and not when a line carries another agent’s fields', () => {
    expect(sniffCursorTranscript(sniffInput(REAL))).toBe(true)
    const dir = tmpDir('cursor-sniff-')
    try {
      const claudeLike = join(dir, 'c.jsonl')
      writeFileSync(claudeLike, JSON.stringify({ type: 'user', role: 'user', message: { content: 'hi' }, uuid: 'u1', sessionId: 's' }) + '\n')
      expect(sniffCursorTranscript(sniffInput(claudeLike))).toBe(false)
      // A long first answer: the head the ingest reads ends inside it.
      const long = join(dir, 'long.jsonl')
      const big = { role: 'assistant', message: { content: [{ type: 'tool_use', name: 'Write', input: { path: '/w/a.txt', contents: 'x'.repeat(100_000) } }] } }
      writeFileSync(long, [JSON.stringify({ role: 'user', message: { content: 'go' } }), JSON.stringify(big)].join('\n') + '\n')
      const head = sniffInput(long)
      expect(head.parsed[1]).toBeUndefined()
      expect(sniffCursorTranscript(head)).toBe(true)
      const closesOnly = join(dir, 't.jsonl')
      writeFileSync(closesOnly, JSON.stringify({ type: 'turn_ended', status: 'success' }) + '\n')
      expect(sniffCursorTranscript(sniffInput(closesOnly))).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('cursor editor store (state.vscdb)', () => {
  let dir: string
  let r: Ingested
  const WS = 'aaaaaaaa-0000-4000-8000-000000000001'
  beforeAll(async () => {
    dir = tmpDir('cursor-vscdb-')
    const rows = editorRows()
    // Hand-made: a composer that names its workspace, as newer Cursor builds write, with one bubble; and an empty draft.
    rows.cursorDiskKV.push(
      {
        key: `composerData:${WS}`,
        value: {
          _v: 13,
          composerId: WS,
          name: 'Workspace one',
          createdAt: 1764000000000,
          workspaceIdentifier: { uri: { fsPath: '/home/dev/shop-api' } },
          modelConfig: { modelName: 'default' },
          fullConversationHeadersOnly: [
            { bubbleId: 'b1', type: 1 },
            { bubbleId: 'gone', type: 2 }
          ]
        }
      },
      { key: `bubbleId:${WS}:b1`, value: { type: 1, text: 'Rename the cache module', createdAt: '2025-11-24T16:00:00.000Z' } },
      { key: 'composerData:bbbbbbbb-0000-4000-8000-000000000002', value: { _v: 13, name: 'draft', fullConversationHeadersOnly: [] } }
    )
    mkdirSync(join(dir, 'globalStorage'))
    buildStateDb(join(dir, 'globalStorage', 'state.vscdb'), rows)
    r = await ingestFresh([dir])
  })
  afterAll(() => {
    r.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads a composer as a session: its name, times, model, prompts and tool calls, and no tokens', () => {
    expect(r.result.errors).toEqual([])
    expect(r.sessions.map((s) => s.id).sort()).toEqual([COMPOSER, WS])
    const s = byId(r.sessions, COMPOSER)
    expect(s.agent).toBe('cursor')
    expect(r.db.prepare('SELECT title FROM sessions WHERE id = ?').get(COMPOSER)).toEqual({ title: 'Retrieve SQLite cursor queries' })
    expect(s.started_at).toBe('2025-10-07T18:28:43.898Z')
    expect(s.ended_at).toBe('2025-10-07T19:02:43.312Z')
    expect(s.cwd).toBeNull()
    expect(s.models).toEqual(['gpt-5'])
    // Bubbles 0 and 32 of the real conversation are the person's.
    expect(s.prompts).toBe(2)
    // codebase_search, read_file, apply_patch, read_lints: the four bubbles kept with toolFormerData.
    expect(s.tool_calls).toBe(4)
    expect(r.db.prepare('SELECT path, change FROM files_touched WHERE session_id = ?').all(COMPOSER)).toEqual([
      { path: '/Users/svarlamov/projects/git-ai/src/commands/checkpoint_agent/agent_preset.rs', change: 'update' }
    ])
    // Two bubbles carry a non-zero tokenCount; what they count is not documented, so none is reported.
    expect(s.tokens_source).toBe('none')
  })

  it('takes the folder a composer names as its cwd, skips a cleared bubble and leaves out a draft with no bubbles', () => {
    const s = byId(r.sessions, WS)
    expect(s.cwd).toBe('/home/dev/shop-api')
    expect(s.prompts).toBe(1)
    expect(s.models).toEqual([])
  })
})

describe('cursor shared samples', () => {
  const db = join(samples, 'cursor', 'cursor_test.vscdb')
  const run = haveSamples && existsSync(db) ? it : it.skip
  run('reads the whole real state.vscdb: 2 prompts, 19 tool calls', async () => {
    const r = await ingestFresh([db])
    try {
      expect(r.result.errors).toEqual([])
      const s = byId(r.sessions, COMPOSER)
      expect(s.prompts).toBe(2)
      // The bubbles with toolFormerData, counted with sqlite3 in the sample.
      expect(s.tool_calls).toBe(19)
      expect(s.tokens_source).toBe('none')
    } finally {
      r.close()
    }
  })

  it('is registered once per format: the transcript, the editor store, the agent CLI store', () => {
    expect(sources.filter((x) => x.agent === 'cursor').map((x) => x.id)).toEqual(['cursor-agent-transcript', 'cursor-agent-store', 'cursor-state-vscdb'])
  })
})

describe('cursor discovery', () => {
  let base: string
  let repo: string
  let home: string
  beforeAll(() => {
    base = tmpDir('cursor-discover-')
    repo = join(base, 'work', 'shop_api')
    home = join(base, 'home')
    mkdirSync(repo, { recursive: true })
    execFileSync('git', ['init', '-q', repo])
    const projects = join(home, '.cursor', 'projects')
    // The repository's own project folder, and a sibling whose name starts with it.
    cpSync(TRANSCRIPTS, join(projects, cursorProjectDir(repo), 'agent-transcripts'), { recursive: true })
    mkdirSync(join(projects, `${cursorProjectDir(repo)}-web`, 'agent-transcripts', 'x'), { recursive: true })
    writeFileSync(join(projects, `${cursorProjectDir(repo)}-web`, 'agent-transcripts', 'x', 'x.jsonl'), readFileSync(REAL))
    const rows = editorRows()
    rows.cursorDiskKV.push(
      {
        key: `composerData:${MAIN}-ws`,
        value: {
          name: 'here',
          createdAt: 1764000000000,
          workspaceIdentifier: { uri: { fsPath: repo } },
          fullConversationHeadersOnly: [{ bubbleId: 'b', type: 1 }]
        }
      },
      { key: `bubbleId:${MAIN}-ws:b`, value: { type: 1, text: 'Rename the cache module' } }
    )
    const globalStorage = join(home, '.config', 'Cursor', 'User', 'globalStorage')
    mkdirSync(globalStorage, { recursive: true })
    buildStateDb(join(globalStorage, 'state.vscdb'), rows)
  })
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  it('names a project folder as Cursor does: runs of other characters become one dash, none at the ends', () => {
    expect(cursorProjectDir('/Users/aidancunniffe/Desktop/testing-gitflows-git-ai')).toBe('Users-aidancunniffe-Desktop-testing-gitflows-git-ai')
    expect(cursorProjectDir('/home/dev/.nosync/shop_api/')).toBe('home-dev-nosync-shop-api')
  })

  it('lists the repository’s transcript folder as its own, never a sibling’s, and the editor store whole', () => {
    const env: DiscoverEnv = { env: {}, platform: 'linux', home }
    const locs = defaultLocations(repoIdentity(repo), env).filter((l) => l.agent === 'cursor')
    expect(locs.map((l) => [l.path.replace(home, '~'), l.inRepo])).toEqual([
      [`~/.cursor/projects/${cursorProjectDir(repo)}/agent-transcripts`, true],
      ['~/.config/Cursor/User/globalStorage/state.vscdb', false]
    ])
    const moved = defaultLocations(repoIdentity(repo), { env: { CURSOR_CONFIG_DIR: join(home, 'elsewhere') }, platform: 'linux', home })
    expect(moved.filter((l) => l.agent === 'cursor').map((l) => l.path.replace(home, '~'))).toEqual(['~/.config/Cursor/User/globalStorage/state.vscdb'])
  })

  it('keeps the repository’s transcripts and the editor conversation that names it, and drops the rest', async () => {
    const d = tmpDir()
    try {
      const db = openStore(join(d, 'db.sqlite'))
      const r = await ingestForRepo(db, repo, null, { env: { env: {}, platform: 'linux', home } })
      expect(r.errors).toEqual([])
      expect(
        listSessions(db)
          .map((s) => s.id)
          .sort()
      ).toEqual([SUB, MAIN, `${MAIN}-ws`].sort())
      db.close()
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
