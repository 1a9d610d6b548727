import { afterEach, describe, expect, it } from '@jest/globals'
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { byId, fixtures, haveSamples, ingestFresh, samples, tmpDir, type Ingested } from '../helpers.js'
import { openStore } from '../../src/store/db.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { listSessions } from '../../src/store/queries.js'
import { registerSource } from '../../src/sources/registry.js'
import { geminiJournal, geminiPromptLog, geminiSession } from '../../src/sources/gemini-cli/index.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { sniffInput } from './sniff-input.js'

registerSource(geminiSession)
registerSource(geminiJournal)
registerSource(geminiPromptLog)

const dir = join(fixtures, 'gemini-cli')
const LEGACY = join(dir, 'session-2025-11-02T09-14-a1b2c3d4.json')
const JOURNAL = join(dir, 'session-2026-05-10T08-00-e5f6a7b8.jsonl')
const LOGS = join(dir, 'prompt-log', 'logs.json')

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

describe('gemini-cli legacy whole-file JSON', () => {
  it('counts prompts, tool calls and tokens with cached input and thoughts', async () => {
    const { sessions, result } = await ingest([LEGACY])
    expect(result.errors).toEqual([])
    const s = byId(sessions, 'a1b2c3d4')
    expect(s.agent).toBe('gemini-cli')
    // 2 prompts (the @file expansion is part of the first), the info message is context.
    expect(s.prompts).toBe(2)
    // run_shell_command, replace, write_file
    expect(s.tool_calls).toBe(3)
    // input 12000+12400+(13000+30 tool)+13300 = 50730; cached 8000+11900+12000+13000 = 44900
    // output (40+210)+(85+150)+120+(12+5) = 622 of which thoughts 210+150+0+5 = 365
    // total 50730+622 = 51352 = sum of Gemini's own totals (12250+12635+13150+13317)
    expect(s.tokens).toEqual({ input: 50730, cached_input: 44900, cache_write: 0, output: 622, reasoning_output: 365, total: 51352 })
    expect(s.models).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash'])
    expect(s.started_at).toBe('2025-11-02T09:14:05.000Z')
  })

  it('stores the shell command and the files written', async () => {
    const { db } = await ingest([LEGACY])
    const cmds = db.prepare(`SELECT command FROM function_calls WHERE command IS NOT NULL`).all() as { command: string }[]
    expect(cmds.map((c) => c.command)).toEqual(['npm test'])
    const files = db.prepare(`SELECT path, change FROM files_touched ORDER BY path`).all()
    expect(files).toEqual([
      { path: '/home/dev/calc/src/math.test.ts', change: 'unknown' },
      { path: '/home/dev/calc/src/math.ts', change: 'update' }
    ])
  })
})

describe('gemini-cli JSONL journal', () => {
  it('upserts by id and drops what a $rewindTo removed', async () => {
    const { sessions, db, result } = await ingest([JOURNAL])
    expect(result.errors).toEqual([])
    const s = byId(sessions, 'e5f6a7b8')
    // u1 and u3; u0 is a <session_context> bootstrap, u-echo a tool result, u2 was rewound.
    expect(s.prompts).toBe(2)
    // read_file (g1, added by a re-write of g1), replace (g2), replace (g4); g3's replace was rewound.
    expect(s.tool_calls).toBe(3)
    // g1 20000/30+400 (written without tokens, then again with them: counted once), g2 21000/200+100 cached 18000,
    // g4 21500/90 cached 20500: input 62500, cached 38500, output 820, reasoning 500, total 63320.
    expect(s.tokens).toEqual({ input: 62500, cached_input: 38500, cache_write: 0, output: 820, reasoning_output: 500, total: 63320 })
    expect(s.models).toEqual(['gemini-3-pro-preview', 'gemini-2.5-flash'])
    const rewound = db.prepare(`SELECT total, counted, reason FROM token_messages WHERE reason = 'rewound'`).all()
    expect(rewound).toEqual([{ total: 22200, counted: 0, reason: 'rewound' }])
    const title = db.prepare(`SELECT title FROM sessions WHERE id = ?`).get(s.id) as { title: string }
    expect(title.title).toBe('Signup validation')
  })

  it('gives the same totals when the file grew between two ingests', async () => {
    const tmp = tmpDir()
    const path = join(tmp, 'session-2026-05-10T08-00-e5f6a7b8.jsonl')
    const lines = readFileSync(JOURNAL, 'utf8').split('\n').filter(Boolean)
    // Stop after g1's first write (text, no tokens yet): the tokens arrive in the second part.
    writeFileSync(path, lines.slice(0, 4).join('\n') + '\n')
    const db = openStore(join(tmp, 'db.sqlite'))
    try {
      await ingestPaths(db, [path])
      expect(byId(listSessions(db), 'e5f6a7b8').tokens.total).toBe(0)
      appendFileSync(path, lines.slice(4).join('\n') + '\n')
      await ingestPaths(db, [path])
      const s = byId(listSessions(db), 'e5f6a7b8')
      expect(s.prompts).toBe(2)
      expect(s.tool_calls).toBe(3)
      expect(s.tokens.total).toBe(63320)
    } finally {
      db.close()
    }
  })
})

describe('gemini-cli journal: what a rewind, a sub-agent and an unknown record leave', () => {
  it('leaves the rewound turns out of the stored session, marked by one rollback', async () => {
    const { db } = await ingest([JOURNAL])
    const prompts = db.prepare(`SELECT text FROM prompts ORDER BY ordinal`).all() as { text: string }[]
    expect(prompts.map((p) => p.text)).not.toContain('also log rejected attempts')
    const answers = db.prepare(`SELECT payload FROM events WHERE kind = 'assistant_message'`).all() as { payload: string }[]
    expect(answers.map((a) => (JSON.parse(a.payload) as { text: string }).text)).toEqual([
      'Let me look at the handler.',
      'Validation added.',
      'Done: 422 with field errors.'
    ])
    const calls = db.prepare(`SELECT call_id FROM function_calls ORDER BY call_id`).all() as { call_id: string }[]
    expect(calls.map((c) => c.call_id)).not.toContain('replace-1778400140000-bb03')
    const markers = db.prepare(`SELECT payload FROM events WHERE kind = 'marker'`).all() as { payload: string }[]
    expect(markers.map((m) => JSON.parse(m.payload) as object)).toEqual([{ kind: 'marker', marker: 'rollback', detail: 'rewound to u2: 2 message(s) dropped' }])
  })

  it('links a sub-agent session in chats/<parentId>/ to its parent, its task written by the agent', async () => {
    const tmp = tmpDir()
    const parent = 'e5f6a7b8-2222-4333-8444-555566667777'
    const sub = join(tmp, 'chats', parent)
    mkdirSync(sub, { recursive: true })
    const path = join(sub, 'f0e1d2c3-0000-4000-8000-000000000009.jsonl')
    const lines = [
      {
        sessionId: 'f0e1d2c3-0000-4000-8000-000000000009',
        projectHash: 'ab'.repeat(32),
        startTime: '2026-05-10T08:00:20.000Z',
        lastUpdated: '2026-05-10T08:00:20.000Z',
        kind: 'subagent',
        directories: ['/home/dev/api']
      },
      { id: 's1', timestamp: '2026-05-10T08:00:21.000Z', type: 'user', content: [{ text: 'Find every caller of signup()' }] },
      {
        id: 's2',
        timestamp: '2026-05-10T08:00:25.000Z',
        type: 'gemini',
        content: 'Two callers.',
        model: 'gemini-2.5-flash',
        tokens: { input: 900, output: 20, cached: 0, thoughts: 0, tool: 0, total: 920 }
      }
    ]
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
    const { sessions, db } = await ingest([path])
    const s = byId(sessions, 'f0e1d2c3')
    expect([s.parent_id, s.parent_relation, s.cwd]).toEqual([parent, 'subagent', '/home/dev/api'])
    // The task came from the parent agent: stored, not counted as a person's prompt.
    expect(s.prompts).toBe(0)
    expect(db.prepare(`SELECT by_agent FROM prompts`).all()).toEqual([{ by_agent: 1 }])
    expect(s.tokens.total).toBe(920)
  })

  it('says which journal lines it does not interpret, and is still recognized with one in its head', () => {
    const ctx = { path: '/x/chats/session-2026-05-10T08-00-e5f6a7b8.jsonl', fallbackSessionId: 'fallback' }
    const p = geminiJournal.createParser(ctx)
    const out: ParseRecord[] = []
    const lines = readFileSync(JOURNAL, 'utf8').split('\n').filter(Boolean)
    const fork = '{"id": "b1", "timestamp": "2026-05-10T08:00:12.000Z", "type": "bob-shell", "content": "thinking"}'
    const added = [...lines.slice(0, 3), '{"$patch": {"id": "u1"}}', '{"checkpoint": 3}', fork, ...lines.slice(3)]
    added.forEach((l, i) => p.push(l, i + 1, out))
    p.end(out)
    expect(out.filter((r) => r.type === 'unknown')).toEqual([
      { type: 'unknown', line: 4, what: 'journal op "$patch"' },
      { type: 'unknown', line: 5, what: 'journal record with keys checkpoint' },
      { type: 'unknown', line: 6, what: 'message type "bob-shell"' }
    ])
    // The fork's message is still kept, as `other`.
    expect(out.some((r) => r.type === 'event' && r.event.payload.kind === 'other')).toBe(true)
    const tmp = tmpDir()
    const file = join(tmp, 'session-2026-05-10T08-00-e5f6a7b8.jsonl')
    writeFileSync(file, [...lines.slice(0, 3), '{"$patch": {"id": "u1"}}', fork, ...lines.slice(3)].join('\n') + '\n')
    expect(geminiJournal.sniff(sniffInput(file))).toBe(true)
  })
})

describe('gemini-cli whole-file JSON: a message type it does not know', () => {
  it('is kept as other and reported as unknown', () => {
    const doc = JSON.parse(readFileSync(LEGACY, 'utf8')) as { messages: object[] }
    doc.messages.splice(1, 0, { id: 'b1', timestamp: '2025-11-02T09:14:06.000Z', type: 'bob-shell', content: 'partial thought' })
    const out: ParseRecord[] = []
    geminiSession.parseDocument(JSON.stringify(doc), { path: '/x/chats/session-2025-11-02T09-14-a1b2c3d4.json', fallbackSessionId: 'f' }, out)
    expect(out.filter((r) => r.type === 'unknown')).toEqual([{ type: 'unknown', line: 2, what: 'message type "bob-shell"' }])
    expect(out.filter((r) => r.type === 'event' && r.event.line === 2).map((r) => r.type === 'event' && r.event.payload)).toEqual([
      { kind: 'other', type: 'gemini-message:bob-shell' }
    ])
  })
})

describe('gemini-cli logs.json', () => {
  it('counts typed prompts once, skipping slash commands', async () => {
    const { sessions } = await ingest([LOGS])
    // Session c9d8…: "explain the retry logic" twice is two prompts; /stats is a command.
    expect(byId(sessions, 'c9d8e7f6').prompts).toBe(2)
    // e5f6…: three typed prompts, /rewind is a command.
    expect(byId(sessions, 'e5f6a7b8').prompts).toBe(3)
  })

  it('does not count a prompt twice when the chat recording is ingested too', async () => {
    // The chats sort before logs.json in a project folder, so the recording is stored first.
    const { sessions } = await ingest([JOURNAL, LOGS])
    // u1 and u3 are matched; "also log rejected attempts" was typed but rewound out of the recording,
    // so only logs.json has it and it counts (a person did send it). See the report for this choice.
    expect(byId(sessions, 'e5f6a7b8').prompts).toBe(3)
    expect(byId(sessions, 'e5f6a7b8').tokens.total).toBe(63320)
  })
})

describe('gemini-cli sniffers', () => {
  it('recognize their own formats only', () => {
    expect(geminiSession.sniff(sniffInput(LEGACY))).toBe(true)
    expect(geminiJournal.sniff(sniffInput(LEGACY))).toBe(false)
    expect(geminiJournal.sniff(sniffInput(JOURNAL))).toBe(true)
    expect(geminiSession.sniff(sniffInput(JOURNAL))).toBe(false)
    expect(geminiPromptLog.sniff(sniffInput(LOGS))).toBe(true)
    expect(geminiSession.sniff(sniffInput(LOGS))).toBe(false)
  })

  it('reject other agents’ files', () => {
    const others = [
      join(fixtures, 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl'),
      join(fixtures, 'codex', 'exec-legacy-2025-09.jsonl'),
      join(fixtures, 'codex', 'codex-cli-output.txt'),
      join(fixtures, 'copilot-chat', 'chat-snapshot-v3.json'),
      join(fixtures, 'copilot-chat', 'chat-oplog.jsonl'),
      join(fixtures, 'copilot-chat', 'transcript-0.47.jsonl'),
      join(fixtures, 'aider', '.aider.chat.history.md')
    ]
    for (const p of others) {
      const h = sniffInput(p)
      expect([p, geminiSession.sniff(h), geminiJournal.sniff(h), geminiPromptLog.sniff(h)]).toEqual([p, false, false, false])
    }
  })
})

describe('gemini-cli real sample', () => {
  const maybe = haveSamples ? it : it.skip
  maybe('gemini-session-simple.json: 1 prompt, 6 tool calls, exact tokens', async () => {
    const { sessions, result } = await ingest([join(samples, 'gemini-cli', 'gemini-session-simple.json')])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '18f475c0-690f-4bc9-b84e-88a0a1e9518f')
    expect(s.prompts).toBe(1)
    // replace (error), read_file, replace, read_file, write_todos
    expect(s.tool_calls).toBe(5)
    // input 16685+6437+6609+6809+6972+7421 = 50933; cached 4483+5901+5863+5835+5832+6542 = 34456
    // output 428 + thoughts 389 = 817; total 51750 = sum of the file's own totals
    expect(s.tokens).toEqual({ input: 50933, cached_input: 34456, cache_write: 0, output: 817, reasoning_output: 389, total: 51750 })
    expect(s.models).toEqual(['gemini-2.5-flash'])
  })
})
