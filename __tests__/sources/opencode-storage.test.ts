import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { opencodeStorage } from '../../src/sources/opencode/storage.js'
import { recognize } from '../../src/sources/registry.js'
import { byId, ingestFresh, tmpDir } from '../helpers.js'
import { buildFixtureDb, writeOpencodeStorage } from './sqlite-fixtures.js'
import { sniffInput } from './sniff-input.js'

/*
 * OpenCode's older JSON store, written at test time from the same hand-made rows as the database
 * fixture (fixtures/opencode/rows.json): it must give the same sessions, prompts, calls and tokens,
 * and a session found in both counts once.
 */

const A = 'ses_A000000000000000000001'
const B = 'ses_B000000000000000000002'

let dir: string
let storage: string
beforeAll(() => {
  dir = tmpDir('alt-opencode-storage-')
  storage = writeOpencodeStorage(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('opencode storage/ JSON files', () => {
  it('recognizes session, message and part files', () => {
    for (const f of [join('session', 'prj_demo', `${A}.json`), join('message', A, 'msg_A2.json'), join('part', 'msg_A2', 'prt_A2e.json')])
      expect(recognize(sniffInput(join(storage, f)))).toBe(opencodeStorage)
  })

  it('gives what the database gives: prompts, tool calls, tokens, folders and sub-agents', async () => {
    const i = await ingestFresh([storage])
    try {
      expect(i.result.errors).toEqual([])
      const a = byId(i.sessions, A)
      expect(a).toMatchObject({ agent: 'opencode', agent_version: '1.0.150', cwd: '/home/dev/demo', prompts: 2, tool_calls: 4, models: ['claude-sonnet-4-5'] })
      expect(a.tokens).toEqual({ input: 18800, cached_input: 17000, cache_write: 400, output: 450, reasoning_output: 50, total: 19250 })
      const b = byId(i.sessions, B)
      expect(b).toMatchObject({ parent_id: A, parent_relation: 'subagent', prompts: 0, tool_calls: 1 })
      expect(i.db.prepare(`SELECT DISTINCT path FROM files_touched WHERE session_id = ?`).pluck().all(A)).toEqual(['/home/dev/demo/src/fetch.ts'])
    } finally {
      i.close()
    }
  })

  it('counts a session once when both the database and the JSON files hold it', async () => {
    buildFixtureDb('opencode', join(dir, 'opencode.db')).close()
    const i = await ingestFresh([join(dir, 'opencode.db'), storage])
    try {
      expect(i.result.errors).toEqual([])
      const a = byId(i.sessions, A)
      expect(a.prompts).toBe(2)
      expect(a.tool_calls).toBe(4)
      expect(a.tokens.total).toBe(19250)
    } finally {
      i.close()
    }
  })
})

describe('opencode storage/ recognition', () => {
  it('does not take a JSON Lines log that mentions OpenCode ids for one of its files', () => {
    const part = JSON.stringify({ id: 'prt_1', sessionID: 'ses_1', messageID: 'msg_1', type: 'text', text: 'hi' })
    const lines = [part, part]
    expect(opencodeStorage.sniff({ path: 'x.jsonl', lines, parsed: lines.map((l) => JSON.parse(l) as unknown), text: lines.join('\n') })).toBe(false)
    expect(opencodeStorage.sniff({ path: 'x.json', lines: [part], parsed: [JSON.parse(part) as unknown], text: part })).toBe(true)
  })
})
