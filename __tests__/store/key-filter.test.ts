import { describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { NormalizedEvent } from '../../src/model/events.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fileIdFor } from '../../src/store/files.js'
import { KeyFilter } from '../../src/store/key-filter.js'
import { StoreWriter } from '../../src/store/writer.js'
import { tmpDir } from '../helpers.js'

describe('KeyFilter', () => {
  it('holds every key added, across the layers it grows, and few it was never given', () => {
    const f = new KeyFilter()
    const n = 100_000
    expect(f.mayHold('never-added')).toBe(false)
    for (let i = 0; i < n; i++) f.add(`k:${i}`)
    for (let i = 0; i < n; i++) if (!f.mayHold(`k:${i}`)) throw new Error(`lost key k:${i}`)
    let falsePositives = 0
    for (let i = 0; i < n; i++) if (f.mayHold(`other:${i}`)) falsePositives++
    expect(falsePositives / n).toBeLessThan(0.03)
  })
})

function event(key: string, line: number): NormalizedEvent {
  return { session_id: 's', ts: `2026-01-01T00:00:0${line}Z`, line, payload: { kind: 'assistant_message', text: 'x' }, dedupe_key: key }
}

/** Writes one batch of events into `file` as the ingest does: one write transaction per batch. */
function batch(db: Db, writer: StoreWriter, path: string, keys: string[]): void {
  const file = fileIdFor(db, path)
  db.transaction(() => {
    writer.beginBatch(new Map())
    keys.forEach((k, i) => writer.event(file, 'codex', 0, event(k, i + 1), null, '{}'))
    writer.flushTimes()
    writer.flushRawLines()
  }).immediate()
}

const replayed = (db: Db) =>
  db.prepare('SELECT f.path, e.dedupe_key AS k, e.replayed FROM events e JOIN files f ON f.id = e.file_id ORDER BY f.path, e.line').all()

describe('the writer with its key filter', () => {
  it('flags a key another file of the same ingest holds, as the lookups alone would', () => {
    const db = openStore(':memory:')
    const w = new StoreWriter(db)
    batch(db, w, '/a', ['k1', 'k2'])
    batch(db, w, '/b', ['k2', 'k3'])
    expect(replayed(db)).toEqual([
      { path: '/a', k: 'k1', replayed: 0 },
      { path: '/a', k: 'k2', replayed: 0 },
      { path: '/b', k: 'k2', replayed: 1 },
      { path: '/b', k: 'k3', replayed: 0 }
    ])
  })

  it('looks up keys a store already held before the ingest', () => {
    const db = openStore(':memory:')
    batch(db, new StoreWriter(db), '/a', ['k1'])
    batch(db, new StoreWriter(db), '/b', ['k1'])
    expect(replayed(db)).toEqual([
      { path: '/a', k: 'k1', replayed: 0 },
      { path: '/b', k: 'k1', replayed: 1 }
    ])
  })

  it('sees a key another connection wrote between two of its batches', () => {
    const d = tmpDir()
    const path = join(d, 'store.sqlite')
    const mine = openStore(path)
    const other = openStore(path)
    try {
      const w = new StoreWriter(mine)
      batch(mine, w, '/a', ['k1'])
      batch(other, new StoreWriter(other), '/b', ['k2'])
      batch(mine, w, '/a2', ['k2'])
      expect(replayed(mine)).toEqual([
        { path: '/a', k: 'k1', replayed: 0 },
        { path: '/a2', k: 'k2', replayed: 1 },
        { path: '/b', k: 'k2', replayed: 0 }
      ])
    } finally {
      mine.close()
      other.close()
      rmSync(d, { recursive: true, force: true })
    }
  })
})
