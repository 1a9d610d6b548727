import { describe, expect, it } from '@jest/globals'
import type { NormalizedEvent } from '../../src/model/events.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fileIdFor } from '../../src/store/files.js'
import { CACHED_SESSIONS, StoreWriter } from '../../src/store/writer.js'

/*
 * The writer caches, per session, that it has a row and its last turn, and per file and log id the
 * stored session: a first ingest of many small files, a session each, grew them by a few hundred
 * bytes a file (docs/performance.md, "a first ingest of many small files"). Past CACHED_SESSIONS
 * they are emptied between batches and asked of the store again.
 */

function prompt(session: string, line: number): NormalizedEvent {
  return {
    session_id: session,
    ts: `2026-01-01T00:00:00.${String(line).padStart(3, '0')}Z`,
    line,
    payload: { kind: 'user_prompt', text: 'go', by_agent: false }
  } as NormalizedEvent
}

/** One batch of one file, as the ingest writes it. */
function batch(db: Db, writer: StoreWriter, path: string, events: NormalizedEvent[]): void {
  const file = fileIdFor(db, path)
  db.transaction(() => {
    writer.beginBatch(new Map())
    events.forEach((e, i) => writer.event(file, 'codex', i, e, null, '{}'))
    writer.flushTimes()
    writer.flushRawLines()
  }).immediate()
}

describe("the writer's caches", () => {
  it('hold no more than CACHED_SESSIONS sessions however many files are written', () => {
    const db = openStore(':memory:')
    const w = new StoreWriter(db)
    let most = 0
    for (let i = 0; i < 2 * CACHED_SESSIONS + 10; i++) {
      batch(db, w, `/logs/${i}.jsonl`, [prompt(`s${i}`, 1)])
      most = Math.max(most, w.cached)
    }
    expect(most).toBeGreaterThan(0)
    expect(most).toBeLessThanOrEqual(CACHED_SESSIONS + 1)
    expect(db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(2 * CACHED_SESSIONS + 10)
  })

  it('number a session’s turns on from the store once emptied', () => {
    const db = openStore(':memory:')
    const w = new StoreWriter(db)
    batch(db, w, '/logs/long.jsonl', [prompt('long', 1)])
    for (let i = 0; i < CACHED_SESSIONS + 10; i++) batch(db, w, `/logs/${i}.jsonl`, [prompt(`s${i}`, 1)])
    batch(db, w, '/logs/long.jsonl', [prompt('long', 2), prompt('long', 3)])
    expect(db.prepare("SELECT ordinal FROM turns WHERE session_id = 'long' ORDER BY ordinal").pluck().all()).toEqual([1, 2, 3])
    expect(db.prepare("SELECT turn FROM events WHERE session_id = 'long' ORDER BY line").pluck().all()).toEqual([1, 2, 3])
    expect(db.prepare("SELECT COUNT(*) FROM sessions WHERE id = 'long'").pluck().get()).toBe(1)
  })
})
