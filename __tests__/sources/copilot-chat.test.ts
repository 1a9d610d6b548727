import { afterEach, describe, expect, it } from '@jest/globals'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { byId, fixtures, haveSamples, ingestFresh, samples, tmpDir, type Ingested } from '../helpers.js'
import { openStore } from '../../src/store/db.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { listSessions } from '../../src/store/queries.js'
import { registerSource } from '../../src/sources/registry.js'
import { copilotOpLog, copilotSnapshot, copilotTranscript } from '../../src/sources/copilot/index.js'
import { sniffInput } from './sniff-input.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'

registerSource(copilotSnapshot)
registerSource(copilotOpLog)
registerSource(copilotTranscript)

const dir = join(fixtures, 'copilot-chat')
const SNAPSHOT = join(dir, 'chat-snapshot-v3.json')
const OPLOG = join(dir, 'chat-oplog.jsonl')
const TRANSCRIPT = join(dir, 'transcript-0.47.jsonl')

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

describe('copilot-chat v3 snapshot', () => {
  it('counts model tool calls once and reads tokens from result.metadata', async () => {
    const { sessions, db, result } = await ingest([SNAPSHOT])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '0b7c1d2e-aaaa')
    expect(s.agent).toBe('copilot-chat')
    expect(s.agent_version).toBe('0.45.0')
    // Three requests; the third was cancelled but the person did send it.
    expect(s.prompts).toBe(3)
    // toolCallRounds: read_file, run_in_terminal, replace_string_in_file. The four
    // toolInvocationSerialized parts (one an internal edit) describe the same calls and are not counted.
    expect(s.tool_calls).toBe(3)
    // 8000+12500 prompt, 350+900 output; no cache split in Copilot's figures.
    expect(s.tokens).toEqual({ input: 20500, cached_input: 0, cache_write: 0, output: 1250, reasoning_output: 0, total: 21750 })
    expect(s.models).toEqual(['gpt-4.1', 'claude-sonnet-4'])
    const cmd = db.prepare(`SELECT command FROM function_calls WHERE name = 'run_in_terminal'`).get() as { command: string }
    expect(cmd.command).toBe('npm test -- login')
    expect(db.prepare(`SELECT COUNT(*) AS n FROM agent_reasoning_messages`).get()).toEqual({ n: 1 })
    expect(db.prepare(`SELECT path FROM files_touched`).all()).toEqual([{ path: '/home/dev/web/test/fixtures.ts' }])
  })
})

describe('copilot-chat mutation log', () => {
  it('replays kinds 0 to 3 and counts only the final state’s requests', async () => {
    const { sessions, result } = await ingest([OPLOG])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '0b7c1d2e-bbbb')
    // A, C, D. B was truncated away when the person edited and resent it (push with i=1),
    // and the second kind 0 (compaction) restates A and C, which must not count twice.
    expect(s.prompts).toBe(3)
    // A: grep_search, C: run_in_terminal (B's replace_string_in_file is gone)
    expect(s.tool_calls).toBe(2)
    // 9000+9400+10000 = 28400 in, 100+80+40 = 220 out
    expect(s.tokens).toEqual({ input: 28400, cached_input: 0, cache_write: 0, output: 220, reasoning_output: 0, total: 28620 })
    expect(s.models).toEqual(['gpt-4o', 'claude-sonnet-4'])
  })

  it('completes a request caught mid-response on the next ingest without counting it twice', async () => {
    const tmp = tmpDir()
    const path = join(tmp, '0b7c1d2e-bbbb-4bbb-8ccc-000000000002.jsonl')
    const lines = readFileSync(OPLOG, 'utf8').split('\n').filter(Boolean)
    // Up to D's push: D has a prompt but no result yet.
    writeFileSync(path, lines.slice(0, 10).join('\n') + '\n')
    const db = openStore(join(tmp, 'db.sqlite'))
    try {
      await ingestPaths(db, [path])
      let s = byId(listSessions(db), '0b7c1d2e-bbbb')
      expect(s.prompts).toBe(3)
      expect(s.tokens.total).toBe(9100 + 9480)
      appendFileSync(path, lines.slice(10).join('\n') + '\n')
      await ingestPaths(db, [path])
      s = byId(listSessions(db), '0b7c1d2e-bbbb')
      expect(s.prompts).toBe(3)
      expect(s.tool_calls).toBe(2)
      expect(s.tokens.total).toBe(28620)
    } finally {
      db.close()
    }
  })

  it('does not count a session twice when its .json and .jsonl both exist', async () => {
    const tmp = tmpDir()
    const json = join(tmp, 'same.json')
    // The snapshot of the same state the log ends in.
    const state = { version: 3, sessionId: '0b7c1d2e-bbbb-4bbb-8ccc-000000000002', responderUsername: 'GitHub Copilot', requests: [] as unknown[] }
    const { sessions: fromLog, db } = await ingest([OPLOG])
    const rows = withRawLines(db, db.prepare(`SELECT raw_block, raw_item FROM events WHERE kind = 'user_prompt' ORDER BY id`).all() as RawAddress[])
    state.requests = rows.map((r) => JSON.parse(r.raw!))
    writeFileSync(json, JSON.stringify(state, null, 2))
    const both = await ingest([OPLOG, json])
    expect(byId(both.sessions, '0b7c1d2e-bbbb').prompts).toBe(byId(fromLog, '0b7c1d2e-bbbb').prompts)
    expect(byId(both.sessions, '0b7c1d2e-bbbb').tokens.total).toBe(28620)
    expect(byId(both.sessions, '0b7c1d2e-bbbb').tool_calls).toBe(2)
  })
})

describe('copilot-chat transcript stream', () => {
  it('counts prompts and tool calls once (toolRequests and execution_start describe the same call)', async () => {
    const { sessions, result } = await ingest([TRANSCRIPT])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '0b7c1d2e-cccc')
    expect(s.agent_version).toBe('0.47.0')
    expect(s.prompts).toBe(2)
    // tc-1 (announced in toolRequests, then started), tc-2 (only started)
    expect(s.tool_calls).toBe(2)
    // The stream records no tokens and no model.
    expect(s.tokens.total).toBe(0)
    expect(s.models).toEqual([])
  })
})

describe('copilot-chat sniffers', () => {
  const all = [copilotSnapshot, copilotOpLog, copilotTranscript]
  it('recognize their own formats only', () => {
    expect(all.map((s) => s.sniff(sniffInput(SNAPSHOT)))).toEqual([true, false, false])
    expect(all.map((s) => s.sniff(sniffInput(OPLOG)))).toEqual([false, true, false])
    expect(all.map((s) => s.sniff(sniffInput(TRANSCRIPT)))).toEqual([false, false, true])
  })

  it('reject other agents’ files', () => {
    const others = [
      join(fixtures, 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl'),
      join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'),
      join(fixtures, 'codex', 'exec-legacy-2025-09.jsonl'),
      join(fixtures, 'codex', 'codex-cli-output.txt'),
      join(fixtures, 'gemini-cli', 'session-2025-11-02T09-14-a1b2c3d4.json'),
      join(fixtures, 'gemini-cli', 'session-2026-05-10T08-00-e5f6a7b8.jsonl'),
      join(fixtures, 'gemini-cli', 'prompt-log', 'logs.json'),
      join(fixtures, 'aider', '.aider.chat.history.md')
    ]
    for (const p of others) expect([p, ...all.map((s) => s.sniff(sniffInput(p)))]).toEqual([p, false, false, false])
  })
})

describe('copilot-chat real samples', () => {
  const maybe = haveSamples ? it : it.skip
  maybe('copilot_session_simple.json (0.31.5): 3 prompts, 2 tool calls, no tokens', async () => {
    const { sessions, result } = await ingest([join(samples, 'copilot-vscode', 'copilot_session_simple.json')])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '331fed7f-cfd6-409c-8502-06a56322b636')
    expect(s.prompts).toBe(3)
    // replace_string_in_file, grep_search (from toolCallRounds)
    expect(s.tool_calls).toBe(2)
    expect(s.tokens.total).toBe(0)
    expect(s.models).toEqual(['claude-sonnet-4'])
    expect(s.agent_version).toBe('0.31.5')
  })

  maybe('copilot_session_multiline.jsonl (0.37.1): 2 prompts, 2 tool calls, exact usage', async () => {
    const { sessions, result } = await ingest([join(samples, 'copilot-vscode', 'copilot_session_multiline.jsonl')])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '7de89a80-6d93-43e7-be0a-0a9afe980198')
    expect(s.prompts).toBe(2)
    // read_file, insert_edit_into_file; the third UI part (vscode_editFile_internal) is the same edit.
    expect(s.tool_calls).toBe(2)
    // 9723+9948 prompt, 33+40 completion
    expect(s.tokens).toEqual({ input: 19671, cached_input: 0, cache_write: 0, output: 73, reasoning_output: 0, total: 19744 })
    expect(s.models).toEqual(['gpt-4o'])
  })
})
