import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { byId, fixtures, haveSamples, ingestFresh, samples } from '../helpers.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'

const codexFixtures = join(fixtures, 'codex')
const maybe = haveSamples ? it : it.skip

describe('Codex rollout (envelope format)', () => {
  it('counts prompts, tool calls and tokens of a complete session exactly', async () => {
    const r = await ingestFresh([join(codexFixtures, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')])
    try {
      const s = byId(r.sessions, '0199a1b2-0000-7000-8000-00000000c0de')
      expect(s.agent).toBe('codex')
      expect(s.agent_version).toBe('0.61.0')
      expect(s.models).toEqual(['gpt-5.1-codex', 'gpt-5.1-codex-max'])
      expect(s.cwd).toBe('/home/dev/projects/demo')
      expect(s.repository).toBe('git@github.com:example/demo.git')
      expect(s.branch).toBe('feature/stream-parser')
      expect(s.commit).toBe('3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d')
      // Injected <environment_context> and the response_item copies are not prompts.
      expect(s.prompts).toBe(2)
      // shell_command, update_plan, apply_patch (custom), local_shell, web_search.
      expect(s.tool_calls).toBe(5)
      // The final cumulative total; duplicates and the synthetic context-full row add nothing.
      expect(s.tokens).toEqual({ input: 5000, cached_input: 3000, cache_write: 0, output: 300, reasoning_output: 70, total: 5300 })
      expect(s.started_at).toBe('2026-03-03T10:00:00.000Z')
      expect(s.ended_at).toBe('2026-03-03T10:05:07.100Z')
      expect(r.result.errors).toEqual([])
    } finally {
      r.close()
    }
  })

  it('stores every event kind with its raw line', async () => {
    const r = await ingestFresh([join(codexFixtures, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')])
    try {
      const kinds = (r.db.prepare('SELECT kind, COUNT(*) AS n FROM events GROUP BY kind ORDER BY kind').all() as { kind: string; n: number }[]).map(
        (k) => k.kind
      )
      expect(kinds).toEqual(
        expect.arrayContaining([
          'session_meta',
          'user_prompt',
          'context_message',
          'assistant_message',
          'reasoning',
          'tool_call',
          'tool_result',
          'plan_update',
          'token_usage',
          'rate_limit',
          'turn_context',
          'compaction',
          'marker',
          'file_change'
        ])
      )
      const markers = (
        r.db.prepare(`SELECT json_extract(payload, '$.marker') AS m FROM events WHERE kind = 'marker' ORDER BY line`).all() as { m: string }[]
      ).map((x) => x.m)
      expect(markers).toEqual(['abort', 'context_compacted', 'review_enter', 'review_exit', 'undo', 'rollback'])
      const firsts = withRawLines(r.db, r.db.prepare(`SELECT raw_block, raw_item FROM events WHERE seq = 0`).all() as RawAddress[])
      expect(firsts.filter((x) => x.raw === null || x.raw === '')).toEqual([])
      const touched = r.db.prepare('SELECT path, change FROM files_touched ORDER BY path').all()
      expect(touched).toEqual([
        { path: 'src/parser.test.ts', change: 'add' },
        { path: 'src/parser.ts', change: 'update' }
      ])
      const results = r.db.prepare('SELECT call_id, exit_code, duration_ms FROM function_results ORDER BY event_id').all()
      expect(results).toEqual([
        { call_id: 'call_1', exit_code: 0, duration_ms: 200 },
        { call_id: 'call_2', exit_code: null, duration_ms: null },
        { call_id: 'call_3', exit_code: 0, duration_ms: 0 },
        { call_id: 'call_4', exit_code: 0, duration_ms: 1500 }
      ])
      const plan = r.db.prepare('SELECT explanation, steps FROM function_plan_messages').get() as { explanation: string; steps: string }
      expect(plan.explanation).toBe('Stream first')
      expect(JSON.parse(plan.steps)).toHaveLength(2)
      const reasoning = r.db.prepare('SELECT text, encrypted FROM agent_reasoning_messages ORDER BY event_id').all()
      // The summary is kept once (from event_msg); the encrypted item is counted, never decoded.
      expect(reasoning).toEqual([
        { text: '**Reading the parser**', encrypted: 0 },
        { text: '', encrypted: 1 }
      ])
      const tokenReasons = (r.db.prepare('SELECT reason FROM token_messages WHERE counted = 0 ORDER BY event_id').all() as { reason: string }[]).map(
        (x) => x.reason
      )
      expect(tokenReasons).toEqual(['duplicate', 'duplicate', 'context-full', 'duplicate'])
      const assistant = r.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind = 'assistant_message'`).get() as { n: number }
      expect(assistant.n).toBe(1)
    } finally {
      r.close()
    }
  })

  it('counts only what a fork adds, not the history it replays', async () => {
    const r = await ingestFresh([codexFixtures])
    try {
      const fork = byId(r.sessions, '0199a1b2-0000-7000-8000-00000000f0c5')
      expect(fork.parent_id).toBe('0199a1b2-0000-7000-8000-00000000c0de')
      expect(fork.parent_relation).toBe('fork')
      expect(fork.prompts).toBe(1)
      expect(fork.tokens).toEqual({ input: 2000, cached_input: 1000, cache_write: 0, output: 100, reasoning_output: 10, total: 2100 })
    } finally {
      r.close()
    }
  })
})

describe('Codex legacy and other forms', () => {
  it('reads a pre-envelope (record_type) rollout', async () => {
    const r = await ingestFresh([join(codexFixtures, 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')])
    try {
      const s = byId(r.sessions, '7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f')
      expect(s.agent_version).toBe('0.22.0')
      expect(s.prompts).toBe(1)
      expect(s.tool_calls).toBe(1)
      expect(s.tokens.total).toBe(0)
      expect(s.repository).toBe('https://github.com/example/demo.git')
      const prompt = r.db.prepare('SELECT text FROM prompts').get() as { text: string }
      expect(prompt.text).toBe('List the files')
    } finally {
      r.close()
    }
  })

  it('reads the 2025 `codex exec --json` {id,msg} stream', async () => {
    const r = await ingestFresh([join(codexFixtures, 'exec-legacy-2025-09.jsonl')])
    try {
      expect(r.sessions).toHaveLength(1)
      const s = r.sessions[0]
      expect(s.models).toEqual(['gpt-5'])
      expect(s.prompts).toBe(1)
      expect(s.tokens.total).toBe(940)
    } finally {
      r.close()
    }
  })

  it('reads a plain-text CLI capture as a status snapshot', async () => {
    const r = await ingestFresh([join(codexFixtures, 'codex-cli-output.txt')])
    try {
      const s = byId(r.sessions, '019e9a13-7747-7fc2-8edb-9703e1a46741')
      expect(s.agent_version).toBe('0.61.0')
      expect(s.tokens_source).toBe('status')
      // The exit line prints non-cached input; stored input includes the cached part.
      expect(s.tokens).toEqual({ input: 200737, cached_input: 125824, cache_write: 0, output: 2680, reasoning_output: 443, total: 203417 })
      const snap = r.db.prepare('SELECT form, blended_total FROM status_snapshots').get()
      expect(snap).toEqual({ form: 'exit-line', blended_total: 77593 })
    } finally {
      r.close()
    }
  })
})

describe('Codex real samples (../shared/samples/codex)', () => {
  maybe('the complete 0.58.0 session: 1 prompt, 39 tool calls, 1,121,566 tokens', async () => {
    const r = await ingestFresh([join(samples, 'codex', 'v1-envelope_cli-0.58.0_2025-11-17_full.jsonl')])
    try {
      const s = byId(r.sessions, '019a93b9-f380-7600-98ff-940e6b99603c')
      expect(s.prompts).toBe(1)
      expect(s.tool_calls).toBe(39)
      expect(s.tokens.total).toBe(1121566)
      expect(s.models).toEqual(['gpt-5.1-codex'])
      expect(s.agent_version).toBe('0.58.0')
      expect(s.repository).toBe('git@github.com:AcidicSoil/chatbot-ui.git')
      const dupes = r.db.prepare(`SELECT COUNT(*) AS n FROM token_messages WHERE reason = 'duplicate'`).get() as { n: number }
      expect(dupes.n).toBe(39)
      expect(r.result.errors).toEqual([])
    } finally {
      r.close()
    }
  })

  maybe('every sample file ingests without a skipped line', async () => {
    const dir = join(samples, 'codex')
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(dir, f))
    const r = await ingestFresh(files)
    try {
      expect(r.result.files).toBe(files.length)
      expect(r.result.skipped_lines).toBe(0)
      expect(r.result.errors).toEqual([])
      const exec = byId(r.sessions, '019a2d7b-231d-7290-acc1-6bc6571440da')
      expect(exec.tool_calls).toBe(1)
      expect(exec.tokens).toEqual({ input: 6087, cached_input: 5120, cache_write: 0, output: 204, reasoning_output: 0, total: 6291 })
      const fileChange = byId(r.sessions, '019a2d7a-8e1c-7111-b1a6-8cec551a55a0')
      const touched = r.db.prepare('SELECT path, change FROM files_touched WHERE session_id = ?').all(fileChange.id)
      expect(touched).toEqual([{ path: '/private/tmp/codex-research-test/hello.txt', change: 'add' }])
      const start = byId(r.sessions, '019aad50-a7e6-7422-b7a8-0b384290624f')
      expect(start.models).toEqual(['gpt-5.1-codex-max'])
      expect(start.prompts).toBe(1)
    } finally {
      r.close()
    }
  })

  maybe('an excerpt that starts mid-session counts only the calls it holds', async () => {
    const r = await ingestFresh([join(samples, 'codex', 'v1-envelope_cli-0.60.1_2025-11-22_lines-1245-1270.jsonl')])
    try {
      expect(r.sessions).toHaveLength(1)
      const s = r.sessions[0]
      const rows = r.db.prepare(`SELECT total, cum_total FROM token_messages WHERE counted = 1 ORDER BY event_id`).all() as {
        total: number
        cum_total: number
      }[]
      // Never the ~11.4 M of history before the excerpt: only the deltas it shows.
      expect(s.tokens.total).toBeLessThan(1_000_000)
      expect(s.tokens.total).toBe(rows.reduce((a, b) => a + b.total, 0))
    } finally {
      r.close()
    }
  })
})

describe('Codex 2026 (E2) rollouts', () => {
  it('reads a sub-agent thread with ordinals, the 2026 event types and cache writes', async () => {
    const r = await ingestFresh([join(codexFixtures, 'rollout-2026-06-10T10-00-00-01a0c0de-2026-7000-8000-0000000000e2.jsonl')])
    try {
      const s = byId(r.sessions, '01a0c0de-2026-7000-8000-0000000000e2')
      expect(s.parent_id).toBe('01a0c0de-2026-7000-8000-0000000000aa')
      expect(s.parent_relation).toBe('subagent')
      expect(s.source).toBe('subagent:thread_spawn')
      expect(s.agent_version).toBe('0.153.4')
      expect(s.models).toEqual(['gpt-5.2-codex'])
      // The task prompt was written by the parent agent, and replayed: not a person's prompt.
      expect(s.prompts).toBe(0)
      expect(s.tool_calls).toBe(1)
      // Only the sub-agent's own call: the replayed parent usage moves the baseline, the repeat adds nothing.
      expect(s.tokens).toEqual({ input: 3000, cached_input: 2000, cache_write: 1000, output: 300, reasoning_output: 100, total: 3300 })
      expect(r.result.errors).toEqual([])
      const exit = r.db.prepare('SELECT exit_code, duration_ms FROM function_results').get()
      expect(exit).toEqual({ exit_code: 1, duration_ms: 1800 })
      const markers = (
        r.db.prepare(`SELECT json_extract(payload, '$.marker') AS m FROM events WHERE kind = 'marker' ORDER BY line`).all() as { m: string }[]
      ).map((x) => x.m)
      expect(markers).toEqual(['turn_start', 'turn_end'])
      const plan = r.db.prepare('SELECT steps FROM function_plan_messages').get() as { steps: string }
      expect(JSON.parse(plan.steps)).toEqual([{ step: 'Write tests', status: 'completed' }])
      const windows = r.db.prepare('SELECT windows, plan_type FROM rate_limit_messages').get() as { windows: string; plan_type: string }
      expect(windows.plan_type).toBe('pro')
      expect(JSON.parse(windows.windows)[0].window_minutes).toBe(10080)
    } finally {
      r.close()
    }
  })
})
