import { afterEach, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { fixtures, haveSamples, ingestFresh, samples, type Ingested } from '../helpers.js'
import { registerSource } from '../../src/sources/registry.js'
import { aiderHistory } from '../../src/sources/aider/index.js'
import { parseCount, parseTokenLine, userInputLine } from '../../src/sources/aider/lines.js'
import { sniffInput } from './sniff-input.js'

registerSource(aiderHistory)

const HISTORY = join(fixtures, 'aider', '.aider.chat.history.md')

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

describe('aider line forms', () => {
  it('reads abbreviated counts as the value they name, flagged as rounded', () => {
    expect(parseCount('222')).toEqual({ n: 222, rounded: false })
    expect(parseCount('3.2k')).toEqual({ n: 3200, rounded: true })
    expect(parseCount('10k')).toEqual({ n: 10000, rounded: true })
    const u = parseTokenLine('> Tokens: 7.8k sent, 971 received. Cost: $0.0014 message, $0.0014 session.  ', 'm')
    expect(u?.usage.delta).toEqual({ input: 7800, cached_input: 0, cache_write: 0, output: 971, reasoning_output: 0, total: 8771 })
    expect(u?.usage.reason).toBe('rounded')
    expect(u?.cost).toBe(0.0014)
    expect(parseTokenLine('> Tokens: 812 sent, 64 received.', null)?.usage.reason).toBeNull()
  })

  it('tells typed input from a #### heading in a reply by the hard-break tail', () => {
    expect(userInputLine('#### fix it  ')).toBe('fix it')
    expect(userInputLine('####   ')).toBe('')
    expect(userInputLine("#### If you're using **npm**:")).toBeNull()
  })
})

describe('aider chat history', () => {
  it('makes one session per run with prompts, rounded tokens, models and cost', async () => {
    const { sessions, result, db } = await ingest([HISTORY])
    expect(result.errors).toEqual([])
    expect(sessions.map((s) => s.agent)).toEqual(['aider', 'aider'])
    const [run1, run2] = sessions
    expect(run1.id).toMatch(/^aider-[0-9a-f]{16}-20260210T093012$/)
    // The header's local wall-clock time, kept without a zone, never read as if it were UTC.
    expect(run1.started_at).toBe('2026-02-10T09:30:12')
    expect(run1.agent_version).toBe('0.86.1')
    // "add a --verbose flag…", the multi-line failure report, "explain why stderr…";
    // /commit, /model and /code are commands. The "#### Changes" heading is part of a reply.
    expect(run1.prompts).toBe(3)
    expect(run1.tool_calls).toBe(0)
    // 4.2k sent (2.1k cache write) / 180; 5.0k sent (4.1k cache hit) / 95; 812 / 64 (exact)
    // input 4200+5000+812 = 10012, output 180+95+64 = 339, total 10351 (approximate: two rows are rounded)
    expect(run1.tokens).toEqual({ input: 10012, cached_input: 4100, cache_write: 2100, output: 339, reasoning_output: 0, total: 10351 })
    expect(run1.models).toEqual(['anthropic/claude-sonnet-4-20250514', 'deepseek/deepseek-reasoner'])
    // $0.02 + $0.0049 + $0.00062, the per-message figures Aider printed
    expect(run1.reported_cost_usd).toBeCloseTo(0.02552, 10)
    // 12k sent with 1.5k cache write and 10k cache hit (cost on its own line), 240 received
    expect(run2.prompts).toBe(1)
    expect(run2.tokens).toEqual({ input: 12000, cached_input: 10000, cache_write: 1500, output: 240, reasoning_output: 0, total: 12240 })
    expect(run2.reported_cost_usd).toBeCloseTo(0.0123, 10)
    const rounded = db.prepare(`SELECT COUNT(*) AS n FROM token_messages WHERE reason = 'rounded' AND counted = 1`).get()
    expect(rounded).toEqual({ n: 3 })
    expect(db.prepare(`SELECT text FROM agent_reasoning_messages`).all()).toEqual([{ text: 'The user asks about stderr vs stdout for diagnostics.' }])
    expect(db.prepare(`SELECT COUNT(*) AS n FROM files_touched WHERE path = 'cli.py'`).get()).toEqual({ n: 2 })
  })

  it('keeps a multi-line prompt as one prompt', async () => {
    const { db } = await ingest([HISTORY])
    const texts = (db.prepare(`SELECT text FROM prompts WHERE by_agent = 0 ORDER BY event_id`).all() as { text: string }[]).map((p) => p.text)
    expect(texts[1]).toBe('the tests fail with this output:\n\nFAILED test_cli.py::test_verbose - AssertionError\n1 failed, 12 passed')
  })
})

describe('aider sniffer', () => {
  it('accepts Aider history and rejects other agents’ files', () => {
    expect(aiderHistory.sniff(sniffInput(HISTORY))).toBe(true)
    const others = [
      join(fixtures, 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl'),
      join(fixtures, 'codex', 'exec-legacy-2025-09.jsonl'),
      join(fixtures, 'codex', 'codex-cli-output.txt'),
      join(fixtures, 'gemini-cli', 'session-2025-11-02T09-14-a1b2c3d4.json'),
      join(fixtures, 'gemini-cli', 'session-2026-05-10T08-00-e5f6a7b8.jsonl'),
      join(fixtures, 'gemini-cli', 'prompt-log', 'logs.json'),
      join(fixtures, 'copilot-chat', 'chat-snapshot-v3.json'),
      join(fixtures, 'copilot-chat', 'chat-oplog.jsonl'),
      join(fixtures, 'copilot-chat', 'transcript-0.47.jsonl')
    ]
    for (const p of others) expect([p, aiderHistory.sniff(sniffInput(p))]).toEqual([p, false])
  })
})

describe('aider real sample', () => {
  const maybe = haveSamples ? it : it.skip
  maybe('aider.chat.history.md (v0.82.2): one run, 16 prompts, 20 token lines', async () => {
    const { sessions, result, db } = await ingest([join(samples, 'aider', 'aider.chat.history.md')])
    expect(result.errors).toEqual([])
    expect(sessions).toHaveLength(1)
    const s = sessions[0]
    expect(s.started_at).toBe('2025-05-04T17:02:36')
    // 60 "#### " lines: 16 prompts (two span many lines), the rest /code, /commit, /model … commands
    // and continuation lines; the two "#### If you're using" lines are headings in a reply.
    expect(s.prompts).toBe(16)
    // Sum of the 20 printed (mostly rounded) figures: 148,200 sent, 18,044 received.
    expect(s.tokens).toEqual({ input: 148200, cached_input: 0, cache_write: 0, output: 18044, reasoning_output: 0, total: 166244 })
    // Aider lines have no times, so the store lists the banner models by name, not by first use.
    expect(s.models).toEqual(['gemini/gemini-2.5-pro-exp-03-25', 'gemini/gemini-2.5-pro-preview-03-25', 'openai/deepseek.deepseek-chat', 'openai/qwen3:32b'])
    // 12 lines carry a cost: $0.02702 in all
    expect(s.reported_cost_usd).toBeCloseTo(0.02702, 10)
    expect(db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind = 'file_change'`).get()).toEqual({ n: 18 })
  })
})

describe('the Gemini, Copilot and Aider sniffers on every real sample', () => {
  const maybe = haveSamples ? it : it.skip
  maybe('accept only their own agent’s files', async () => {
    const { readdirSync } = await import('node:fs')
    const { geminiSources } = await import('../../src/sources/gemini-cli/index.js')
    const { copilotSources } = await import('../../src/sources/copilot/index.js')
    const mine = [...geminiSources, ...copilotSources, aiderHistory]
    const owner: Record<string, string> = { 'gemini-cli': 'gemini-cli', 'copilot-vscode': 'copilot-chat', aider: 'aider' }
    for (const agentDir of readdirSync(samples)) {
      for (const f of readdirSync(join(samples, agentDir))) {
        if (f === 'README.md' || f.endsWith('.vscdb')) continue
        const h = sniffInput(join(samples, agentDir, f))
        const agents = mine.filter((s) => s.sniff(h)).map((s) => s.agent)
        expect([agentDir, f, agents]).toEqual([agentDir, f, owner[agentDir] ? [owner[agentDir]] : []])
      }
    }
  })
})
