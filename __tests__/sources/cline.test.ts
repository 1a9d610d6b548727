import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { byId, cleanUpAfterEach, fixtures, tmpDir } from '../helpers.js'
import { agentOf, clineSources, taskIdOf } from '../../src/sources/cline/index.js'
import { recognize } from '../../src/sources/registry.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { defaultLocations } from '../../src/discover/locations.js'
import { sniffInput } from './sniff-input.js'

/**
 * Cline, Roo Code and Kilo Code task folders. Every fixture is hand-made after real task files
 * (see fixtures/cline/SOURCES.md); the expected figures below were added up by hand from the
 * `api_req_started` records of each `ui_messages.json`, as each comment shows.
 */
const clineTasks = join(fixtures, 'cline', 'globalStorage', 'saoudrizwan.claude-dev', 'tasks')
/** After a Cline 3.3x task: no `modelInfo`, commands, edits, a cancelled last request; with its API history and metadata. */
const CLINE_TASK = join(clineTasks, '1760534080239')
/** After a Cline 3.4x task: `modelInfo` on every record, pretty-printed, the provider's cost 0. */
const CLINE_MODELINFO = join(clineTasks, '1767644899093', 'ui_messages.json')
const ROO_TASK = join(fixtures, 'roo-code', 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks', '0f6a1c2e-5b7d-4e1a-9c3f-2d8e6b4a7f10')
const KILO_TASK = join(fixtures, 'kilo-code', 'globalStorage', 'kilocode.kilo-code', 'tasks', '7c1e9a42-3d6b-4f8e-a0b5-91c2d4e6f813')

const { ingest, removeLater } = cleanUpAfterEach()

/** Writes hand-made UI records as `<dir>/<extension>/tasks/<id>/ui_messages.json`. */
function handMade(records: object[], extension = 'saoudrizwan.claude-dev', id = '1700000000000'): string {
  const dir = tmpDir('cline-')
  removeLater(dir)
  const task = join(dir, extension, 'tasks', id)
  mkdirSync(task, { recursive: true })
  const path = join(task, 'ui_messages.json')
  writeFileSync(path, JSON.stringify(records))
  return path
}

const apiReq = (ts: number, info: object) => ({ ts, type: 'say', say: 'api_req_started', text: JSON.stringify(info) })

describe('cline: task folders', () => {
  it('Cline 3.3x: prompts, calls, files, place, usage and cost of the three files of a task', async () => {
    const { sessions, result, db } = await ingest([CLINE_TASK])
    expect(result.errors).toEqual([])
    expect(sessions).toHaveLength(1)
    const s = byId(sessions, '1760534080239')
    expect(s.agent).toBe('cline')
    expect(s.cwd).toBe('/home/dev/projects/todo-cli')
    expect(s.repository).toBe('https://github.com/example/todo-cli.git')
    expect(s.commit).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904')
    expect(s.started_at).toBe('2025-10-15T13:14:40.239Z')
    // The task (first record) and one `user_feedback`.
    expect(db.prepare(`SELECT text FROM prompts ORDER BY ordinal`).all()).toEqual([
      { text: 'Add a --verbose flag to the CLI in src/cli.ts' },
      { text: 'Also document it in docs/verbose.md' }
    ])
    // readFile, editedExistingFile, `npm test`, newFileCreated.
    expect(s.tool_calls).toBe(4)
    expect(db.prepare(`SELECT name FROM function_calls ORDER BY event_id`).all()).toEqual([
      { name: 'readFile' },
      { name: 'editedExistingFile' },
      { name: 'execute_command' },
      { name: 'newFileCreated' }
    ])
    expect(db.prepare(`SELECT DISTINCT path FROM files_touched ORDER BY path`).all()).toEqual([{ path: 'docs/verbose.md' }, { path: 'src/cli.ts' }])
    // Five requests with usage (the sixth was cancelled and has none). tokensIn excludes the cache:
    // input = Σ(tokensIn + cacheReads + cacheWrites) = 11145 + 11786 + 12678 + 12969 + 13156 = 61734;
    // cached = 0 + 11264 + 11786 + 12666 + 12966 = 48682; written = 11145 + 522 + 880 + 300 + 150 = 12997;
    // output = 173 + 36 + 410 + 95 + 220 = 934.
    expect(s.tokens).toEqual({ input: 61734, cached_input: 48682, cache_write: 12997, output: 934, reasoning_output: 0, total: 62668 })
    // 0.00319945 + 0.00096902 + 0.0123 + 0.0061 + 0.0079
    expect(s.reported_cost_usd).toBeCloseTo(0.03046847, 10)
    // No `modelInfo` in this version: the model comes from task_metadata.json.
    expect(s.models).toEqual(['claude-sonnet-4-5-20250929'])
  })

  it('Cline 3.4x: the model of `modelInfo`, and the provider’s reported cost of 0 kept as 0', async () => {
    const { sessions, result } = await ingest([CLINE_MODELINFO])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '1767644899093')
    expect(s.prompts).toBe(2)
    expect(s.tool_calls).toBe(1)
    expect(s.cwd).toBe('c:/Users/dev/Desktop/flutter_app')
    // (11495 + 512) + (349 + 12352) + (1210 + 12672) = 38590 in; 16 + 60 + 380 = 456 out; 512 + 12352 + 12672 read.
    expect(s.tokens).toEqual({ input: 38590, cached_input: 25536, cache_write: 0, output: 456, reasoning_output: 0, total: 39046 })
    expect(s.models).toEqual(['x-ai/grok-code-fast-1'])
    expect(s.reported_cost_usd).toBe(0)
  })

  it('Roo Code: `apiProtocol: "openai"` counts the cache inside tokensIn; the place comes from the API history', async () => {
    const { sessions, result, db } = await ingest([ROO_TASK])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '0f6a1c2e-5b7d-4e1a-9c3f-2d8e6b4a7f10')
    expect(s.agent).toBe('roo-code')
    expect(s.cwd).toBe('c:/Projects/vscode/BeeLlamaTest')
    expect(s.prompts).toBe(1)
    // readFile, the MCP call memory/search_nodes, newFileCreated.
    expect(s.tool_calls).toBe(3)
    expect(db.prepare(`SELECT name, tool_type FROM function_calls WHERE tool_type = 'mcp'`).all()).toEqual([{ name: 'memory/search_nodes', tool_type: 'mcp' }])
    // 33240 + 34412 + 42625 in (the 20480 read are inside the last 42625); 198 + 292 + 316 out.
    expect(s.tokens).toEqual({ input: 110277, cached_input: 20480, cache_write: 0, output: 806, reasoning_output: 0, total: 111083 })
    expect(s.reported_cost_usd).toBeCloseTo(0.0300942 + 0.0312336 + 0.0386469, 10)
    // Roo Code's records name no model.
    expect(s.models).toEqual([])
  })

  it('Kilo Code: told by its extension folder; `apiProtocol: "anthropic"` counts the cache apart', async () => {
    const { sessions, result, db } = await ingest([KILO_TASK])
    expect(result.errors).toEqual([])
    const s = byId(sessions, '7c1e9a42-3d6b-4f8e-a0b5-91c2d4e6f813')
    expect(s.agent).toBe('kilo-code')
    expect(s.cwd).toBe('/home/dev/projects/todo-cli')
    // (1200 + 900 + 0) + (35 + 2100 + 140) = 4375 in; 80 + 60 = 140 out.
    expect(s.tokens).toEqual({ input: 4375, cached_input: 3000, cache_write: 140, output: 140, reasoning_output: 0, total: 4515 })
    expect(db.prepare(`SELECT path, change FROM files_touched`).all()).toEqual([{ path: 'README.md', change: 'add' }])
  })
})

describe('cline: records the reader does not know, and tasks without usage', () => {
  it('a task whose requests record no usage has no token figures (null), not zero', async () => {
    const path = handMade([
      { ts: 1700000000000, type: 'say', say: 'text', text: 'hello' },
      apiReq(1700000000100, { request: '<task>\nhello\n</task>' }),
      { ts: 1700000000200, type: 'say', say: 'completion_result', text: 'Hi.' }
    ])
    const { sessions, db } = await ingest([path])
    const s = byId(sessions, '1700000000000')
    expect(s.tokens_source).toBe('none')
    expect(db.prepare(`SELECT COUNT(*) AS n FROM token_messages`).get()).toEqual({ n: 0 })
    expect(s.reported_cost_usd).toBeNull()
  })

  it('reports a say type it does not know as unknown, at its place in the array, and keeps reading', () => {
    const path = handMade([
      { ts: 1700000000000, type: 'say', say: 'text', text: 'hello' },
      { ts: 1700000000100, type: 'say', say: 'quantum_leap', text: '?' },
      apiReq(1700000000200, { tokensIn: 5, tokensOut: 7, cacheWrites: 0, cacheReads: 0, cost: 0.01 })
    ])
    const source = recognize(sniffInput(path))
    expect(source?.id).toBe('cline-ui-messages')
    if (source?.mode !== 'document') throw new Error('not a document source')
    const out: ParseRecord[] = []
    source.parseDocument(sniffInput(path).text, { path, fallbackSessionId: 'x' }, out)
    expect(out.filter((r) => r.type === 'unknown')).toEqual([{ type: 'unknown', line: 2, what: 'ui message say "quantum_leap"' }])
    expect(out.some((r) => r.type === 'event' && r.event.payload.kind === 'token_usage' && r.event.line === 3)).toBe(true)
  })
})

describe('cline: which agent, which task', () => {
  it('the extension folder decides; a copy in .ai-logs/<agent>/ keeps its agent; else Roo Code’s apiProtocol marker', () => {
    const roo = '[{"ts":1,"type":"say","say":"api_req_started","text":"{\\"apiProtocol\\":\\"openai\\"}"}]'
    expect(agentOf('/u/.config/Code/User/globalStorage/kilocode.kilo-code/tasks/a/ui_messages.json', roo)).toBe('kilo-code')
    expect(agentOf('/repo/.ai-logs/kilo-code/a/ui_messages.json', roo)).toBe('kilo-code')
    expect(agentOf('/elsewhere/a/ui_messages.json', roo)).toBe('roo-code')
    expect(agentOf('/elsewhere/a/ui_messages.json', '[{"ts":1,"type":"say","say":"text","text":"hi"}]')).toBe('cline')
  })

  it('the task id is the task folder’s name, or the stem of a one-file copy', () => {
    expect(taskIdOf('/x/tasks/1760534080239/ui_messages.json', 'f')).toBe('1760534080239')
    expect(taskIdOf('/repo/.ai-logs/cline/1760534080239.json', 'f')).toBe('1760534080239')
  })

  it('each file of the fixtures is claimed by the source of its agent and kind only', () => {
    const path = join(CLINE_TASK, 'task_metadata.json')
    expect(clineSources.filter((s) => s.sniff(sniffInput(path))).map((s) => s.id)).toEqual(['cline-task-metadata'])
    const history = join(ROO_TASK, 'api_conversation_history.json')
    expect(clineSources.filter((s) => s.sniff(sniffInput(history))).map((s) => s.id)).toEqual(['roo-code-api-history'])
  })
})

describe('cline: discovery', () => {
  it('lists the task files of each extension in every VS Code user folder, and no other file of a task', () => {
    const home = tmpDir('cline-home-')
    removeLater(home)
    const user = join(home, '.config', 'Code', 'User', 'globalStorage')
    for (const ext of ['saoudrizwan.claude-dev', 'rooveterinaryinc.roo-cline', 'kilocode.kilo-code']) {
      const task = join(user, ext, 'tasks', 't1')
      mkdirSync(task, { recursive: true })
      for (const f of ['ui_messages.json', 'api_conversation_history.json', 'context_history.json']) writeFileSync(join(task, f), '[]')
    }
    const repo = { root: '/w/app', worktrees: ['/w/app'], remotes: [] }
    const locs = defaultLocations(repo, { env: {}, platform: 'linux', home }).filter((l) => ['cline', 'roo-code', 'kilo-code'].includes(l.agent))
    const files = (ext: string) => ['ui_messages.json', 'api_conversation_history.json'].map((f) => join(ext, 'tasks', 't1', f))
    expect(locs.map((l) => [l.agent, relative(user, l.path)])).toEqual([
      ...files('saoudrizwan.claude-dev').map((f) => ['cline', f]),
      ...files('rooveterinaryinc.roo-cline').map((f) => ['roo-code', f]),
      ...files('kilocode.kilo-code').map((f) => ['kilo-code', f])
    ])
  })
})
