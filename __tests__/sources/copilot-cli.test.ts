import { describe, expect, it } from '@jest/globals'
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { byId, cleanUpAfterEach, fixtures, tmpDir } from '../helpers.js'
import { recognize } from '../../src/sources/registry.js'
import { copilotCli, sniffCopilotCli } from '../../src/sources/copilot-cli/index.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { defaultLocations } from '../../src/discover/locations.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { listSessions } from '../../src/store/queries.js'
import { sniffInput } from './sniff-input.js'

const state = join(fixtures, 'copilot-cli', 'session-state')
/** Real, Copilot CLI 1.0.49-1: one prompt, one tool call, a clean exit. */
const MEDIUM = join(state, '66957610-db49-4dea-972d-c079e1898044', 'events.jsonl')
/** Real, 1.0.55-1: a sub-agent answered by a second model, a clean exit. */
const SUBAGENT = join(state, '030f200c-c26f-4ef0-9099-6d1156c83631', 'events.jsonl')
/** 1.0.45, start line real, the rest hand-made upstream: a `create` call and no shutdown. */
const NO_SHUTDOWN = join(state, '301561f1-558a-43e9-a144-82d3ca12ab62', 'events.jsonl')

const { ingest, removeLater } = cleanUpAfterEach()

/** Writes hand-made event lines as a session folder's `events.jsonl`. */
function handMade(events: object[]): string {
  const dir = tmpDir('copilot-cli-')
  removeLater(dir)
  mkdirSync(join(dir, 's1'))
  const path = join(dir, 's1', 'events.jsonl')
  writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
  return path
}

function parse(path: string): ParseRecord[] {
  const out: ParseRecord[] = []
  const p = copilotCli.createParser({ path, fallbackSessionId: 'fallback' })
  const lines = sniffInput(path).lines
  lines.forEach((l, i) => p.push(l, i + 1, out))
  p.end(out)
  return out
}

const start = (v = '1.0.60', extra: object = {}) => ({
  type: 'session.start',
  data: {
    sessionId: 'hand-0001',
    version: 1,
    producer: 'copilot-agent',
    copilotVersion: v,
    startTime: '2026-06-01T10:00:00.000Z',
    context: { cwd: '/w/app' },
    ...extra
  },
  timestamp: '2026-06-01T10:00:00.000Z'
})
const prompt = (text: string) => ({ type: 'user.message', data: { content: text }, timestamp: '2026-06-01T10:00:01.000Z' })
const reply = (model: string, text = 'done') => ({
  type: 'assistant.message',
  data: { messageId: 'm', model, content: text, toolRequests: [] },
  timestamp: '2026-06-01T10:00:02.000Z'
})
const shutdown = (metrics: object | undefined) => ({
  type: 'session.shutdown',
  data: { shutdownType: 'routine', ...(metrics ? { modelMetrics: metrics } : {}) },
  timestamp: '2026-06-01T10:05:00.000Z'
})
const usage = (input: number, output: number, read: number, write: number) => ({
  usage: { inputTokens: input, outputTokens: output, cacheReadTokens: read, cacheWriteTokens: write, reasoningTokens: 0 }
})

describe('copilot-cli: real session logs', () => {
  it('1.0.49-1: the prompt, the one tool call and the per-model usage of the shutdown', async () => {
    const { sessions, result, db } = await ingest([MEDIUM])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '66957610')
    expect(s.agent).toBe('copilot-cli')
    expect(s.agent_version).toBe('1.0.49-1')
    expect(s.cwd).toBe('/Users/testuser')
    expect(s.started_at).toBe('2026-05-17T01:06:01.382Z')
    expect(s.ended_at).toBe('2026-05-17T01:06:15.182Z')
    expect(s.prompts).toBe(1)
    // report_intent, announced in assistant.message and repeated at tool.execution_start: one call.
    expect(s.tool_calls).toBe(1)
    // modelMetrics.claude-sonnet-4.6.usage: inputTokens 48243 already holds the cache (tokenDetails:
    // 4 fresh + 24072 read + 24167 written); output 414 = 79 + 335, the two replies' outputTokens.
    expect(s.tokens).toEqual({ input: 48243, cached_input: 24072, cache_write: 24167, output: 414, reasoning_output: 0, total: 48657 })
    expect(s.tokens_source).toBe('usage')
    expect(s.models).toEqual(['claude-sonnet-4.6'])
    const prompts = db.prepare(`SELECT text FROM prompts`).all()
    expect(prompts).toEqual([{ text: 'list available models' }])
    // The reply's reasoning is kept as text, and its encrypted twin only counted.
    expect(db.prepare(`SELECT text, encrypted FROM agent_reasoning_messages`).all()).toEqual([
      { text: 'The user wants to list available models.', encrypted: 1 }
    ])
  })

  it('1.0.55-1: sub-agent calls count, and both models’ usage adds up', async () => {
    const { sessions, result, db } = await ingest([SUBAGENT])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '030f200c')
    expect(s.prompts).toBe(1)
    // view, report_intent, task, and the sub-agent's two views.
    expect(s.tool_calls).toBe(5)
    expect(db.prepare(`SELECT name, COUNT(*) AS n FROM function_calls GROUP BY name ORDER BY name`).all()).toEqual([
      { name: 'report_intent', n: 1 },
      { name: 'task', n: 1 },
      { name: 'view', n: 3 }
    ])
    // opus 81666 in (8 + 54064 + 27594), 521 out (125 + 333 + 63); haiku 17050 in (17 + 13964 + 3069), 226 out (185 + 41).
    expect(s.tokens).toEqual({ input: 98716, cached_input: 68028, cache_write: 30663, output: 747, reasoning_output: 0, total: 99463 })
    expect(s.models).toEqual(['claude-opus-4.7-1m-internal', 'claude-haiku-4.5'])
    // The task call's prompt is the sub-agent's: an agent's prompt, not the person's (prompts stays 1).
    expect(db.prepare(`SELECT text FROM prompts WHERE by_agent = 1`).all()).toEqual([
      { text: expect.stringMatching(/^In the directory \/Users\/testuser\/workspace\/demo-project, do two things/) }
    ])
    // Views read files; nothing was written.
    expect(db.prepare(`SELECT COUNT(*) AS n FROM files_touched`).get()).toEqual({ n: 0 })
  })

  it('1.0.45 without a shutdown: branch, head commit and repository from session.start; no usage, and it says why', async () => {
    const { sessions, result, db } = await ingest([NO_SHUTDOWN])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '301561f1')
    expect(s.cwd).toBe('/Users/test/project')
    expect(s.branch).toBe('master')
    expect(s.commit).toBe('3a97d3e01e093f632865982193c9506debda3a87')
    expect(s.repository).toBe('github.com/test/repo')
    expect(s.prompts).toBe(1)
    expect(s.tool_calls).toBe(1)
    expect(s.models).toEqual(['gpt-4.1'])
    expect(db.prepare(`SELECT path, change FROM files_touched`).all()).toEqual([{ path: '/Users/test/project/hello.py', change: 'add' }])
    // No token rows at all: the totals are unknown, not zero.
    expect(s.tokens_source).toBe('none')
    expect(db.prepare(`SELECT COUNT(*) AS n FROM token_messages`).get()).toEqual({ n: 0 })
    const notes = db.prepare(`SELECT line, payload FROM events WHERE kind = 'marker' AND payload LIKE '%usage not recorded%'`).all() as {
      line: number
      payload: string
    }[]
    expect(notes).toHaveLength(1)
    expect(JSON.parse(notes[0].payload).detail).toMatch(/^usage not recorded: no session\.shutdown for the part of the session from line 1 /)
    // A second read of the unchanged file adds nothing, the note included.
    const again = await ingestPaths(db, [NO_SHUTDOWN])
    expect(again.events).toBe(0)
    expect(db.prepare(`SELECT COUNT(*) AS n FROM events WHERE payload LIKE '%usage not recorded%'`).get()).toEqual({ n: 1 })
    // A copy of the log elsewhere (as collect makes in .ai-logs/) repeats the note; it is not a second one.
    const copyDir = tmpDir('copilot-cli-copy-')
    removeLater(copyDir)
    copyFileSync(NO_SHUTDOWN, join(copyDir, 'events.jsonl'))
    await ingestPaths(db, [copyDir])
    expect(db.prepare(`SELECT COUNT(*) AS n FROM events WHERE payload LIKE '%usage not recorded%' AND replayed = 0`).get()).toEqual({ n: 1 })
  })
})

describe('copilot-cli: usage per part of a resumed session', () => {
  it('adds the shutdowns of every part when a later one counts less (an older CLI that counted each part alone)', async () => {
    const path = handMade([
      start(),
      prompt('a'),
      reply('gpt-5'),
      shutdown({ 'gpt-5': usage(1000, 100, 600, 0) }),
      { type: 'session.resume', data: { resumeTime: '2026-06-02T09:00:00.000Z', eventCount: 4 }, timestamp: '2026-06-02T09:00:00.000Z' },
      prompt('b'),
      reply('gpt-5'),
      shutdown({ 'gpt-5': usage(500, 50, 200, 0) })
    ])
    const { sessions, db } = await ingest([path])
    const s = byId(sessions, 'hand-0001')
    expect(s.prompts).toBe(2)
    expect(s.tokens).toEqual({ input: 1500, cached_input: 800, cache_write: 0, output: 150, reasoning_output: 0, total: 1650 })
    expect(db.prepare(`SELECT COUNT(*) AS n FROM events WHERE payload LIKE '%usage not recorded%'`).get()).toEqual({ n: 0 })
  })

  it('counts what each shutdown adds when its counters include the parts before it (1.0.80 and later)', async () => {
    const path = handMade([
      start(),
      prompt('a'),
      reply('gpt-5'),
      shutdown({ 'gpt-5': usage(1000, 100, 600, 0) }),
      { type: 'session.resume', data: { resumeTime: '2026-06-02T09:00:00.000Z', eventCount: 4 }, timestamp: '2026-06-02T09:00:00.000Z' },
      prompt('b'),
      reply('gpt-5'),
      reply('claude-haiku-4.5'),
      // gpt-5's counters went on from the first part's: 500 in, 50 out, 200 cache reads were added.
      shutdown({ 'gpt-5': usage(1500, 150, 800, 0), 'claude-haiku-4.5': usage(300, 20, 0, 100) })
    ])
    const { sessions, db } = await ingest([path])
    const s = byId(sessions, 'hand-0001')
    expect(s.tokens).toEqual({ input: 1800, cached_input: 800, cache_write: 100, output: 170, reasoning_output: 0, total: 1970 })
    const rows = db.prepare(`SELECT model, total, cum_total FROM token_messages WHERE counted = 1 ORDER BY event_id`).all()
    expect(rows).toEqual([
      { model: 'gpt-5', total: 1100, cum_total: 1100 },
      { model: 'gpt-5', total: 550, cum_total: 1650 },
      { model: 'claude-haiku-4.5', total: 320, cum_total: 320 }
    ])
  })

  it('a part that ended without a shutdown says so at the resume; the next part’s usage still counts', async () => {
    const path = handMade([
      start(),
      prompt('a'),
      reply('gpt-5'),
      { type: 'session.resume', data: { resumeTime: '2026-06-02T09:00:00.000Z', eventCount: 3 }, timestamp: '2026-06-02T09:00:00.000Z' },
      prompt('b'),
      reply('gpt-5'),
      shutdown({ 'gpt-5': usage(500, 50, 200, 0) })
    ])
    const { sessions, db } = await ingest([path])
    const s = byId(sessions, 'hand-0001')
    expect(s.tokens.total).toBe(550)
    const notes = db.prepare(`SELECT line, payload FROM events WHERE payload LIKE '%usage not recorded%'`).all() as { line: number; payload: string }[]
    expect(notes.map((n) => n.line)).toEqual([4])
    expect(JSON.parse(notes[0].payload).detail).toContain('from line 1 ')
    expect(JSON.parse(notes[0].payload).detail).toContain('resumed without one')
  })

  it('a session read while running gets its usage when the shutdown arrives later', async () => {
    const path = handMade([start(), prompt('a'), reply('gpt-5')])
    const { db } = await ingest([path])
    expect(listSessions(db)[0].tokens_source).toBe('none')
    appendFileSync(path, JSON.stringify(shutdown({ 'gpt-5': usage(900, 90, 400, 100) })) + '\n')
    const grown = await ingestPaths(db, [path])
    expect(grown.errors).toEqual([])
    const s = listSessions(db)[0]
    expect(s.tokens).toEqual({ input: 900, cached_input: 400, cache_write: 100, output: 90, reasoning_output: 0, total: 990 })
    // The note written at the first read stays: it says the session may have been running then.
    const note = db.prepare(`SELECT payload FROM events WHERE payload LIKE '%usage not recorded%'`).get() as { payload: string }
    expect(JSON.parse(note.payload).detail).toContain('still running when the log was read')
  })

  it('a shutdown without modelMetrics after an answer records no usage and says so', () => {
    const records = parse(handMade([start(), prompt('a'), reply('gpt-5'), shutdown(undefined)]))
    const payloads = records.flatMap((r) => (r.type === 'event' ? [r.event.payload] : []))
    expect(payloads.filter((p) => p.kind === 'token_usage')).toEqual([])
    const notes = payloads.filter((p) => p.kind === 'marker' && p.marker === 'error')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ detail: expect.stringContaining('has no modelMetrics') })
  })

  it('a session in which no model answered needs no usage and gets no note', () => {
    const records = parse(handMade([start(), prompt('a')]))
    expect(records.some((r) => r.type === 'event' && r.event.payload.kind === 'marker')).toBe(false)
  })
})

describe('copilot-cli: where the session ran', () => {
  it('a git context still pending at the start is taken from session.context_changed', async () => {
    const path = handMade([
      start('1.0.60', { context: { cwd: '/w/app', pendingGitContext: true } }),
      {
        type: 'session.context_changed',
        data: { cwd: '/w/app', gitRoot: '/w/app', branch: 'feature/x', headCommit: 'c0ffee', repository: 'acme/app', hostType: 'github' }
      },
      // A later change of branch does not move the session: its place is the first one known.
      { type: 'session.context_changed', data: { cwd: '/w/app', branch: 'main', headCommit: 'beef', repository: 'acme/app', hostType: 'github' } }
    ])
    const { sessions } = await ingest([path])
    const s = byId(sessions, 'hand-0001')
    expect([s.cwd, s.branch, s.commit, s.repository]).toEqual(['/w/app', 'feature/x', 'c0ffee', 'github.com/acme/app'])
  })
})

describe('copilot-cli: tools and event types', () => {
  it('files written by apply_patch and edit count only when the call succeeded', async () => {
    const call = (id: string, name: string, args: object) => ({ type: 'tool.execution_start', data: { toolCallId: id, toolName: name, arguments: args } })
    const done = (id: string, success: boolean) => ({ type: 'tool.execution_complete', data: { toolCallId: id, success, result: { content: 'ok' } } })
    const patch = '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-x\n+y\n*** Add File: src/b.ts\n+z\n*** End Patch'
    const path = handMade([
      start(),
      call('t1', 'apply_patch', { input: patch }),
      done('t1', true),
      call('t2', 'edit', { path: '/w/app/src/c.ts', old_str: 'a', new_str: 'b' }),
      done('t2', false),
      call('t3', 'bash', { command: 'npm test', description: 'run the tests' }),
      done('t3', true)
    ])
    const { db } = await ingest([path])
    expect(db.prepare(`SELECT path, change FROM files_touched ORDER BY path`).all()).toEqual([
      { path: 'src/a.ts', change: 'update' },
      { path: 'src/b.ts', change: 'add' }
    ])
    expect(db.prepare(`SELECT command FROM function_calls WHERE name = 'bash'`).get()).toEqual({ command: 'npm test' })
  })

  it('says which event types it does not know, and not the ones it knows and leaves alone', () => {
    const records = parse(handMade([start(), { type: 'hook.start', data: {} }, { type: 'session.teleported', data: {} }]))
    expect(records.filter((r) => r.type === 'unknown')).toEqual([{ type: 'unknown', line: 3, what: 'event "session.teleported"' }])
  })
})

/** Every file under `fixtures/`, but the pinned records and this agent's own logs. */
function otherFixtures(): string[] {
  return readdirSync(fixtures, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !relative(fixtures, p).startsWith('records') && !relative(fixtures, p).startsWith('copilot-cli'))
}

describe('copilot-cli: recognition, both ways', () => {
  it('claims its own logs, and the registry gives them to it', () => {
    for (const f of [MEDIUM, SUBAGENT, NO_SHUTDOWN]) {
      expect(sniffCopilotCli(sniffInput(f))).toBe(true)
      expect(recognize(sniffInput(f))?.id).toBe('copilot-cli-events')
    }
  })

  it('claims no other fixture, the VS Code transcript stream with the same vocabulary included', () => {
    const others = otherFixtures()
    expect(others.length).toBeGreaterThan(20)
    expect(others.filter((f) => sniffCopilotCli(sniffInput(f)))).toEqual([])
    expect(recognize(sniffInput(join(fixtures, 'copilot-chat', 'transcript-0.47.jsonl')))?.id).toBe('copilot-chat-transcript')
  })

  it('a session.start that names a VS Code version, or no copilot-agent producer, is not a Copilot CLI log', () => {
    const vscode = handMade([start('0.47.0', { vscodeVersion: '1.119.0' })])
    expect(sniffCopilotCli(sniffInput(vscode))).toBe(false)
    expect(recognize(sniffInput(vscode))?.id).toBe('copilot-chat-transcript')
    const other = handMade([start('1.0.60', { producer: 'some-wrapper' })])
    expect(sniffCopilotCli(sniffInput(other))).toBe(false)
  })
})

describe('copilot-cli: discovery', () => {
  it('lists the session logs under COPILOT_HOME, and no other file of a session folder', () => {
    const home = tmpDir('copilot-home-')
    removeLater(home)
    const copilotHome = join(home, 'custom-copilot')
    const a = join(copilotHome, 'session-state', 'aaaa')
    mkdirSync(join(a, 'checkpoints'), { recursive: true })
    writeFileSync(join(a, 'events.jsonl'), JSON.stringify(start()) + '\n')
    writeFileSync(join(a, 'workspace.yaml'), 'id: aaaa\ncwd: /w/app\n')
    writeFileSync(join(copilotHome, 'session-state', 'old-flat.jsonl'), JSON.stringify(start()) + '\n')
    mkdirSync(join(copilotHome, 'session-state', 'empty'))
    const repo = { root: '/w/app', worktrees: ['/w/app'], remotes: [] }
    const locs = defaultLocations(repo, { env: { COPILOT_HOME: copilotHome }, platform: 'linux', home })
    expect(locs.filter((l) => l.agent === 'copilot-cli').map((l) => relative(copilotHome, l.path))).toEqual([
      join('session-state', 'old-flat.jsonl'),
      join('session-state', 'aaaa', 'events.jsonl')
    ])
    // Without COPILOT_HOME the place is ~/.copilot, absent here.
    expect(defaultLocations(repo, { env: {}, platform: 'linux', home }).some((l) => l.agent === 'copilot-cli')).toBe(false)
  })
})
