import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { NormalizedEvent } from '../../src/model/events.js'
import { openStore } from '../../src/store/db.js'
import { readEventPayload } from '../../src/store/event-payload.js'
import { fileIdFor } from '../../src/store/files.js'
import { restorePayload, storedPayload } from '../../src/store/payload.js'
import { StoreWriter } from '../../src/store/writer.js'
import { fixtures } from '../helpers.js'

/* Real parser output: every event the record fixtures (fixtures/records/) hold, of every source. */
function recordedPayloads(): NormalizedEvent['payload'][] {
  const out: NormalizedEvent['payload'][] = []
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name)
      if (d.isDirectory()) walk(p)
      else if (d.name.endsWith('.records.json')) {
        const doc = JSON.parse(readFileSync(p, 'utf8')) as { records: { type: string; event?: NormalizedEvent }[] }
        for (const r of doc.records) if (r.type === 'event' && r.event) out.push(r.event.payload)
      }
    }
  }
  walk(join(fixtures, 'records'))
  return out
}

describe('payloads stored once', () => {
  const payloads = recordedPayloads()

  it('reads back every recorded payload exactly from its remainder and its typed row', () => {
    expect(payloads.length).toBeGreaterThan(500)
    const db = openStore(':memory:')
    const writer = new StoreWriter(db)
    const file = fileIdFor(db, '/logs/all.jsonl')
    const ids: number[] = []
    payloads.forEach((payload, i) => {
      const ev: NormalizedEvent = { session_id: 's', ts: null, line: i + 1, payload }
      expect(writer.event(file, 'codex', 0, ev, null, storedPayload(payload))).toBe(true)
      ids.push((db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number }).id)
    })
    const back = ids.map((id) => readEventPayload(db, id))
    expect(back).toEqual(payloads.map((p) => JSON.parse(JSON.stringify(p)) as unknown))
    db.close()
  })

  it('keeps in events.payload none of the text a typed table holds', () => {
    const kinds = new Set(payloads.map((p) => p.kind))
    for (const k of ['user_prompt', 'tool_call', 'reasoning', 'token_usage', 'tool_result']) expect(kinds).toContain(k)
    for (const p of payloads) {
      const stored = storedPayload(p)
      if (p.kind === 'user_prompt' || p.kind === 'reasoning') expect(stored.includes(JSON.stringify(p.text).slice(1, -1)) && p.text.length > 8).toBe(false)
      if (p.kind === 'tool_call' && p.arguments.length > 8) expect(stored).not.toContain(JSON.stringify(p.arguments).slice(1, -1))
      if (p.kind === 'tool_result') expect(stored === '' || !stored.includes('"output"')).toBe(true)
    }
  })

  it('keeps a value the typed column could not give back as it was: a lone surrogate, an explicit null, counts of another shape', () => {
    const lone = { kind: 'user_prompt', text: 'cut \ud83d', by_agent: false, images: 0 } as const
    expect(JSON.parse(storedPayload(lone))).toEqual({ text: 'cut \ud83d', images: 0 })
    const call = { kind: 'tool_call', call_id: null, name: 'x', arguments: '{}', command: undefined, tool_type: 'function' } as const
    expect(storedPayload(call)).toBe('{"call_id":null}')
    expect(restorePayload('tool_call', '{"call_id":null}', { call_id: null, name: 'x', arguments: '{}', command: null, tool_type: 'function' })).toEqual({
      kind: 'tool_call',
      call_id: null,
      name: 'x',
      arguments: '{}',
      tool_type: 'function'
    })
    // A payload an earlier build stored whole reads back as it was, whatever the typed row says.
    expect(restorePayload('user_prompt', '{"kind":"user_prompt","text":"old","by_agent":true,"images":0}', { text: 'new', by_agent: 0 })).toEqual({
      kind: 'user_prompt',
      text: 'old',
      by_agent: true,
      images: 0
    })
  })
})
