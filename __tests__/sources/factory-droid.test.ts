import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { byId, cleanUpAfterEach, fixtures, tmpDir } from '../helpers.js'
import { droidSession, droidSettings, sniffDroid } from '../../src/sources/factory-droid/index.js'
import type { ParseRecord } from '../../src/sources/types.js'
import { defaultLocations } from '../../src/discover/locations.js'
import { sniffInput } from './sniff-input.js'

/**
 * Factory Droid sessions. The fixture is hand-made (no real Droid session with a license was
 * found; see fixtures/factory-droid/SOURCES.md); its figures are added up by hand below.
 */
const folder = join(fixtures, 'factory-droid', 'sessions', '-home-dev-projects-todo-cli')
const ID = '8d3f1b2a-6c4e-4a9b-b1d7-2e5f0c9a7b31'
const LOG = join(folder, `${ID}.jsonl`)
const SETTINGS = join(folder, `${ID}.settings.json`)

const { ingest, removeLater } = cleanUpAfterEach()
function write(name: string, text: string, dir = '.factory'): string {
  const root = tmpDir('droid-')
  removeLater(root)
  const d = join(root, dir, 'sessions', '-w-app')
  mkdirSync(d, { recursive: true })
  writeFileSync(join(d, name), text)
  return join(d, name)
}

describe('factory-droid: a session and its settings', () => {
  it('the log gives prompts, calls and files; the settings give the model and the token totals', async () => {
    const { sessions, result, db } = await ingest([folder])
    expect(result.errors).toEqual([])
    expect(sessions).toHaveLength(1)
    const s = byId(sessions, ID)
    expect(s.agent).toBe('factory-droid')
    expect(s.cwd).toBe('/home/dev/projects/todo-cli')
    expect(s.started_at).toBe('2026-11-20T09:00:05.000Z')
    // One typed prompt; the four user messages of tool results only are not prompts.
    expect(s.prompts).toBe(1)
    // Read, Edit, Execute (`npm test`), Create.
    expect(s.tool_calls).toBe(4)
    expect(db.prepare(`SELECT command FROM function_calls WHERE command IS NOT NULL`).all()).toEqual([{ command: 'npm test' }])
    // The Edit succeeded; the Create's result is an error, so it touched nothing.
    expect(db.prepare(`SELECT path, change FROM files_touched`).all()).toEqual([{ path: '/home/dev/projects/todo-cli/src/list.ts', change: 'update' }])
    // tokenUsage: input 412 + cacheRead 38400 + cacheCreation 9210 = 48022; output 1290 + thinking 96 = 1386.
    expect(s.tokens).toEqual({ input: 48022, cached_input: 38400, cache_write: 9210, output: 1386, reasoning_output: 96, total: 49408 })
    expect(s.models).toEqual(['claude-sonnet-4-5-20250929'])
    expect(db.prepare(`SELECT title FROM sessions`).get()).toEqual({ title: 'JSON output' })
  })

  it('a session without its settings file has no token figures, not zero', async () => {
    const { sessions } = await ingest([LOG])
    expect(byId(sessions, ID).tokens_source).toBe('none')
  })

  it('reports an entry type it does not know as unknown', () => {
    const path = write(
      's1.jsonl',
      [JSON.stringify({ type: 'session_start', id: 's1', title: 't', cwd: '/w/app' }), JSON.stringify({ type: 'todo_state', todos: [] })].join('\n') + '\n'
    )
    const out: ParseRecord[] = []
    const p = droidSession.createParser({ path, fallbackSessionId: 'f' })
    sniffInput(path).lines.forEach((l, i) => p.push(l, i + 1, out))
    expect(out.filter((r) => r.type === 'unknown')).toEqual([{ type: 'unknown', line: 2, what: 'entry "todo_state"' }])
  })
})

describe('factory-droid: recognition', () => {
  it('takes Droid’s own header and settings, not look-alikes', () => {
    expect(sniffDroid(sniffInput(LOG))).toBe(true)
    expect(droidSettings.sniff(sniffInput(SETTINGS))).toBe(true)
    // Enso's session_start carries `model` and `resumed`.
    expect(sniffDroid(sniffInput(write('e.jsonl', JSON.stringify({ type: 'session_start', id: 'e', model: 'm', cwd: '/w', resumed: false }) + '\n')))).toBe(
      false
    )
    // Antigravity writes the same settings shape.
    const anti = write('a.settings.json', JSON.stringify({ model: 'gemini', providerLock: 'google', tokenUsage: { inputTokens: 1 } }), '.antigravity')
    expect(droidSettings.sniff(sniffInput(anti))).toBe(false)
  })
})

describe('factory-droid: discovery', () => {
  it('lists ~/.factory/sessions whole: its sessions are scoped by their cwd', () => {
    const home = tmpDir('droid-home-')
    removeLater(home)
    mkdirSync(join(home, '.factory', 'sessions', '-w-app'), { recursive: true })
    const repo = { root: '/w/app', worktrees: ['/w/app'], remotes: [] }
    const locs = defaultLocations(repo, { env: {}, platform: 'linux', home }).filter((l) => l.agent === 'factory-droid')
    expect(locs.map((l) => l.path)).toEqual([join(home, '.factory', 'sessions')])
  })
})
