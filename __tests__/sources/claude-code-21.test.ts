import { afterAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { redactFiles } from '../../src/redact/files.js'
import { scopeToChange } from '../../src/scope/scope.js'
import { claudeCode } from '../../src/sources/claude-code/index.js'
import { isClaudeSideFile, persistedOutputRef, readSideFile, sessionSideFiles } from '../../src/sources/claude-code/side-files.js'
import { registerSource } from '../../src/sources/registry.js'
import { readSessionFacts } from '../../src/store/scope-facts.js'
import { byId, fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { sniffInput } from './sniff-input.js'

registerSource(claudeCode)

/*
 * Claude Code 2.1. `-home-USER-projects-spotter/` holds real transcripts (marot/spotter, MIT,
 * fixtures/claude-code-2.1/SOURCES.md); `-home-dev-widgets/` is written by hand in their shape, for
 * the entry types no public transcript we found has (ai-title, pr-link, permission-mode,
 * agent-setting, last-prompt, attachment) and for a tool output kept in a side file.
 *
 * Expected figures were counted from the files with jq, not with this parser: prompts are the
 * `user` lines whose text a person typed (no tool_result, isMeta, isCompactSummary, local
 * command or interruption); tool calls are the `tool_use` blocks; tokens keep, per
 * `message.id`, the line with the largest `output_tokens`, input = input + cache creation + cache read.
 */
const spotter = join(fixtures, 'claude-code-2.1', 'projects', '-home-USER-projects-spotter')
const widgets = join(fixtures, 'claude-code-2.1', 'projects', '-home-dev-widgets')
const W = '7a1e2000-2100-4100-8100-000000000021'
const TRIMMED = '8463c716-a2ea-4c14-9efa-87158ebd9f20'
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function withIngest(paths: string[], fn: (r: Ingested) => void | Promise<void>): Promise<void> {
  const r = await ingestFresh(paths)
  try {
    await fn(r)
  } finally {
    r.close()
  }
}

const output = (r: Ingested, callId: string) => (r.db.prepare('SELECT output FROM function_results WHERE call_id = ?').get(callId) as { output: string }).output

describe('Claude Code 2.1: real transcripts (marot/spotter, 2.1.38 and 2.1.39)', () => {
  it('short.jsonl: one prompt, an interruption, 2 tool calls, one response', async () => {
    await withIngest([join(spotter, 'short.jsonl')], (r) => {
      const s = byId(r.sessions, '55604662-cf2a-4331-851a-ec234028f8ca')
      expect(s.agent_version).toBe('2.1.38')
      expect(s.models).toEqual(['claude-opus-4-6'])
      expect(s.branch).toBe('master')
      // "mix phx.server doesnt seem to start"; the `[Request interrupted by user…]` lines are not prompts.
      expect(s.prompts).toBe(1)
      expect(s.tool_calls).toBe(2)
      // One response over 5 lines, each with output 13: 12 + 13835 + 11515 = 25362 + 13 output.
      expect(s.tokens).toEqual({ input: 25353, cached_input: 11515, cache_write: 13835, output: 13, reasoning_output: 0, total: 25366 })
      expect(r.result.errors).toEqual([])
    })
  })

  it('tool_heavy.jsonl: queue operations and the /mcp command are no prompts; 6 tool calls over 4 responses', async () => {
    await withIngest([join(spotter, 'tool_heavy.jsonl')], (r) => {
      const s = byId(r.sessions, 'd6e0bada-1959-4eec-a9d2-0bfade768d8f')
      expect(s.agent_version).toBe('2.1.38')
      // "start phoenix in background" and "scrolling back in xterm.js …"; `/mcp` is a local command.
      expect(s.prompts).toBe(2)
      expect(s.tool_calls).toBe(6)
      expect(s.tokens).toEqual({ input: 105981, cached_input: 88231, cache_write: 17696, output: 212, reasoning_output: 0, total: 106193 })
      const queued = r.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind = 'other' AND payload LIKE '%queue-operation%'`).get() as { n: number }
      expect(queued.n).toBe(2)
      expect(r.result.errors).toEqual([])
    })
  })

  it('8463c716-….jsonl (trimmed): a compaction, and a tool output whose side file is absent is a problem of its line only', async () => {
    const file = join(spotter, `${TRIMMED}.jsonl`)
    await withIngest([file], (r) => {
      const s = byId(r.sessions, TRIMMED)
      expect(s.agent_version).toBe('2.1.39')
      // The only `user` text line is the compaction summary.
      expect(s.prompts).toBe(0)
      expect(s.tool_calls).toBe(4)
      // Four responses (msg_01Deou… over 4 lines, msg_01TKmx… one line kept, msg_019wfi… over 2, msg_01Jmv…).
      expect(s.tokens).toEqual({ input: 328384, cached_input: 304954, cache_write: 23424, output: 163, reasoning_output: 0, total: 328547 })
      const kinds = r.db.prepare(`SELECT kind FROM events WHERE kind IN ('marker', 'compaction') ORDER BY line`).all() as { kind: string }[]
      expect(kinds.map((k) => k.kind)).toEqual(['marker', 'compaction'])
      expect(r.result.errors).toEqual([
        { file, line: 15, reason: `tool output side file ${TRIMMED}/tool-results/toolu_019CpL49DWBenUxVVCWEXz3L.txt not found; its preview is kept` }
      ])
      // The preview is still the tool's output.
      expect(output(r, 'toolu_019CpL49DWBenUxVVCWEXz3L')).toMatch(/^<persisted-output>\nOutput too large \(141KB\)/)
    })
  })
})

describe('Claude Code 2.1: the entry types it added (hand-written sample)', () => {
  it('title, pull request link, queue operations, compaction, metadata lines; an unknown type is no problem', async () => {
    await withIngest([join(widgets, `${W}.jsonl`)], (r) => {
      const s = byId(r.sessions, W)
      expect(s.agent_version).toBe('2.1.240')
      expect(s.branch).toBe('fix/flaky-clock')
      expect(s.prompts).toBe(2)
      expect(s.tool_calls).toBe(3)
      // W1 3+4000+0 / 60, W2 1+900+4000 / max(7, 210), W3 2+300+2500 / 95, W4 1+120+2800 / 30.
      expect(s.tokens).toEqual({ input: 14627, cached_input: 9300, cache_write: 5320, output: 395, reasoning_output: 0, total: 15022 })
      const row = r.db.prepare('SELECT title, repository_url FROM sessions WHERE id = ?').get(W)
      expect(row).toEqual({ title: 'Fix the flaky clock test', repository_url: 'https://github.com/acme/widgets' })
      const link = r.db.prepare(`SELECT line, payload FROM events WHERE kind = 'link'`).all()
      expect(link).toEqual([{ line: 17, payload: JSON.stringify({ kind: 'link', rel: 'pull_request', url: 'https://github.com/acme/widgets/pull/42' }) }])
      const prompts = r.db.prepare('SELECT text FROM prompts ORDER BY ordinal').all() as { text: string }[]
      expect(prompts.map((p) => p.text)).toEqual(['The clock test is flaky: find out why, fix it and open a pull request', 'also add a line to the changelog'])
      const marker = r.db.prepare(`SELECT payload FROM events WHERE kind = 'marker' AND line = 12`).get() as { payload: string }
      expect(JSON.parse(marker.payload)).toEqual({ kind: 'marker', marker: 'context_compacted', detail: 'manual preTokens=12000' })
      // `tengu-future-entry` (line 23) is counted as unknown by the parser, not reported as a broken line.
      expect(r.result.errors).toEqual([])
    })
  })

  it('the parser says which entry types it does not interpret', () => {
    const text = readFileSync(join(widgets, `${W}.jsonl`), 'utf8')
      .trim()
      .split('\n')
    const parser = claudeCode.createParser({ path: join(widgets, `${W}.jsonl`), fallbackSessionId: 'x' })
    const out: Parameters<typeof parser.push>[2] = []
    text.forEach((l, i) => parser.push(l, i + 1, out))
    parser.end(out)
    expect(out.filter((r) => r.type === 'unknown' || r.type === 'skip')).toEqual([{ type: 'unknown', line: 23, what: 'type "tengu-future-entry"' }])
  })

  it('a tool output kept in <session>/tool-results/ is read as the tool call’s output', async () => {
    await withIngest([join(widgets, `${W}.jsonl`)], (r) => {
      const side = readFileSync(join(widgets, W, 'tool-results', 'toolu_01SideBash.txt'), 'utf8')
      expect(output(r, 'toolu_01SideBash')).toBe(side)
      expect(side).toContain('✖ clock › ticks once a second')
    })
  })

  it('the session is in the report of the pull request it linked, and of no other', async () => {
    await withIngest([join(widgets, `${W}.jsonl`)], (r) => {
      const facts = readSessionFacts(r.db)
      expect(facts.find((f) => f.id === W)?.pull_requests).toEqual(['https://github.com/acme/widgets/pull/42'])
      const change = (number: number) =>
        scopeToChange(facts, {
          kind: 'pr',
          label: `pull request #${number}`,
          repoRoot: '/nowhere',
          branch: 'unrelated',
          changedFiles: null,
          span: { from: null, to: null },
          workflowPaths: [],
          pullRequest: { repository: 'acme/widgets', number }
        })
      expect(change(42).sessions).toEqual([{ id: W, reasons: [{ kind: 'pr-link', agent: 'claude-code' }] }])
      expect(change(41).sessions).toEqual([])
    })
  })
})

describe('tool output side files', () => {
  it('are named only by session and file name: a path in the log never leaves the project folder', () => {
    const text = (p: string) => `<persisted-output>\nOutput too large (9KB). Full output saved to: ${p}\n\nPreview (first 2KB):\nx\n</persisted-output>`
    expect(persistedOutputRef(text('/home/u/.claude/projects/-p/s-1/tool-results/toolu_1.txt'))).toEqual({ session: 's-1', name: 'toolu_1.txt' })
    expect(persistedOutputRef(text('C:\\Users\\u\\.claude\\projects\\-p\\s-1\\tool-results\\toolu_1.txt'))).toEqual({ session: 's-1', name: 'toolu_1.txt' })
    expect(persistedOutputRef(text('/etc/passwd'))).toBeNull()
    expect(persistedOutputRef(text('/x/../tool-results/..'))).toBeNull()
    expect(persistedOutputRef('plain output that mentions <persisted-output> later')).toBeNull()
  })

  it('one over the size limit keeps its preview and is a problem of its line', () => {
    const read = readSideFile(join(widgets, `${W}.jsonl`), { session: W, name: 'toolu_01SideBash.txt' }, 100)
    expect(read).toEqual({
      ok: false,
      problem: `tool output side file ${W}/tool-results/toolu_01SideBash.txt is over 100 bytes (not read); its preview is kept`
    })
  })

  it('are found from a sub-agent’s file too, and are not taken for logs', () => {
    expect(sessionSideFiles(join(widgets, W, 'subagents', 'agent-x.jsonl'), W)).toEqual([join(widgets, W, 'tool-results', 'toolu_01SideBash.txt')])
    expect(isClaudeSideFile(join(widgets, W, 'tool-results', 'toolu_01SideBash.txt'))).toBe(true)
    expect(isClaudeSideFile(join(widgets, `${W}.jsonl`))).toBe(false)
    expect(claudeCode.sniff(sniffInput(join(widgets, W, 'tool-results', 'toolu_01SideBash.txt')))).toBe(false)
  })

  // Assembled here so the repository holds no token shape.
  const token = 'gh' + 'p_' + 'Rw3Kt8Lm2Qz5Xv9Bn4Hc7Jd1Pf6Ys0Ua2Ge8T'

  function plantedProject(): string {
    const dir = tmpDir('alt-claude-side-')
    dirs.push(dir)
    const project = join(dir, 'projects', '-home-dev-widgets')
    cpSync(widgets, project, { recursive: true })
    const side = join(project, W, 'tool-results', 'toolu_01SideBash.txt')
    writeFileSync(side, `side-file-head-marker\nnpm notice publishing with token ${token}\n` + readFileSync(side, 'utf8'))
    return dir
  }

  function filesUnder(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((f) => join(dir, f))
      .filter((p) => statSync(p).isFile())
  }

  it('a secret in a side file reaches no report, comment, summary or exported database', async () => {
    const dir = plantedProject()
    const out = join(dir, 'out')
    const r = await runJob({
      database: join(dir, 'work.sqlite'),
      repoDir: dir,
      paths: [join(dir, 'projects')],
      config: parseConfig('', 'default'),
      mode: 'full',
      formats: ['md', 'json', 'csv', 'html'],
      outDir: out,
      now: new Date('2026-03-01T00:00:00Z'),
      version: '0.0.0',
      exportDatabase: true
    })
    expect(r.report.sessions.map((s) => s.id)).toEqual([W])
    const written = filesUnder(out)
    expect(written.length).toBeGreaterThan(3)
    // The side file's text did reach the report, so the redaction is what kept the token out.
    expect(written.some((f) => readFileSync(f).toString('latin1').includes('side-file-head-marker'))).toBe(true)
    for (const f of written) expect({ f, leak: readFileSync(f).toString('latin1').includes(token) }).toEqual({ f, leak: false })
  })

  it('`redact` writes the side files as redacted copies beside the transcript', async () => {
    const dir = plantedProject()
    const out = join(dir, 'sanitized')
    const r = await redactFiles([join(dir, 'projects')], out, parseConfig('', 'default'))
    const copy = join(out, '-home-dev-widgets', W, 'tool-results', 'toolu_01SideBash.txt')
    expect(r.outputs).toContain(copy)
    const text = readFileSync(copy, 'utf8')
    expect(text).toContain('side-file-head-marker')
    expect(text).not.toContain(token)
    for (const f of filesUnder(out)) expect(readFileSync(f, 'utf8').includes(token)).toBe(false)
  })

  it('a transcript whose side file was deleted meanwhile still ingests, with the problem named', async () => {
    const dir = tmpDir('alt-claude-noside-')
    dirs.push(dir)
    mkdirSync(join(dir, 'p'))
    cpSync(join(widgets, `${W}.jsonl`), join(dir, 'p', `${W}.jsonl`))
    await withIngest([join(dir, 'p')], (r) => {
      expect(byId(r.sessions, W).tool_calls).toBe(3)
      expect(r.result.errors.map((e) => [e.line, e.reason])).toEqual([
        [6, `tool output side file ${W}/tool-results/toolu_01SideBash.txt not found; its preview is kept`]
      ])
    })
  })
})

describe('recognized by Claude Code’s own markers only', () => {
  const head = (lines: unknown[]) => ({ path: 'x.jsonl', lines: lines.map((l) => JSON.stringify(l)), parsed: lines, text: '' })

  it('a Qwen Code chat (user/assistant records with a sessionId, Gemini-style parts) is not Claude’s', () => {
    const qwen = [
      {
        uuid: 'a',
        parentUuid: null,
        sessionId: 's',
        timestamp: '2026-01-01T00:00:00Z',
        type: 'user',
        cwd: '/w',
        version: '0.1',
        message: { role: 'user', parts: [{ text: 'hi' }] }
      },
      {
        uuid: 'b',
        parentUuid: 'a',
        sessionId: 's',
        timestamp: '2026-01-01T00:00:01Z',
        type: 'assistant',
        model: 'qwen3',
        message: { role: 'model', parts: [{ text: 'hello' }] }
      }
    ]
    expect(claudeCode.sniff(head(qwen))).toBe(false)
  })

  it('a file of Claude’s metadata lines alone is Claude’s', () => {
    expect(claudeCode.sniff(head([{ type: 'permission-mode', permissionMode: 'default', sessionId: 's' }]))).toBe(true)
    expect(claudeCode.sniff(head([{ type: 'ai-title', aiTitle: 't', sessionId: 's' }]))).toBe(true)
    expect(claudeCode.sniff(head([{ type: 'ai-title', sessionId: 's' }]))).toBe(false)
  })
})
