import { describe, expect, it } from '@jest/globals'
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { claudeCode } from '../../src/sources/claude-code/index.js'
import { registerSource } from '../../src/sources/registry.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { byId, fixtures, haveSamples, ingestFresh, samples, tmpDir, type Ingested } from '../helpers.js'
import { type RawAddress, withRawLines } from '../../src/store/raw-blocks.js'

registerSource(claudeCode)

const maybe = haveSamples ? it : it.skip
const proj = join(fixtures, 'claude-code', 'projects', '-home-dev-demo')
const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'
const C = '33333333-3333-4333-8333-333333333333'
const D = '44444444-4444-4444-8444-444444444444'
const file = (id: string) => join(proj, `${id}.jsonl`)

async function withIngest(paths: string[], fn: (r: Ingested) => void | Promise<void>): Promise<void> {
  const r = await ingestFresh(paths)
  try {
    await fn(r)
  } finally {
    r.close()
  }
}

function counted(r: Ingested, sid: string): { line: number; output: number }[] {
  return r.db
    .prepare(
      `SELECT e.line AS line, t.output AS output FROM token_messages t JOIN events e ON e.id = t.event_id
       WHERE t.session_id = ? AND t.counted = 1 AND t.replayed = 0 ORDER BY e.file_id, e.line`
    )
    .all(sid) as { line: number; output: number }[]
}

describe('Claude Code transcripts: real samples', () => {
  maybe('claude-code-with-thinking.jsonl: one response over 3 lines counts its largest copy (484 output tokens)', async () => {
    await withIngest([join(samples, 'claude-code', 'claude-code-with-thinking.jsonl')], (r) => {
      const s = byId(r.sessions, 'dac34307-159f-4fcd-9c21-35210246ad38')
      expect(s.agent).toBe('claude-code')
      expect(s.agent_version).toBe('2.0.69')
      expect(s.models).toEqual(['claude-sonnet-4-5-20250929'])
      expect(s.cwd).toBe('/Users/svarlamov/projects/testing-git-2')
      expect(s.branch).toBe('master')
      expect(s.prompts).toBe(1)
      expect(s.tool_calls).toBe(1)
      // Two responses: msg_01HZj… (8, 8, 407 → 407) and msg_…VW4D24 (1, 77 → 77); 407 + 77 = 484.
      // input = (10 + 6890 + 12861) + (second response 20330) = 40091.
      expect(s.tokens).toEqual({ input: 40091, cached_input: 32612, cache_write: 7461, output: 484, reasoning_output: 0, total: 40575 })
      // One counted row per response, on the line of its largest copy.
      expect(counted(r, s.id)).toEqual([
        { line: 6, output: 407 },
        { line: 10, output: 77 }
      ])
      // The renamed sample has no session id in its name: the leading summary/snapshot lines still join the session.
      expect(r.sessions).toHaveLength(1)
      expect(r.result.errors).toEqual([])
    })
  })

  maybe('5c0375b4-….jsonl: inline sidechains count once (3,629 output tokens), the typed /orchestrator command is its one prompt', async () => {
    await withIngest([join(samples, 'claude-code', '5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl')], (r) => {
      const s = byId(r.sessions, '5c0375b4-57a5-4f26-b12d-d022ee4e51b7')
      expect(s.agent_version).toBe('1.0.108')
      expect(s.models).toEqual(['claude-sonnet-4-20250514'])
      expect(s.cwd).toBe('/path/to/Demo')
      expect(s.branch).toBe('main')
      // Line 1 is the typed `/orchestrator` command with its arguments (the person's request) and
      // line 2 its isMeta expansion; the two sidechain roots (lines 16, 26) are prompts the agent wrote.
      expect(s.prompts).toBe(1)
      const typed = r.db.prepare('SELECT text FROM prompts WHERE by_agent = 0').get() as { text: string }
      expect(typed.text).toBe('/orchestrator @CLAUDE.md を最新の状態にアップデートしてください')
      const agentPrompts = r.db.prepare('SELECT COUNT(*) AS n FROM prompts WHERE by_agent = 1').get() as { n: number }
      expect(agentPrompts.n).toBe(2)
      // 21 tool_use blocks, 8 of them on sidechain lines.
      expect(s.tool_calls).toBe(21)
      // 20 responses (6 split over several lines); first-copy-wins would give 2,498 output tokens.
      expect(s.tokens).toEqual({ input: 372135, cached_input: 324259, cache_write: 47747, output: 3629, reasoning_output: 0, total: 375764 })
      expect(counted(r, s.id)).toHaveLength(20)
      expect(r.result.errors).toEqual([])
    })
  })
})

describe('Claude Code transcripts: fixtures', () => {
  it('a plain session: split response, inline sub-agent, commands, isMeta, <synthetic>, unknown line type', async () => {
    await withIngest([file(A)], (r) => {
      const s = byId(r.sessions, A)
      expect(s.agent).toBe('claude-code')
      expect(s.agent_version).toBe('1.0.110')
      // <synthetic> (line 23) is not a model.
      expect(s.models).toEqual(['claude-sonnet-4-20250514', 'claude-opus-4-1-20250805'])
      expect(s.cwd).toBe('/home/dev/demo')
      expect(s.branch).toBe('main')
      // Lines 2 and 19. Not prompts: /model wrapper (16), its stdout (17), isMeta caveat (18),
      // interruption (24), tool results, the sidechain root (10, by the agent).
      expect(s.prompts).toBe(2)
      // Bash, Write, Task, Read (sidechain), Edit.
      expect(s.tool_calls).toBe(5)
      // Responses A1 (lines 3-5: output 4, 4, 96), A2, A3, S1, S2 (sidechain), A4 (lines 20-21: 7, 140):
      //   input  = 1012 + 1153 + 1192 + 508 + 525 + 1496 = 5886
      //   cached =    0 + 1000 + 1150 +   0 + 500 + 1190 = 3840
      //   write  = 1000 +  150 +   40 + 500 +  20 +  300 = 2010
      //   output =   96 +  210 +   85 +  30 +  12 +  140 = 573
      // Not added: the Task result's toolUseResult.usage (line 14) and the progress line's usage (line 25).
      expect(s.tokens).toEqual({ input: 5886, cached_input: 3840, cache_write: 2010, output: 573, reasoning_output: 0, total: 6459 })
      expect(counted(r, A).map((c) => c.line)).toEqual([5, 7, 9, 11, 13, 21])
      const synthetic = r.db.prepare(`SELECT counted, reason FROM token_messages WHERE model = '<synthetic>'`).all()
      expect(synthetic).toEqual([{ counted: 0, reason: 'synthetic' }])
      const title = r.db.prepare('SELECT title FROM sessions WHERE id = ?').get(A) as { title: string }
      expect(title.title).toBe('Health check endpoint')
      // Line 26 is of a type the parser does not know: counted as unknown, kept raw, not a broken line.
      expect(r.result.errors).toEqual([])
      const kept = r.db.prepare(`SELECT kind, payload FROM events WHERE line = 26`).all()
      expect(kept).toEqual([{ kind: 'other', payload: JSON.stringify({ kind: 'other', type: 'future-thing' }) }])
    })
  })

  it('maps every line to the right event kinds and keeps each raw line once', async () => {
    await withIngest([file(A)], (r) => {
      const kinds = (r.db.prepare('SELECT DISTINCT kind FROM events ORDER BY kind').all() as { kind: string }[]).map((k) => k.kind)
      expect(kinds).toEqual([
        'assistant_message',
        'context_message',
        'file_change',
        'marker',
        'other',
        'reasoning',
        'token_usage',
        'tool_call',
        'tool_result',
        'turn_context',
        'user_prompt'
      ])
      const markers = (
        r.db.prepare(`SELECT json_extract(payload, '$.marker') AS m FROM events WHERE kind = 'marker' ORDER BY line`).all() as { m: string }[]
      ).map((x) => x.m)
      expect(markers).toEqual(['turn_end', 'error', 'abort'])
      const touched = r.db.prepare('SELECT path, change FROM files_touched ORDER BY path').all()
      expect(touched).toEqual([
        { path: '/home/dev/demo/src/health.ts', change: 'unknown' },
        { path: '/home/dev/demo/src/server.test.ts', change: 'update' }
      ])
      const calls = r.db.prepare('SELECT name, call_id, command FROM function_calls ORDER BY event_id').all()
      expect(calls).toEqual([
        { name: 'Bash', call_id: 'toolu_01A1', command: 'npm test' },
        { name: 'Write', call_id: 'toolu_01A2', command: null },
        { name: 'Task', call_id: 'toolu_01A3', command: null },
        { name: 'Read', call_id: 'toolu_01S1', command: null },
        { name: 'Edit', call_id: 'toolu_01A4', command: null }
      ])
      const results = r.db.prepare('SELECT call_id, status, exit_code, duration_ms FROM function_results ORDER BY event_id').all()
      expect(results).toEqual([
        { call_id: 'toolu_01A1', status: 'error', exit_code: 1, duration_ms: null },
        { call_id: 'toolu_01A2', status: 'ok', exit_code: null, duration_ms: null },
        { call_id: 'toolu_01S1', status: 'ok', exit_code: null, duration_ms: null },
        { call_id: 'toolu_01A3', status: 'ok', exit_code: null, duration_ms: 4300 },
        { call_id: 'toolu_01A4', status: 'ok', exit_code: null, duration_ms: null }
      ])
      const contexts = r.db.prepare(`SELECT json_extract(payload, '$.role') AS role FROM events WHERE kind = 'context_message' ORDER BY line`).all()
      expect(contexts).toEqual([{ role: 'summary' }, { role: 'command' }, { role: 'command' }, { role: 'meta' }])
      // Every line that produced events stores its raw text exactly once, even when held back for a split response.
      const stored = withRawLines(r.db, r.db.prepare('SELECT line, raw_block, raw_item FROM events ORDER BY line').all() as ({ line: number } & RawAddress)[])
      const raw = [...new Set(stored.map((x) => x.line))].map((line) => {
        const kept = stored.filter((x) => x.line === line && x.raw !== null)
        return { line, n: kept.length, raw: kept[0]?.raw }
      })
      const lines = readFileSync(file(A), 'utf8').split('\n')
      expect(raw).toHaveLength(26)
      for (const row of raw) {
        expect(row.n).toBe(1)
        expect(row.raw).toBe(lines[row.line - 1])
      }
      // Every event of a turn line carries the line's uuid, for replay detection across files.
      const keys = r.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind <> 'token_usage' AND line BETWEEN 2 AND 26 AND dedupe_key IS NULL`).get() as {
        n: number
      }
      expect(keys.n).toBe(0)
    })
  })

  it('a sub-agent file (agent-<id>.jsonl) joins its parent session once; compaction is no prompt', async () => {
    await withIngest([file(B), join(proj, 'agent-a1b2c3d.jsonl')], (r) => {
      expect(r.sessions.map((s) => s.id)).toEqual([B])
      const s = byId(r.sessions, B)
      expect(s.agent_version).toBe('2.0.50')
      expect(s.models).toEqual(['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001'])
      // "Find unused exports", "Remove it"; the compaction summary (line 7) is not a prompt.
      expect(s.prompts).toBe(2)
      // Task, Edit in the session; Grep in the sub-agent.
      expect(s.tool_calls).toBe(3)
      // B1 2010/0/2000/60, B2 2103/2000/100/25, B3 905/0/900/110; sub-agent G1 (lines 2-3: 3 → 41)
      // 1506/0/1500/41 and G2 (no requestId) 1804/1800/0/45. The Task result's usage (line 4) is not added.
      expect(s.tokens).toEqual({ input: 8328, cached_input: 3800, cache_write: 4500, output: 281, reasoning_output: 0, total: 8609 })
      const agentPrompt = r.db.prepare('SELECT text, by_agent FROM prompts WHERE by_agent = 1').all()
      expect(agentPrompt).toEqual([{ text: 'List exports that nothing imports', by_agent: 1 }])
      const compaction = r.db.prepare(`SELECT line, json_extract(payload, '$.text') AS text FROM events WHERE kind = 'compaction'`).all() as {
        line: number
        text: string
      }[]
      expect(compaction).toHaveLength(1)
      expect(compaction[0].line).toBe(7)
      expect(compaction[0].text).toMatch(/^This session is being continued/)
      const boundary = r.db
        .prepare(`SELECT json_extract(payload, '$.detail') AS d FROM events WHERE kind = 'marker' AND json_extract(payload, '$.marker') = 'context_compacted'`)
        .all()
      expect(boundary).toEqual([{ d: 'manual preTokens=2128' }])
      expect(r.result.errors).toEqual([])
    })
  })

  it('a sub-agent file under <session>/subagents/ joins its parent session', async () => {
    await withIngest([join(proj, D, 'subagents', 'agent-d4e5f6a.jsonl')], (r) => {
      const s = byId(r.sessions, D)
      expect(r.sessions).toHaveLength(1)
      expect(s.prompts).toBe(0)
      expect(s.tool_calls).toBe(1)
      expect(s.tokens).toEqual({ input: 302, cached_input: 0, cache_write: 300, output: 20, reasoning_output: 0, total: 322 })
    })
  })

  // C's first 5 lines are A's lines 2-6, byte for byte, still naming session A.
  const resumedC = { input: 1076, cached_input: 1012, cache_write: 60, output: 33, reasoning_output: 0, total: 1109 }
  const sessionA = { input: 5886, cached_input: 3840, cache_write: 2010, output: 573, reasoning_output: 0, total: 6459 }

  it.each([
    ['origin first', [file(A), file(C)]],
    ['resumed file first', [file(C), file(A)]]
  ])('a resumed file replaying lines that name the earlier session: counted once, whatever the order (%s)', async (_, paths) => {
    await withIngest(paths, (r) => {
      const c = byId(r.sessions, C)
      expect(c.parent_id).toBe(A)
      expect(c.parent_relation).toBe('resume')
      expect(c.agent_version).toBe('1.0.112')
      expect(c.prompts).toBe(1)
      expect(c.tool_calls).toBe(1)
      expect(c.models).toEqual(['claude-sonnet-4-20250514'])
      expect(c.tokens).toEqual(resumedC)
      const a = byId(r.sessions, A)
      expect(a.prompts).toBe(2)
      expect(a.tool_calls).toBe(5)
      expect(a.tokens).toEqual(sessionA)
      const replayed = r.db.prepare('SELECT COUNT(DISTINCT line) AS n FROM events WHERE session_id = ? AND replayed = 1').get(C) as { n: number }
      expect(replayed.n).toBe(5)
    })
  })

  // D's first 4 lines are B's lines 2-5 with only sessionId rewritten to D: the uuid is the only link.
  it('a fork whose copies name the new session is recognized by uuid when the origin was stored first', async () => {
    await withIngest([file(B), join(proj, 'agent-a1b2c3d.jsonl'), file(D), join(proj, D, 'subagents', 'agent-d4e5f6a.jsonl')], (r) => {
      const d = byId(r.sessions, D)
      // "Also check tests/ for unused helpers"; the copied "Find unused exports" is a replay.
      expect(d.prompts).toBe(1)
      // Task (D1) and the sub-agent's Glob.
      expect(d.tool_calls).toBe(2)
      // D1 2103/2100/0/9 + sub-agent H1 302/0/300/20.
      expect(d.tokens).toEqual({ input: 2405, cached_input: 2100, cache_write: 300, output: 29, reasoning_output: 0, total: 2434 })
      // Nothing in D's file names B: the parser cannot know the parent.
      expect(d.parent_id).toBeNull()
      expect(byId(r.sessions, B).tokens.total).toBe(8609)
    })
  })

  it('a fork whose copies name the new session: the total is right and the copies belong to the original, in either order', async () => {
    const figures: { b: number; d: number; bPrompts: number; dPrompts: number }[] = []
    for (const order of [
      [file(D), file(B)],
      [file(B), file(D)]
    ]) {
      await withIngest(order, (r) => {
        const sum = r.sessions.reduce((n, s) => n + s.tokens.total, 0)
        // B's main file alone (B1 2070 + B2 2128 + B3 1015) + D's own D1 (2112): the shared B1/B2 once.
        expect(sum).toBe(2070 + 2128 + 1015 + 2112)
        const b = byId(r.sessions, B)
        const d = byId(r.sessions, D)
        figures.push({ b: b.tokens.total, d: d.tokens.total, bPrompts: b.prompts, dPrompts: d.prompts })
      })
    }
    // The same per-session figures whichever file was read first.
    expect(figures[0]).toEqual(figures[1])
  })

  it('a response torn between two ingests is still counted once in full', async () => {
    const dir = tmpDir()
    const path = join(dir, `${A}.jsonl`)
    const lines = readFileSync(file(A), 'utf8').split('\n')
    // Stop after line 4: response A1 has been seen with output 4 of its final 96.
    writeFileSync(path, lines.slice(0, 4).join('\n') + '\n')
    const db = openStore(join(dir, 'db.sqlite'))
    try {
      await ingestPaths(db, [path])
      expect(byId(listSessions(db), A).tokens.output).toBe(4)
      appendFileSync(path, lines.slice(4).join('\n'))
      await ingestPaths(db, [path])
      const s = byId(listSessions(db), A)
      expect(s.tokens).toEqual(sessionA)
      expect(s.prompts).toBe(2)
      expect(s.tool_calls).toBe(5)
      // The first ingest ended inside A1 and counted its best copy so far (line 3, output 4);
      // the remainder is a second row on line 5 (output 92), not a second copy of the input.
      const a1 = db
        .prepare(
          `SELECT e.line, t.input, t.output, t.reason FROM token_messages t JOIN events e ON e.id = t.event_id WHERE e.line <= 5 AND t.counted = 1 ORDER BY e.line`
        )
        .all()
      expect(a1).toEqual([
        { line: 3, input: 1012, output: 4, reason: null },
        { line: 5, input: 0, output: 92, reason: 'split-response-remainder' }
      ])
      // A third ingest of the unchanged file adds nothing.
      await ingestPaths(db, [path])
      expect(byId(listSessions(db), A).tokens).toEqual(sessionA)
    } finally {
      db.close()
    }
  })

  it('the same transcript ingested from two paths counts once', async () => {
    const dir = tmpDir()
    const copy = join(dir, `${A}.jsonl`)
    copyFileSync(file(A), copy)
    await withIngest([file(A), copy], (r) => {
      const s = byId(r.sessions, A)
      expect(s.tokens).toEqual(sessionA)
      expect(s.prompts).toBe(2)
      expect(s.tool_calls).toBe(5)
    })
  })

  it('recognizes transcripts by content only', () => {
    const head = (lines: string[]) => ({ path: 'x.jsonl', lines, parsed: lines.map((l) => JSON.parse(l) as unknown), text: lines.join('\n') })
    expect(claudeCode.sniff(head([readFileSync(file(A), 'utf8').split('\n')[0]]))).toBe(true)
    expect(claudeCode.sniff(head(readFileSync(join(proj, 'agent-a1b2c3d.jsonl'), 'utf8').trim().split('\n')))).toBe(true)
    expect(claudeCode.sniff(head(['{"type":"system","subtype":"init","session_id":"s","model":"m"}']))).toBe(false)
    expect(claudeCode.sniff(head(['{"timestamp":"2025-01-01T00:00:00Z","type":"session_meta","payload":{}}']))).toBe(false)
  })
})

describe('typed slash commands', () => {
  it('are prompts, except the built-in commands that send the model nothing', async () => {
    const { slashCommandPrompt } = await import('../../src/sources/claude-code/content.js')
    expect(slashCommandPrompt('<command-message>init is analyzing…</command-message>\n<command-name>/init</command-name>\n<command-args></command-args>')).toBe(
      '/init'
    )
    expect(slashCommandPrompt('<command-name>/review</command-name>\n<command-args> 42 </command-args>')).toBe('/review 42')
    expect(slashCommandPrompt('<command-name>/model</command-name>\n<command-message>model</command-message>\n<command-args></command-args>')).toBeNull()
    expect(slashCommandPrompt('<command-name>/Clear</command-name>')).toBeNull()
    expect(slashCommandPrompt('<local-command-stdout>Set model to opus</local-command-stdout>')).toBeNull()
  })
})
