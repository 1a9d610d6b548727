import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { selectFrame } from '../../src/select/select.js'
import { countedUsageRowsOf, countedUsageRowsOfSession, MAX_HELD_ROWS_PER_SESSION } from '../../src/store/session-activity.js'
import { listedSessionIds } from '../../src/store/queries.js'
import { ingestFresh, tmpDir, type Ingested } from '../helpers.js'
import { selectFrameBefore } from './frame-before.js'
import { countedUsageRows } from '../store/per-session-queries.js'

/*
 * A session of a long log has more usage rows than a page of the frame holds (issue #13: a 2 GB
 * rollout holds hundreds of thousands). Its rows are read a row at a time when its cost is added,
 * in the order a page would have held them, so its costs and the report's float sums are those of
 * the frame that held every row (./frame-before.ts, verbatim). Self-written Codex rollouts: token
 * counts that grow by uneven amounts under two priced models, over several days.
 */

const now = new Date('2026-04-01T12:00:00Z')

/** A Codex rollout of `rows` counted token_count events, the model switching every 7th turn. */
function rollout(dir: string, n: number, rows: number): string {
  const id = `0199a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`
  const t0 = Date.UTC(2026, 2, 1, 10) + n * 3_600_000
  const ts = (i: number) => new Date(t0 + i * 97_000).toISOString()
  const lines = [
    {
      timestamp: ts(0),
      type: 'session_meta',
      payload: {
        id,
        timestamp: ts(0),
        cwd: '/home/dev/projects/demo',
        originator: 'codex_cli_rs',
        cli_version: '0.61.0',
        source: 'cli',
        model_provider: 'openai'
      }
    },
    { timestamp: ts(0), type: 'event_msg', payload: { type: 'user_message', message: `long session ${n}`, images: [] } }
  ]
  const total = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 }
  for (let i = 1; i <= rows; i++) {
    if (i % 7 === 1)
      lines.push({
        timestamp: ts(i),
        type: 'turn_context',
        payload: { cwd: '/home/dev/projects/demo', model: i % 14 === 1 ? 'gpt-5.1-codex' : 'gpt-5' }
      } as never)
    const last = {
      input_tokens: 1000 + ((i * 37) % 911),
      cached_input_tokens: (i * 13) % 700,
      output_tokens: 40 + ((i * 7) % 133),
      reasoning_output_tokens: (i * 3) % 17,
      total_tokens: 0
    }
    last.total_tokens = last.input_tokens + last.output_tokens
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += last[k]
    lines.push({
      timestamp: ts(i),
      type: 'event_msg',
      payload: { type: 'token_count', info: { total_token_usage: { ...total }, last_token_usage: last } }
    } as never)
  }
  const path = join(dir, `rollout-2026-03-01T10-00-00-${id}.jsonl`)
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return id
}

let store: Ingested
let logs: string
let longId: string
beforeAll(async () => {
  logs = tmpDir('alt-long-usage-')
  mkdirSync(logs, { recursive: true })
  rollout(logs, 1, 40)
  longId = rollout(logs, 2, MAX_HELD_ROWS_PER_SESSION + 321)
  rollout(logs, 3, 15)
  store = await ingestFresh([logs])
}, 120_000)
afterAll(() => {
  store.close()
  rmSync(logs, { recursive: true, force: true })
})

describe("a session with more usage rows than the frame's page holds", () => {
  it('is read a row at a time, none of its rows held', () => {
    const ids = listedSessionIds(store.db)
    expect(ids).toHaveLength(3)
    const page = countedUsageRowsOf(store.db, ids)
    expect([...page.streamed]).toEqual([longId])
    expect(page.held.has(longId)).toBe(false)
    expect(page.held.size).toBe(2)
    expect([...countedUsageRowsOfSession(store.db, longId)]).toEqual([...countedUsageRows(store.db, longId)])
    expect([...countedUsageRowsOfSession(store.db, longId)].length).toBeGreaterThan(MAX_HELD_ROWS_PER_SESSION)
  })

  it('holds no more rows of a page than its limit, giving up whole sessions', () => {
    const ids = listedSessionIds(store.db)
    const page = countedUsageRowsOf(store.db, ids, { rows: 50, perSession: 45 })
    expect([...page.held.values()].reduce((n, rows) => n + rows.length, 0)).toBeLessThanOrEqual(50)
    expect(page.held.size + page.streamed.size).toBe(3)
    expect(page.streamed.size).toBeGreaterThanOrEqual(2)
    for (const [id, rows] of page.held) {
      const withoutId = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'session_id')))
      expect(withoutId).toEqual([...countedUsageRows(store.db, id)])
    }
  })

  it('is costed as the frame that held every row costed it, float sums included', () => {
    const frame = selectFrame(store.db, { now })
    expect(frame.sessions.find((s) => s.id === longId)?.cost_source).toBe('estimate')
    expect(frame.usage.by_model.map((r) => r.key).sort()).toEqual(['gpt-5', 'gpt-5.1-codex'])
    expect(frame.usage.by_day.length).toBeGreaterThan(3)
    for (const opts of [{}, { filters: { timezone: 'Asia/Tokyo' } }, { mode: 'full' as const }])
      expect(JSON.stringify(selectFrame(store.db, { now, ...opts }))).toBe(JSON.stringify(selectFrameBefore(store.db, { now, ...opts })))
  })
})
