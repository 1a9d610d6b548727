import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { byId, ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { buildFixtureDb } from './sqlite-fixtures.js'

/*
 * Goose's session store, built from its own table definitions with hand-written rows
 * (fixtures/goose/: schema.sql, rows.json, SOURCES.md). The expected figures are counted by hand
 * from rows.json.
 */

const FIRST = '20251205_1'
const SECOND = '20251205_2'

let dir: string
let ingested: Ingested
beforeAll(async () => {
  dir = tmpDir('alt-goose-')
  buildFixtureDb('goose', join(dir, 'sessions.db')).close()
  ingested = await ingestFresh([dir])
})
afterAll(() => {
  ingested.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('goose database', () => {
  it('is read without problems, one session per session row', () => {
    expect(ingested.result.errors).toEqual([])
    expect(ingested.sessions.map((s) => s.id)).toEqual([FIRST, SECOND])
  })

  it('counts prompts, tool calls and the session token totals', () => {
    const s = byId(ingested.sessions, FIRST)
    expect(s.agent).toBe('goose')
    expect(s.cwd).toBe('/home/dev/demo')
    expect(s.started_at).toBe('2025-12-05T10:00:00.000Z')
    expect(s.ended_at).toBe('2025-12-05T10:05:00.000Z')
    // "Fix the flaky test …"; the summary goose wrote for the model (userVisible false) is context
    expect(s.prompts).toBe(1)
    // developer__shell, developer__text_editor
    expect(s.tool_calls).toBe(2)
    // accumulated_input_tokens 5000, accumulated_output_tokens 700: Goose keeps no cache figures
    expect(s.tokens).toEqual({ input: 5000, cached_input: 0, cache_write: 0, output: 700, reasoning_output: 0, total: 5700 })
    expect(s.models).toEqual(['claude-sonnet-4-5'])
    expect(s.reported_cost_usd).toBe(0.021)
  })

  it('takes the title from name, or description when name is empty', () => {
    const titles = ingested.db.prepare(`SELECT id, title FROM sessions ORDER BY id`).all()
    expect(titles).toEqual([
      { id: FIRST, title: 'Fix flaky test' },
      { id: SECOND, title: 'Say hello' }
    ])
    expect(byId(ingested.sessions, SECOND).cwd).toBe('/home/dev/other')
  })

  it('stores tool calls with their outputs, in both result shapes, and the shell command', () => {
    const calls = ingested.db
      .prepare(
        `SELECT c.name, c.command, r.output, r.status FROM function_calls c LEFT JOIN function_results r ON r.call_id = c.call_id AND r.session_id = c.session_id WHERE c.session_id = ? ORDER BY c.event_id`
      )
      .all(FIRST)
    expect(calls).toEqual([
      { name: 'developer__shell', command: 'npm test -- net', output: '1 failing: timeout of 100ms exceeded', status: 'success' },
      { name: 'developer__text_editor', command: null, output: 'The file has been edited.', status: 'success' }
    ])
  })

  it('records the file the text editor changed', () => {
    const files = ingested.db.prepare(`SELECT path, change FROM files_touched WHERE session_id = ?`).all(FIRST)
    expect(files).toEqual([{ path: '/home/dev/demo/test/net.test.ts', change: 'update' }])
  })

  it('keeps thinking as reasoning, and stores no event for a content type it does not interpret', () => {
    const reasoning = ingested.db.prepare(`SELECT text FROM agent_reasoning_messages WHERE session_id = ?`).pluck().all(FIRST)
    expect(reasoning).toEqual(['The timeout is too short for CI.'])
    const notes = ingested.db.prepare(`SELECT COUNT(*) FROM events WHERE session_id = ? AND payload LIKE '%Context compacted%'`).pluck().get(FIRST)
    expect(notes).toBe(0)
  })
})
