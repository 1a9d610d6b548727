import { afterEach, describe, expect, it } from '@jest/globals'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { byId, fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { openStore } from '../../src/store/db.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { listSessions } from '../../src/store/queries.js'
import { qwenCode } from '../../src/sources/qwen-code/index.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { qwenTokens } from '../../src/sources/qwen-code/usage.js'
import { sniffInput } from './sniff-input.js'

const dir = join(fixtures, 'qwen-code')
const CURRENT = join(dir, '5b2f7c1e-3a9d-4e8b-b1c0-7d6e5f4a3b21.jsonl')
const EARLY = join(dir, 'e41c09d2-6b7a-4f35-9a80-2c1d3e4f5a6b.jsonl')

let open: Ingested[] = []
afterEach(() => {
  for (const i of open) i.close()
  open = []
})
async function ingest(paths: string[]): Promise<Ingested> {
  const i = await ingestFresh(paths)
  open.push(i)
  return i
}

function parse(lines: object[]): ParseRecord[] {
  const p = qwenCode.createParser({ path: '/x/chats/s.jsonl', fallbackSessionId: 'fallback' })
  const out: ParseRecord[] = []
  lines.forEach((l, i) => p.push(JSON.stringify(l), i + 1, out))
  p.end(out)
  return out
}

describe('qwen-code chat recording (current schema)', () => {
  it('counts prompts, tool calls and tokens as Gemini does, without counting thoughts twice', async () => {
    const { sessions, result } = await ingest([CURRENT])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '5b2f7c1e')
    expect(s.agent).toBe('qwen-code')
    // Two typed prompts; the background-shell notification is context.
    expect(s.prompts).toBe(2)
    // read_file, write_file, run_shell_command, edit, run_shell_command
    expect(s.tool_calls).toBe(5)
    // Five assistant records (counted by hand from usageMetadata):
    // input 16928+17500+18200+9000+9100 = 70728; cached 0+16000+17400+0+8900 = 42300.
    // Output: candidates 140, 300, 220 already hold their thoughts (prompt + candidates = total);
    // the fourth writes them apart (9000+50+10 = 9060), so 50+10; the fifth 12: 140+300+220+60+12 = 732.
    // Reasoning 21+40+0+10 = 71; total 70728+732 = 71460 = the sum of the records' totalTokenCount.
    expect(s.tokens).toEqual({ input: 70728, cached_input: 42300, cache_write: 0, output: 732, reasoning_output: 71, total: 71460 })
    expect(s.models).toEqual(['qwen3.5-plus', 'qwen3-coder-plus'])
    expect(s.cwd).toBe('/home/dev/shop')
    expect(s.branch).toBe('feature/cart')
    expect(s.agent_version).toBe('0.15.0')
    expect(s.started_at).toBe('2026-09-14T08:01:02.120Z')
    expect(s.ended_at).toBe('2026-09-14T08:05:00.000Z')
  })

  it('stores the shell commands, the files written and the title', async () => {
    const { db, sessions } = await ingest([CURRENT])
    const cmds = db.prepare(`SELECT command FROM function_calls WHERE command IS NOT NULL ORDER BY command`).all() as { command: string }[]
    expect(cmds.map((c) => c.command)).toEqual(['npm test', 'npm test -- cart'])
    const files = db.prepare(`SELECT path, change FROM files_touched ORDER BY path`).all()
    // read_file reads; the failed shell call changes nothing the log names.
    expect(files).toEqual([
      { path: '/home/dev/shop/src/cart.test.ts', change: 'unknown' },
      { path: '/home/dev/shop/src/cart.ts', change: 'update' }
    ])
    const title = db.prepare(`SELECT title FROM sessions WHERE id = ?`).get(byId(sessions, '5b2f7c1e').id) as { title: string }
    expect(title.title).toBe('Cart total test and discount fix')
  })

  it('gives the same totals when the file grew between two ingests', async () => {
    const tmp = tmpDir()
    const path = join(tmp, '5b2f7c1e-3a9d-4e8b-b1c0-7d6e5f4a3b21.jsonl')
    const lines = readFileSync(CURRENT, 'utf8').split('\n').filter(Boolean)
    writeFileSync(path, lines.slice(0, 5).join('\n') + '\n')
    const db = openStore(join(tmp, 'db.sqlite'))
    try {
      await ingestPaths(db, [path])
      appendFileSync(path, lines.slice(5).join('\n') + '\n')
      await ingestPaths(db, [path])
      const s = byId(listSessions(db), '5b2f7c1e')
      expect([s.prompts, s.tool_calls, s.tokens.total]).toEqual([2, 5, 71460])
      expect(s.models).toEqual(['qwen3.5-plus', 'qwen3-coder-plus'])
    } finally {
      db.close()
    }
  })
})

describe('qwen-code chat recording (early schema)', () => {
  it('reads usage under Gemini CLI’s short names', async () => {
    const { sessions, result } = await ingest([EARLY])
    expect(result.errors).toEqual([])
    const s = byId(sessions, 'e41c09d2')
    expect([s.prompts, s.tool_calls]).toEqual([1, 1])
    // input 5200+5400, cached 0+5100, output 80+45, totals 5280+5445
    expect(s.tokens).toEqual({ input: 10600, cached_input: 5100, cache_write: 0, output: 125, reasoning_output: 0, total: 10725 })
    expect(s.branch).toBeNull()
  })
})

describe('qwen-code records', () => {
  const env = { uuid: 'u1', parentUuid: null, sessionId: 's1', timestamp: '2026-09-01T10:00:00Z', cwd: '/w', version: '0.20.0' }

  it('says which records it does not interpret, and reads the rest', () => {
    const out = parse([
      { ...env, type: 'user', message: { role: 'user', parts: [{ text: 'hi' }] } },
      { ...env, uuid: 'u2', type: 'system', subtype: 'some_future_record', systemPayload: {} },
      { ...env, uuid: 'u3', type: 'checkpoint' },
      { ...env, uuid: 'u4', type: 'system', subtype: 'ui_telemetry', systemPayload: { uiEvent: {} } }
    ])
    expect(out.filter((r) => r.type === 'unknown')).toEqual([
      { type: 'unknown', line: 2, what: 'record type "system" subtype "some_future_record"' },
      { type: 'unknown', line: 3, what: 'record type "checkpoint"' }
    ])
    expect(out.filter((r) => r.type === 'event').map((r) => (r.type === 'event' ? r.event.payload.kind : ''))).toEqual(['user_prompt'])
  })

  it('takes a sub-agent’s user turns for the parent agent’s task, and links a spawned session to its parent', () => {
    const out = parse([
      { ...env, type: 'system', subtype: 'parent_session', systemPayload: { parentSessionId: 'p0' } },
      { ...env, uuid: 'u2', type: 'user', isSidechain: true, agentId: 'explore-7f3c', message: { role: 'user', parts: [{ text: 'find the config loader' }] } }
    ])
    const prompt = out.find((r) => r.type === 'event' && r.event.payload.kind === 'user_prompt')
    expect(prompt?.type === 'event' && prompt.event.payload).toMatchObject({ by_agent: true })
    expect(out).toContainEqual({ type: 'session', patch: { id: 's1', agent: 'qwen-code', parent_id: 'p0', parent_relation: 'subagent' } })
  })

  it('keeps a rewind as a rollback marker', () => {
    const out = parse([{ ...env, type: 'system', subtype: 'rewind', systemPayload: { truncatedCount: 3 } }])
    const marker = out.find((r) => r.type === 'event')
    expect(marker?.type === 'event' && marker.event.payload).toEqual({ kind: 'marker', marker: 'rollback', detail: 'rewind: 3 history item(s) truncated' })
  })
})

describe('qwenTokens', () => {
  it('adds thoughts to output only when the total says they are apart', () => {
    // Through an OpenAI-compatible API the completion count holds the reasoning.
    expect(qwenTokens({ promptTokenCount: 100, candidatesTokenCount: 30, thoughtsTokenCount: 10, totalTokenCount: 130 })).toMatchObject({
      output: 30,
      reasoning_output: 10,
      total: 130
    })
    // Gemini's own API reports them apart.
    expect(qwenTokens({ promptTokenCount: 100, candidatesTokenCount: 30, thoughtsTokenCount: 10, totalTokenCount: 140 })).toMatchObject({
      output: 40,
      reasoning_output: 10,
      total: 140
    })
    expect(qwenTokens(undefined)).toBeNull()
  })
})

describe('qwen-code sniffer', () => {
  it('recognizes both schemas', () => {
    expect(qwenCode.sniff(sniffInput(CURRENT))).toBe(true)
    expect(qwenCode.sniff(sniffInput(EARLY))).toBe(true)
  })
})
