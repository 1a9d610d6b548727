import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { byId, ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { buildFixtureDb } from './sqlite-fixtures.js'

/*
 * OpenCode's store, built from its own table definitions with hand-written rows
 * (fixtures/opencode/: schema.sql, rows.json, SOURCES.md). The expected figures are counted by
 * hand from rows.json.
 */

const A = 'ses_A000000000000000000001'
const B = 'ses_B000000000000000000002'
const C = 'ses_C000000000000000000003'

let dir: string
let ingested: Ingested
beforeAll(async () => {
  dir = tmpDir('alt-opencode-')
  buildFixtureDb('opencode', join(dir, 'opencode.db')).close()
  ingested = await ingestFresh([dir])
})
afterAll(() => {
  ingested.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('opencode database', () => {
  it('is read without problems, one session per session row', () => {
    expect(ingested.result.errors).toEqual([])
    expect(ingested.result.files).toBe(1)
    expect(ingested.sessions.map((s) => s.id)).toEqual([A, B, C])
  })

  it('counts prompts, tool calls and tokens by the messages, never again by their step-finish parts', () => {
    const s = byId(ingested.sessions, A)
    expect(s.agent).toBe('opencode')
    expect(s.agent_version).toBe('1.0.150')
    expect(s.cwd).toBe('/home/dev/demo')
    expect(s.started_at).toBe('2025-12-05T16:00:00.000Z')
    // "Add a --retry flag …" and "Now document it …"; the synthetic Read note and the attached file are context.
    expect(s.prompts).toBe(2)
    // read, edit, bash, write (the write failed, but was called)
    expect(s.tool_calls).toBe(4)
    // msg_A2: input 1200 + cache read 8000 + cache write 400 = 9600, output 300 + reasoning 50 = 350
    // msg_A4: input 200 + cache read 9000 = 9200, output 100
    expect(s.tokens).toEqual({ input: 18800, cached_input: 17000, cache_write: 400, output: 450, reasoning_output: 50, total: 19250 })
    expect(s.models).toEqual(['claude-sonnet-4-5'])
    // 0.0123 + 0.004, as OpenCode priced its messages
    expect(s.reported_cost_usd).toBe(0.0163)
  })

  it('makes a child session a sub-agent of its parent, its task a prompt by an agent', () => {
    const s = byId(ingested.sessions, B)
    expect(s.parent_id).toBe(A)
    expect(s.parent_relation).toBe('subagent')
    expect(s.prompts).toBe(0)
    const prompts = ingested.db.prepare(`SELECT text, by_agent FROM prompts WHERE session_id = ?`).all(B)
    expect(prompts).toEqual([{ text: 'List the test files', by_agent: 1 }])
    expect(s.tool_calls).toBe(1)
    expect(s.tokens.total).toBe(120)
    expect(s.models).toEqual(['gpt-5'])
  })

  it('keeps each session in its own folder, for repository scoping', () => {
    expect(byId(ingested.sessions, C).cwd).toBe('/home/dev/other')
    const title = ingested.db.prepare(`SELECT title FROM sessions WHERE id = ?`).pluck().get(A)
    expect(title).toBe('Add a retry flag')
  })

  it('stores the tool calls with their outputs, exit codes and shell command', () => {
    const calls = ingested.db
      .prepare(
        `SELECT c.name, c.command, r.output, r.exit_code, r.status FROM function_calls c LEFT JOIN function_results r ON r.call_id = c.call_id AND r.session_id = c.session_id WHERE c.session_id = ? ORDER BY c.event_id`
      )
      .all(A)
    expect(calls).toEqual([
      { name: 'read', command: null, output: 'export function fetchAll() {}', exit_code: null, status: 'completed' },
      { name: 'edit', command: null, output: 'Edit applied successfully.', exit_code: null, status: 'completed' },
      { name: 'bash', command: 'npm test', output: '3 passing', exit_code: 0, status: 'completed' },
      { name: 'write', command: null, output: 'Permission denied', exit_code: null, status: 'error' }
    ])
  })

  it('records the files the session changed: an edit and a patch part, not a write that failed', () => {
    const files = ingested.db.prepare(`SELECT DISTINCT path FROM files_touched WHERE session_id = ? ORDER BY path`).pluck().all(A)
    expect(files).toEqual(['/home/dev/demo/src/fetch.ts'])
  })

  it('keeps the assistant text and reasoning', () => {
    const kinds = ingested.db.prepare(`SELECT kind, COUNT(*) AS n FROM events WHERE session_id = ? GROUP BY kind ORDER BY kind`).all(A)
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: 'assistant_message', n: 2 },
        { kind: 'reasoning', n: 1 },
        { kind: 'context_message', n: 2 },
        { kind: 'token_usage', n: 2 }
      ])
    )
  })

  it('gives every event a dedupe key made from its row id, so a copy of the database is recognized', () => {
    const keys = ingested.db.prepare(`SELECT dedupe_key FROM events`).pluck().all() as (string | null)[]
    expect(keys.every((k) => k !== null && k.startsWith('opencode:'))).toBe(true)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
