import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { claudeCode, claudeExecutionFile, claudeStream } from '../../src/sources/claude-code/index.js'
import { registerSource } from '../../src/sources/registry.js'
import type { SniffInput } from '../../src/sources/types.js'
import { tryParseJson } from '../../src/sources/util/json.js'
import { arrayElementLines } from '../../src/sources/util/json-array.js'
import { byId, fixtures, ingestFresh } from '../helpers.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'

registerSource(claudeCode)
registerSource(claudeStream)
registerSource(claudeExecutionFile)

const streamFile = join(fixtures, 'claude-code', 'stream', 'claude-p-stream.jsonl')
const executionFile = join(fixtures, 'claude-code', 'action', 'claude-execution-output.json')

function head(path: string): SniffInput {
  const text = readFileSync(path, 'utf8')
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 20)
  return { path, lines, parsed: lines.map((l) => tryParseJson(l)), text: text.slice(0, 65536) }
}

describe('claude -p --output-format stream-json', () => {
  it('counts the result totals once, per model, and keeps per-message usage uncounted', async () => {
    const r = await ingestFresh([streamFile])
    try {
      const s = byId(r.sessions, '55555555-5555-4555-8555-555555555555')
      expect(s.agent).toBe('claude-code')
      expect(s.agent_version).toBe('2.1.63')
      expect(s.source).toBe('stream-json')
      expect(s.cwd).toBe('/home/runner/work/demo/demo')
      expect(s.reported_cost_usd).toBe(0.0421)
      // Stream lines have no times, so models sort by name.
      expect(s.models).toEqual(['claude-haiku-4-5-20251001', 'claude-sonnet-4-6'])
      // The -p prompt is not in the stream; the one user text is the sub-agent's task (by the agent).
      expect(s.prompts).toBe(0)
      // Bash, Task, Read (inside the sub-agent).
      expect(s.tool_calls).toBe(3)
      // modelUsage: sonnet 9 + 5200 + 15000 = 20209 input, 310 output; haiku (the sub-agent) 1200 / 80.
      expect(s.tokens).toEqual({ input: 21409, cached_input: 15000, cache_write: 5200, output: 390, reasoning_output: 0, total: 21799 })
      const rows = r.db.prepare('SELECT counted, reason, COUNT(*) AS n FROM token_messages GROUP BY counted, reason ORDER BY counted').all()
      expect(rows).toEqual([
        { counted: 0, reason: 'superseded-by-result', n: 6 },
        { counted: 1, reason: null, n: 2 }
      ])
      const agentPrompt = r.db.prepare('SELECT text, by_agent FROM prompts').all()
      expect(agentPrompt).toEqual([{ text: 'Summarize README.md in one line', by_agent: 1 }])
      expect(r.result.errors).toEqual([{ file: streamFile, line: 1, reason: 'not JSON (stderr text mixed into the stream)' }])
    } finally {
      r.close()
    }
  })

  it('is told apart from transcripts and execution files by content', () => {
    expect(claudeStream.sniff(head(streamFile))).toBe(true)
    expect(claudeCode.sniff(head(streamFile))).toBe(false)
    expect(claudeExecutionFile.sniff(head(streamFile))).toBe(false)
    const transcript = join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '11111111-1111-4111-8111-111111111111.jsonl')
    expect(claudeStream.sniff(head(transcript))).toBe(false)
    expect(claudeExecutionFile.sniff(head(transcript))).toBe(false)
  })
})

describe("claude-code-action's execution file", () => {
  it('reads the JSON array: result totals, reported cost, element lines and raw records', async () => {
    const r = await ingestFresh([executionFile])
    try {
      const s = byId(r.sessions, '66666666-6666-4666-8666-666666666666')
      expect(s.agent).toBe('claude-code')
      expect(s.source).toBe('claude-code-action')
      expect(s.agent_version).toBe('2.0.14')
      expect(s.models).toEqual(['claude-sonnet-4-5-20250929'])
      expect(s.reported_cost_usd).toBe(0.0123)
      expect(s.tool_calls).toBe(1)
      // No modelUsage: result.usage 5 + 3000 + 4000 = 7005 input, 150 output.
      expect(s.tokens).toEqual({ input: 7005, cached_input: 4000, cache_write: 3000, output: 150, reasoning_output: 0, total: 7155 })
      const touched = r.db.prepare('SELECT path, change FROM files_touched').all()
      expect(touched).toEqual([{ path: '/home/runner/work/demo/demo/README.md', change: 'update' }])
      // Each message's events point at the line where its element starts, and store the element once.
      const doc = JSON.parse(readFileSync(executionFile, 'utf8')) as unknown[]
      const raws = withRawLines(
        r.db,
        r.db.prepare('SELECT line, raw_block, raw_item FROM events WHERE raw_block IS NOT NULL ORDER BY line').all() as ({ line: number } & RawAddress)[]
      )
      expect(raws.map((x) => x.line)).toEqual([2, 24, 60, 75, 101])
      expect(raws.map((x) => JSON.parse(x.raw!) as unknown)).toEqual(doc)
      expect(r.result.errors).toEqual([])
    } finally {
      r.close()
    }
  })

  it('is recognized by content, not by name', () => {
    expect(claudeExecutionFile.sniff(head(executionFile))).toBe(true)
    expect(claudeStream.sniff(head(executionFile))).toBe(false)
    expect(claudeCode.sniff(head(executionFile))).toBe(false)
  })

  it('finds where each top-level element starts, ignoring brackets in strings', () => {
    expect(arrayElementLines('[\n  {"a": "]["},\n  {\n    "b": [1, 2]\n  },\n  3\n]')).toEqual([2, 3, 6])
    expect(arrayElementLines('[]')).toEqual([])
    expect(arrayElementLines('[{"x":"\\"]"},{}]')).toEqual([1, 1])
  })
})
