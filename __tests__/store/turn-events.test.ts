import { describe, expect, it } from '@jest/globals'
import type { NormalizedEvent } from '../../src/model/events.js'
import { openStore } from '../../src/store/db.js'
import { fileIdFor } from '../../src/store/files.js'
import { storedPayload } from '../../src/store/payload.js'
import { readTurnEvents, sessionFileCount } from '../../src/store/turn-events.js'
import { StoreWriter } from '../../src/store/writer.js'

/* Self-written records: the cases of a tool call's result that real logs rarely show side by side. */

function store() {
  const db = openStore(':memory:')
  const writer = new StoreWriter(db)
  const file = fileIdFor(db, '/logs/a.jsonl')
  let line = 0
  const add = (payload: NormalizedEvent['payload'], extra: Partial<NormalizedEvent> = {}) => {
    const ev: NormalizedEvent = { session_id: 's1', ts: `2026-01-01T00:00:${String(++line).padStart(2, '0')}Z`, line, payload, ...extra }
    writer.event(file, 'codex', 0, ev, null, storedPayload(payload))
  }
  return { db, add }
}

const call = (call_id: string | null, name = 'shell'): NormalizedEvent['payload'] => ({
  kind: 'tool_call',
  call_id,
  name,
  arguments: '{}',
  command: null,
  tool_type: 'function'
})
const result = (call_id: string | null, output: string, exit_code: number | null = 0): NormalizedEvent['payload'] => ({
  kind: 'tool_result',
  call_id,
  output,
  exit_code,
  duration_ms: 5,
  status: null
})

describe('readTurnEvents', () => {
  it('joins each tool call to the last result under its id, and none to a call without one', () => {
    const { db, add } = store()
    add({ kind: 'user_prompt', text: 'go', by_agent: false, images: 0 })
    add(call('c1'))
    add(result('c1', 'first', 1))
    add(result('c1', 'second', 0))
    add(call(null, 'anonymous'))
    add(result(null, 'orphan'))
    add(call('', 'empty-id'))
    add(result('', 'empty'))
    add(call('c2'))
    const events = [...readTurnEvents(db, 's1', true)]
    const calls = events
      .filter((e) => e.payload.kind === 'tool_call')
      .map((e) => [(e.payload as { name: string }).name, e.result?.output ?? null, e.result?.exit_code ?? null])
    expect(calls).toEqual([
      ['shell', 'second', 0],
      ['anonymous', null, null],
      ['empty-id', null, null],
      ['shell', null, null]
    ])
    // Results are not records of their own under a prompt.
    expect(events.some((e) => (e.payload.kind as string) === 'tool_result')).toBe(false)
    expect(sessionFileCount(db, 's1')).toBe(1)
    db.close()
  })

  it('reads only prompts without actions, and leaves replayed records out', () => {
    const { db, add } = store()
    add({ kind: 'user_prompt', text: 'one', by_agent: false, images: 0 })
    add({ kind: 'assistant_message', text: 'ok', phase: null })
    add({ kind: 'user_prompt', text: 'copied', by_agent: false, images: 0 }, { replayed: true })
    add({ kind: 'user_prompt', text: 'two', by_agent: false, images: 0 })
    expect([...readTurnEvents(db, 's1', false)].map((e) => [e.turn, (e.payload as { text: string }).text])).toEqual([
      [1, 'one'],
      [2, 'two']
    ])
    expect([...readTurnEvents(db, 's1', true)].map((e) => e.payload.kind)).toEqual(['user_prompt', 'assistant_message', 'user_prompt'])
    db.close()
  })
})
