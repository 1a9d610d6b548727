import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import type { EventPayload } from '../../src/model/events.js'
import { codexRollout } from '../../src/sources/codex/index.js'
import { accountCodexUsage, type UsageState } from '../../src/sources/codex/usage.js'
import { recognize } from '../../src/sources/registry.js'
import type { ParseRecord, SniffInput } from '../../src/sources/types.js'
import { tryParseJson } from '../../src/sources/util/json.js'
import { byId, fixtures, ingestFresh } from '../helpers.js'
import { logLines, parseFixture } from './records.js'

const REAL_0148 = 'fixtures/codex-0147/rollout-2026-08-19T09-48-58-01a017b5-1414-7250-bf14-dc4987eee1c9.jsonl'
const HAND_0149 = 'fixtures/codex-0147/rollout-2026-09-02T10-00-00-01a06000-0149-7000-8000-00000000c0de.jsonl'

function parseLines(lines: object[]): ParseRecord[] {
  const parser = codexRollout.createParser({ path: 'x.jsonl', fallbackSessionId: 'fallback' })
  const out: ParseRecord[] = []
  lines.forEach((l, i) => parser.push(JSON.stringify(l), i + 1, out))
  parser.end(out)
  return out
}

const payloads = (records: ParseRecord[]): EventPayload[] => records.flatMap((r) => (r.type === 'event' ? [r.event.payload] : []))
const meta = (version: string) => ({ timestamp: '2026-09-01T00:00:00.000Z', type: 'session_meta', payload: { id: 'thread-1', cli_version: version } })
const env = (type: string, payload: object) => ({ timestamp: '2026-09-01T00:00:01.000Z', type, payload })
const userItem = (text: string) => env('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text }] })
const userEvent = (text: string) => env('event_msg', { type: 'item_completed', item: { type: 'UserMessage', id: 'u', content: [{ type: 'text', text }] } })

describe('Codex 0.147 and later (real 0.148.0 rollout)', () => {
  // Counted by hand from the file's 12 lines: one person's prompt, "hello", written as a history
  // item (line 7) and as an item_completed UserMessage (line 8); line 4 is injected
  // <environment_context>, line 3 a developer message. No function or tool call line. One
  // token_count (line 11): total_token_usage input 1, cached 0, cache write 0, output 1,
  // reasoning 0, total 2.
  it('counts its one prompt once, no tool call, and its tokens', async () => {
    const r = await ingestFresh([join(fixtures, '..', REAL_0148)])
    try {
      const s = byId(r.sessions, '01a017b5-1414-7250-bf14-dc4987eee1c9')
      expect(s.agent_version).toBe('0.148.0')
      expect(s.prompts).toBe(1)
      expect(s.tool_calls).toBe(0)
      expect(s.tokens).toEqual({ input: 1, cached_input: 0, cache_write: 0, output: 1, reasoning_output: 0, total: 2 })
      expect(s.models).toEqual(['mock-model'])
      expect(r.db.prepare('SELECT text FROM prompts').all()).toEqual([{ text: 'hello' }])
      const replies = r.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind = 'assistant_message'`).get() as { n: number }
      expect(replies.n).toBe(1)
      expect(r.result.errors).toEqual([])
    } finally {
      r.close()
    }
  })

  it('reads every record type of the file (world_state included) without an unknown', async () => {
    const parsed = await parseFixture(REAL_0148, codexRollout)
    expect(parsed.records.filter((x) => x.type === 'unknown' || x.type === 'skip')).toEqual([])
  })
})

describe('Codex 0.149 (hand-made from the protocol definitions)', () => {
  // Counted by hand from the file's 39 lines:
  // - prompts: line 7 (history item) and line 8 (UserMessage) are one prompt; line 27 is a
  //   message from the sub-agent (by an agent, not counted), line 28 its copy.
  // - tool calls: exec_command call_a (11; CommandExecution 12 is its copy), apply_patch call_b
  //   (16; patch_apply_end 17 and FileChange 18 copies), mcp__docs__search call_c (20;
  //   mcp_tool_call_end 21 copy), spawn_agent call_d (24), image_generation ig_1 (30) = 5.
  // - tokens: line 14 adds its whole total (5,000 in, 3,000 cached, 500 cache writes, 200 out,
  //   50 reasoning, 5,200); line 15 repeats it; line 23 names only a total, 5,900: +700 with no
  //   split; line 34 is cumulative 7,000/4,000/800/400/90/7,400, i.e. +2,000/1,000/300/200/40
  //   and +1,500 total. Sums: 7,000 / 4,000 / 800 / 400 / 90 / 7,400.
  it('counts prompts, tool calls and tokens once each', async () => {
    const r = await ingestFresh([join(fixtures, '..', HAND_0149)])
    try {
      const s = byId(r.sessions, '01a06000-0149-7000-8000-00000000c0de')
      expect(s.agent_version).toBe('0.149.1')
      expect(s.prompts).toBe(1)
      expect(s.tool_calls).toBe(5)
      expect(s.tokens).toEqual({ input: 7000, cached_input: 4000, cache_write: 800, output: 400, reasoning_output: 90, total: 7400 })
      expect(s.branch).toBe('fix/parser')
      const calls = r.db.prepare('SELECT call_id, name, command FROM function_calls ORDER BY event_id').all()
      expect(calls).toEqual([
        { call_id: 'call_a', name: 'exec_command', command: 'npm test' },
        { call_id: 'call_b', name: 'apply_patch', command: null },
        { call_id: 'call_c', name: 'mcp__docs__search', command: null },
        { call_id: 'call_d', name: 'spawn_agent', command: null },
        { call_id: 'ig_1', name: 'image_generation', command: null }
      ])
      // One result a call; the command's exit code and duration come from its CommandExecution item.
      const results = r.db.prepare('SELECT call_id, exit_code, duration_ms, status FROM function_results ORDER BY event_id').all()
      expect(results).toEqual([
        { call_id: 'call_a', exit_code: 1, duration_ms: 2500, status: 'failed' },
        { call_id: 'call_b', exit_code: null, duration_ms: null, status: 'completed' },
        { call_id: 'call_c', exit_code: null, duration_ms: 300, status: 'completed' },
        { call_id: 'call_d', exit_code: null, duration_ms: null, status: null },
        { call_id: 'ig_1', exit_code: null, duration_ms: null, status: 'completed' }
      ])
      expect(r.db.prepare('SELECT path, change FROM files_touched').all()).toEqual([{ path: 'src/parser.ts', change: 'update' }])
      const byAgent = r.db.prepare('SELECT COUNT(*) AS n FROM prompts WHERE by_agent = 1').get() as { n: number }
      expect(byAgent.n).toBe(1)
      // The image itself (base64 `result`) is never copied into an event.
      const image = r.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE seq > 0 AND payload LIKE '%iVBORw0KGgo%'`).get() as { n: number }
      expect(image.n).toBe(0)
      expect(r.result.errors).toEqual([])
    } finally {
      r.close()
    }
  })

  it('says which records it does not interpret, and keeps them as raw events', async () => {
    const parsed = await parseFixture(HAND_0149, codexRollout)
    expect(parsed.records.filter((x) => x.type === 'unknown')).toEqual([
      { type: 'unknown', line: 37, what: 'event_msg item_completed item "Extension"' },
      { type: 'unknown', line: 38, what: 'line type "security_risk_score"' }
    ])
    expect(parsed.records.filter((x) => x.type === 'skip')).toEqual([])
    const lines = new Set(parsed.records.flatMap((x) => (x.type === 'event' ? [x.event.line] : [])))
    expect(lines).toEqual(new Set(Array.from({ length: 39 }, (_, i) => i + 1)))
  })
})

describe('a state an earlier version stored', () => {
  it('(without the 0.147 fields) resumes a 0.148 file and still counts its prompt once', async () => {
    const lines = (await logLines(REAL_0148)).map((l) => JSON.parse(l.text) as object)
    const ctx = { path: REAL_0148, fallbackSessionId: 'fallback' }
    const first = codexRollout.createParser(ctx)
    first.push(JSON.stringify(lines[0]), 1, [])
    const { items: _items, copies: _copies, ...older } = first.state() as Record<string, unknown>
    const rest = codexRollout.createParser(ctx, JSON.parse(JSON.stringify(older)))
    const out: ParseRecord[] = []
    lines.slice(1).forEach((l, i) => rest.push(JSON.stringify(l), i + 2, out))
    expect(payloads(out).filter((p) => p.kind === 'user_prompt')).toEqual([{ kind: 'user_prompt', text: 'hello', by_agent: false, images: 0 }])
    expect(payloads(out).filter((p) => p.kind === 'assistant_message')).toHaveLength(1)
  })
})

describe('a prompt written twice', () => {
  it.each([
    ['history item first', [userItem('Add a test'), userEvent('Add a test')]],
    ['event first', [userEvent('Add a test'), userItem('Add a test')]],
    ['as user_message too', [userItem('Add a test'), env('event_msg', { type: 'user_message', message: 'Add a test\n' }), userEvent('Add a test')]]
  ])('counts once (%s)', (_name, lines) => {
    const prompts = payloads(parseLines([meta('0.148.0'), ...lines])).filter((p) => p.kind === 'user_prompt')
    expect(prompts).toEqual([{ kind: 'user_prompt', text: 'Add a test', by_agent: false, images: 0 }])
  })

  it('counts the same words sent again in a later message', () => {
    const prompts = payloads(parseLines([meta('0.148.0'), userItem('go on'), userEvent('go on'), userItem('go on'), userEvent('go on')]))
    expect(prompts.filter((p) => p.kind === 'user_prompt')).toHaveLength(2)
  })

  it('takes a prompt that is only a history item (no event copy)', () => {
    const prompts = payloads(parseLines([meta('0.153.4'), userItem('<environment_context>x</environment_context>'), userItem('Explain main.rs')]))
    expect(prompts.filter((p) => p.kind === 'user_prompt').map((p) => (p as { text: string }).text)).toEqual(['Explain main.rs'])
  })

  it('before 0.147, leaves history items as context, as the events carry the prompts', () => {
    const prompts = payloads(parseLines([meta('0.146.0'), userItem('Add a test'), env('event_msg', { type: 'user_message', message: 'Add a test' })]))
    expect(prompts.map((p) => p.kind)).toEqual(['session_meta', 'context_message', 'user_prompt'])
  })
})

describe('token rows that name only a total', () => {
  const full = (input: number, output: number) => ({
    input_tokens: input,
    cached_input_tokens: 0,
    output_tokens: output,
    reasoning_output_tokens: 0,
    total_tokens: input + output
  })

  it('add what their total moved, with no invented split, and the next full row makes up the rest', () => {
    const st: UsageState = { prevTotal: null, prevLast: null }
    const rows = [
      { total_token_usage: full(100, 10), last_token_usage: full(100, 10) },
      { total_token_usage: { total_tokens: 160 }, last_token_usage: { total_tokens: 50 } },
      { total_token_usage: full(240, 30), last_token_usage: full(70, 10) }
    ].map((info) => accountCodexUsage(st, info, null, false)!)
    expect(rows.map((r) => r.delta.total)).toEqual([110, 50, 110])
    expect(rows[1].delta).toEqual({ input: 0, cached_input: 0, cache_write: 0, output: 0, reasoning_output: 0, total: 50 })
    expect(rows.every((r) => r.counted)).toBe(true)
    expect(rows.reduce((a, r) => a + r.delta.input, 0)).toBe(240)
    expect(rows.reduce((a, r) => a + r.delta.total, 0)).toBe(270)
  })

  it('are not taken for "context full" rows, which write the other fields as 0', () => {
    const st: UsageState = { prevTotal: null, prevLast: null }
    accountCodexUsage(st, { total_token_usage: full(100, 10), last_token_usage: full(100, 10) }, null, false)
    const zeros = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 258400 }
    const full400 = accountCodexUsage(st, { total_token_usage: zeros, last_token_usage: zeros }, null, false)!
    expect(full400.reason).toBe('context-full')
    const repeat = accountCodexUsage(st, { total_token_usage: { total_tokens: 110 }, last_token_usage: { total_tokens: 110 } }, null, false)!
    expect(repeat.reason).toBe('duplicate')
  })
})

describe('a file is taken for Codex only on its own markers', () => {
  const head = (lines: object[]): SniffInput => {
    const text = lines.map((l) => JSON.stringify(l)).join('\n')
    return { path: 'x.jsonl', lines: text.split('\n'), parsed: text.split('\n').map((l) => tryParseJson(l)), text }
  }

  it.each([
    [
      'a Pi session (type "message" lines)',
      [
        { type: 'session', id: 's', timestamp: 't', cwd: '/w' },
        { type: 'message', id: 'm', message: { role: 'user', content: [] } }
      ]
    ],
    [
      'a game log with world_state payloads',
      [
        { type: 'world_state', payload: { map: 'HighCity' } },
        { type: 'inter_agent_communication', payload: {} }
      ]
    ],
    ['bare error lines', [{ type: 'error', message: 'boom' }]],
    ['a state record of something else', [{ record_type: 'checkpoint', id: 1 }]]
  ])('not %s', (_name, lines) => {
    expect(recognize(head(lines))?.agent).not.toBe('codex')
  })

  it.each([
    ['an envelope session_meta', [meta('0.149.1')]],
    ['a legacy bare message item', [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }]],
    ['a legacy state marker', [{ record_type: 'state' }]]
  ])('but %s is', (_name, lines) => {
    expect(recognize(head(lines))?.id).toBe('codex-rollout')
  })
})
