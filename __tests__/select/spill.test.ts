import { afterAll, describe, expect, it } from '@jest/globals'
import { readdirSync, rmSync } from 'node:fs'
import type { SessionReport } from '../../src/select/report.js'
import { tmpDir } from '../helpers.js'
import { firstSessions, sessionPages } from '../../src/select/session-list.js'
import { SessionSink, SpillFile } from '../../src/select/spill.js'

/*
 * The sink a report's redacted sessions go to (src/select/spill.ts): held up to the file's
 * threshold, then written to the spill file and read back in order, as often as asked. Sessions
 * here are self-written, with a long text so pages are cut by size as well as by count.
 */

const session = (i: number, text = ''): SessionReport => ({
  id: `s-${i}`,
  title: text || null,
  agent: 'codex',
  agent_version: null,
  models: ['m'],
  cwd: null,
  repository: null,
  branch: null,
  commit: null,
  started_at: null,
  ended_at: null,
  parent_id: null,
  parent_relation: null,
  prompts: i,
  tool_calls: 0,
  tool_call_names: { shell: i },
  tokens: null,
  cost_usd: null,
  cost_source: null,
  files_touched: [],
  scope_reasons: [{ kind: 'all' }],
  turns: []
})

// A folder of this file's own for the spill files, so another test's is never counted here.
const ownTmp = tmpDir('alt-spill-tmp-')
afterAll(() => rmSync(ownTmp, { recursive: true, force: true }))
const spillDirs = () => readdirSync(ownTmp).filter((n) => n.startsWith('ai-log-trail-pages-'))

describe('SessionSink', () => {
  it('holds a small report as an array and opens no file', () => {
    const before = spillDirs()
    const file = new SpillFile(10, ownTmp)
    const sink = new SessionSink(file)
    for (let i = 0; i < 10; i++) sink.add(session(i))
    expect(sink.inMemory).toBe(true)
    expect(Array.isArray(sink.sessions())).toBe(true)
    expect(spillDirs()).toEqual(before)
    file.close()
  })

  it('reads a spilled report back in order, whole, every time, and deletes the file on close', () => {
    const before = spillDirs()
    const file = new SpillFile(3, ownTmp)
    const a = new SessionSink(file)
    const b = new SessionSink(file)
    // Past 8 MiB a read stops early: a few sessions this long make pages shorter than their count.
    const long = 'x'.repeat(3 << 20)
    const want = Array.from({ length: 1_203 }, (_, i) => session(i, i % 400 === 7 ? long : ''))
    for (const s of want) {
      a.add(s)
      b.add({ ...s, id: `b-${s.id}` })
    }
    expect(a.inMemory).toBe(false)
    expect(spillDirs().length).toBe(before.length + 1)
    const list = a.sessions()
    expect(list.length).toBe(want.length)
    expect([...list]).toEqual(want)
    expect([...list]).toEqual(want)
    expect([...b.sessions()].map((s) => s.id)).toEqual(want.map((s) => `b-${s.id}`))
    const restored = a.sessions((s, i) => ({ ...s, prompts: -i }))
    expect([...restored].map((s) => s.prompts)).toEqual(want.map((_, i) => -i))
    file.close()
    expect(spillDirs()).toEqual(before)
  })
})

describe('session lists', () => {
  const list = Array.from({ length: 7 }, (_, i) => session(i))
  it('pages a list by size, the last page short, an empty list none', () => {
    expect([...sessionPages(list, 3)].map((p) => p.map((s) => s.prompts))).toEqual([[0, 1, 2], [3, 4, 5], [6]])
    expect([...sessionPages([], 3)]).toEqual([])
  })
  it('takes the first sessions of a list without reading past them', () => {
    let read = 0
    const counted = {
      length: list.length,
      *[Symbol.iterator]() {
        for (const s of list) {
          read++
          yield s
        }
      }
    }
    const first = firstSessions(counted, 2)
    expect(first.length).toBe(2)
    expect([...first].map((s) => s.id)).toEqual(['s-0', 's-1'])
    expect(read).toBe(2)
    expect(firstSessions(list, 10)).toBe(list)
    expect([...firstSessions(counted, 0)]).toEqual([])
  })
})
