import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { byId, cleanUpAfterEach, fixtures, tmpDir } from '../helpers.js'
import { piSession, sniffPi } from '../../src/sources/pi/index.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { defaultLocations, piSessionDir } from '../../src/discover/locations.js'
import { sniffInput } from './sniff-input.js'

const sessions = join(fixtures, 'pi', 'sessions')
/** Real (pi-mono's own test fixture, MIT), session format 1, trimmed: see fixtures/pi/SOURCES.md. */
const REAL = join(sessions, '--Users-badlogic-workspaces-pi-mono--', '2025-12-09T00-53-29-825Z_ffae836b-9420-4060-ac13-7745215f90ff.jsonl')
/** Hand-made after pi's documented format 3: ids, model and thinking-level entries, a failed write. */
const V3 = join(sessions, '--home-dev-projects-todo-cli--', '2026-10-02T10-00-00-000Z_019a7c3e-2b1f-7d40-9e6a-5c8b0f1d2e3a.jsonl')

const { ingest, removeLater } = cleanUpAfterEach()

function handMade(lines: object[], dir = '.pi'): string {
  const root = tmpDir('pi-')
  removeLater(root)
  const folder = join(root, dir, 'agent', 'sessions', '--w-app--')
  mkdirSync(folder, { recursive: true })
  const path = join(folder, '2026-01-01T00-00-00-000Z_11111111-2222-4333-8444-555555555555.jsonl')
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return path
}

const header = { type: 'session', version: 3, id: 's1', timestamp: '2026-01-01T00:00:00.000Z', cwd: '/w/app' }

describe('pi: session files', () => {
  it('a real format-1 session: prompts, calls, the write, usage and the cost pi reported', async () => {
    const { sessions: all, result, db } = await ingest([REAL])
    expect(result.errors).toEqual([])
    const s = byId(all, 'ffae836b-9420-4060-ac13-7745215f90ff')
    expect(s.agent).toBe('pi')
    expect(s.cwd).toBe('/Users/badlogic/workspaces/pi-mono')
    // `branchedFrom` names the session it was branched from.
    expect(s.parent_id).toBe('d97339c6-6c10-4827-846b-9ff1d9c3dc37')
    // Eight `role: "user"` messages (file lines 2, 13, 15, 19, 21, 23, 31, 34).
    expect(s.prompts).toBe(8)
    // read ×3 (lines 3, 6), bash ×3 (16, 24, 28), write (26), and the `!ls` of line 33.
    expect(s.tool_calls).toBe(8)
    // Summed over the 14 assistant lines' `usage` (with jq, from the file): input 2841 fresh + 444670 read
    // + 138165 written = 585676; output 25302. The aborted answer of line 32 used nothing and is not counted.
    expect(s.tokens).toEqual({ input: 585676, cached_input: 444670, cache_write: 138165, output: 25302, reasoning_output: 0, total: 610978 })
    expect(s.reported_cost_usd).toBeCloseTo(1.73262125, 8)
    // The header's model, then the four `model_change` entries at the end.
    expect(s.models).toEqual(['claude-opus-4-5', 'claude-3-opus-20240229', 'claude-opus-4-5-20251101', 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'])
    expect(db.prepare(`SELECT COUNT(*) AS n FROM files_touched`).get()).toEqual({ n: 1 })
  })

  it('hand-made format 3: a failed write touches nothing; the edit does; the session’s name is its title', async () => {
    const { sessions: all, result, db } = await ingest([V3])
    expect(result.errors).toEqual([])
    const s = byId(all, '019a7c3e-2b1f-7d40-9e6a-5c8b0f1d2e3a')
    expect(s.prompts).toBe(1)
    expect(s.tool_calls).toBe(3)
    // (3 + 0 + 4200) + (1 + 4200 + 150) + (1 + 4350 + 120) + (1 + 4470 + 90) = 17586 in; 60 + 80 + 45 + 30 = 215 out.
    expect(s.tokens).toEqual({ input: 17586, cached_input: 13020, cache_write: 4560, output: 215, reasoning_output: 0, total: 17801 })
    expect(s.reported_cost_usd).toBeCloseTo(0.01587 + 0.00245 + 0.00207 + 0.00195, 10)
    expect(db.prepare(`SELECT path, change FROM files_touched`).all()).toEqual([{ path: 'src/cli.ts', change: 'update' }])
    expect(db.prepare(`SELECT title FROM sessions`).get()).toEqual({ title: 'Rename --quiet' })
  })

  it('a session whose answers record no usage has no token figures', async () => {
    const path = handMade([
      header,
      { type: 'message', id: 'm1', parentId: null, timestamp: '2026-01-01T00:00:01.000Z', message: { role: 'user', content: 'hi' } },
      {
        type: 'message',
        id: 'm2',
        parentId: 'm1',
        timestamp: '2026-01-01T00:00:02.000Z',
        message: { role: 'assistant', content: [{ type: 'text', text: 'hello' }], stopReason: 'stop' }
      }
    ])
    const { sessions: all } = await ingest([path])
    expect(byId(all, 's1').tokens_source).toBe('none')
  })

  it('reports an entry type or message role it does not know as unknown', () => {
    const path = handMade([
      header,
      { type: 'time_travel', id: 'x', parentId: null, timestamp: '2026-01-01T00:00:01.000Z' },
      { type: 'message', id: 'y', parentId: 'x', timestamp: '2026-01-01T00:00:02.000Z', message: { role: 'oracle', content: '?' } }
    ])
    const out: ParseRecord[] = []
    const p = piSession.createParser({ path, fallbackSessionId: 'f' })
    sniffInput(path).lines.forEach((l, i) => p.push(l, i + 1, out))
    expect(out.filter((r) => r.type === 'unknown')).toEqual([
      { type: 'unknown', line: 2, what: 'entry "time_travel"' },
      { type: 'unknown', line: 3, what: 'message role "oracle"' }
    ])
  })
})

describe('pi: recognition', () => {
  it('takes pi’s header, and not the same header in OpenClaw’s or Command Code’s folders', () => {
    expect(sniffPi(sniffInput(handMade([header])))).toBe(true)
    expect(sniffPi(sniffInput(handMade([header], '.openclaw')))).toBe(false)
    expect(sniffPi(sniffInput(handMade([header], '.commandcode')))).toBe(false)
    // A header without pi's version or start model is not enough.
    expect(sniffPi(sniffInput(handMade([{ type: 'session', id: 's', timestamp: 't', cwd: '/w' }])))).toBe(false)
  })
})

describe('pi: discovery', () => {
  it('lists the session folders of the repository and its subfolders, under PI_CODING_AGENT_DIR', () => {
    const home = tmpDir('pi-home-')
    removeLater(home)
    const agentDir = join(home, 'custom-pi')
    for (const d of ['--w-app--', '--w-app-pkg--', '--w-other--']) mkdirSync(join(agentDir, 'sessions', d), { recursive: true })
    expect(piSessionDir('/w/app')).toBe('--w-app--')
    expect(piSessionDir('C:\\w\\app')).toBe('--C--w-app--')
    const repo = { root: '/w/app', worktrees: ['/w/app'], remotes: [] }
    const locs = defaultLocations(repo, { env: { PI_CODING_AGENT_DIR: agentDir }, platform: 'linux', home }).filter((l) => l.agent === 'pi')
    expect(locs.map((l) => relative(agentDir, l.path))).toEqual([join('sessions', '--w-app--'), join('sessions', '--w-app-pkg--')])
  })
})
