import { afterAll, describe, expect, it } from '@jest/globals'
import { readdirSync, rmSync } from 'node:fs'
import type { SessionReport, Turn } from '../../src/select/report.js'
import { tmpDir } from '../helpers.js'
import { firstSessions, sessionHeads, sessionPages } from '../../src/select/session-list.js'
import { SessionSink, SpillFile, turnChars } from '../../src/select/spill.js'

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
    // Past 1 MiB a read stops early: a few sessions this long make pages shorter than their count.
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

describe('SessionSink by size', () => {
  const turn = (text: string): Turn => ({
    ordinal: 1,
    ts: null,
    prompt: { text, private: false, by_agent: false, event_id: 1 },
    actions: [{ kind: 'tool_call', ts: null, name: 'shell', text, arguments: text, output: text, exit_code: 0, duration_ms: null, call_id: null, event_id: 2 }]
  })
  const withTurns = (i: number, chars: number): SessionReport => ({ ...session(i), turns: [turn('y'.repeat(chars))] })

  it('spills a report of few sessions once their turns’ text passes the file’s bound', () => {
    // Turns of 4 × 1,000 characters each: the third session takes the report past 10,000.
    const file = new SpillFile(2_000, ownTmp, 10_000)
    const sink = new SessionSink(file)
    sink.add(withTurns(0, 1_000))
    sink.add(withTurns(1, 1_000))
    expect(sink.inMemory).toBe(true)
    sink.add(withTurns(2, 1_000))
    expect(sink.inMemory).toBe(false)
    const want = [0, 1, 2].map((i) => withTurns(i, 1_000))
    expect([...sink.sessions()]).toEqual(want)
    file.close()
  })

  it('counts what a session’s turns hold: prompts, action texts, arguments and outputs', () => {
    expect(turnChars([turn('abc'), turn('de')])).toBe(4 * 3 + 4 * 2)
    expect(turnChars([])).toBe(0)
    // A summary-mode report has no turns: it spills by its count of sessions only.
    const file = new SpillFile(2_000, ownTmp, 0)
    const sink = new SessionSink(file)
    for (let i = 0; i < 100; i++) sink.add(session(i))
    expect(sink.inMemory).toBe(true)
    file.close()
  })

  it('gives a spilled report’s sessions without their turns for readers of none, and an array as it is', () => {
    const file = new SpillFile(0, ownTmp)
    const sink = new SessionSink(file)
    const want = Array.from({ length: 5 }, (_, i) => withTurns(i, 10))
    for (const s of want) sink.add(s)
    const list = sink.sessions()
    expect([...list]).toEqual(want)
    expect(list.heads?.length).toBe(5)
    expect([...sessionHeads(list)]).toEqual(want.map((s) => ({ ...s, turns: [] })))
    expect(sessionHeads(want)).toBe(want)
    file.close()
  })
})

describe('session lists', () => {
  const list = Array.from({ length: 7 }, (_, i) => session(i))
  it('pages a list by size, the last page short, an empty list none', () => {
    expect([...sessionPages(list, 3, (s) => s.prompts)]).toEqual([[0, 1, 2], [3, 4, 5], [6]])
    expect([...sessionPages([], 3, (s) => s.prompts)]).toEqual([])
  })

  it('maps each session as it is read, so a page holds rows and never its sessions', () => {
    const events: string[] = []
    const counted = {
      length: 4,
      *[Symbol.iterator]() {
        for (const s of list.slice(0, 4)) {
          events.push(`read ${s.prompts}`)
          yield s
        }
      }
    }
    const pages = [...sessionPages(counted, 2, (s) => (events.push(`map ${s.prompts}`), s.prompts))]
    expect(pages).toEqual([
      [0, 1],
      [2, 3]
    ])
    expect(events).toEqual(['read 0', 'map 0', 'read 1', 'map 1', 'read 2', 'map 2', 'read 3', 'map 3'])
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
