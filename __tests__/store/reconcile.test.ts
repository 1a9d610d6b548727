import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '../../src/store/db.js'
import { fileIdFor } from '../../src/store/files.js'
import { reconcileCopies } from '../../src/store/reconcile.js'
import { byId, fixtures, ingestFresh, tmpDir } from '../helpers.js'

const STREAM = join(fixtures, 'claude-code', 'stream', 'claude-p-stream.jsonl')
const SESSION = '55555555-5555-4555-8555-555555555555'

describe('one session read through two log formats', () => {
  it('counts the format with the larger total once, not both', async () => {
    const d = tmpDir()
    try {
      // The transcript Claude Code wrote for the same run as the stream-json capture.
      const transcript = readFileSync(
        join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '11111111-1111-4111-8111-111111111111.jsonl'),
        'utf8'
      ).replaceAll('11111111-1111-4111-8111-111111111111', SESSION)
      mkdirSync(join(d, 'projects'), { recursive: true })
      writeFileSync(join(d, 'projects', `${SESSION}.jsonl`), transcript)
      const alone = [await ingestFresh([STREAM]), await ingestFresh([join(d, 'projects')])]
      const [stream, trans] = alone.map((r) => byId(r.sessions, SESSION))
      alone.forEach((r) => r.close())
      expect(stream.tokens.total).not.toBe(trans.tokens.total)
      const winner = stream.tokens.total > trans.tokens.total ? stream : trans
      for (const order of [
        [STREAM, join(d, 'projects')],
        [join(d, 'projects'), STREAM]
      ]) {
        const both = await ingestFresh(order)
        try {
          const s = byId(both.sessions, SESSION)
          expect(s.tokens).toEqual(winner.tokens)
          expect(s.prompts).toBe(winner.prompts)
          expect(s.tool_calls).toBe(winner.tool_calls)
        } finally {
          both.close()
        }
      }
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('records several sessions hold under one key', () => {
  it("marks the later holder's copy replayed, and leaves a key one session holds twice alone", () => {
    const db = openStore(':memory:')
    const file = fileIdFor(db, '/logs/a.jsonl')
    const add = db.prepare(`INSERT INTO events (file_id, line, seq, session_id, ts, kind, payload, dedupe_key) VALUES (?, ?, 0, ?, ?, 'message', '{}', ?)`)
    // Session a ends first, so it owns the key it shares with b; a also holds "twice" on two lines.
    add.run(file, 1, 'a', '2026-01-01T00:00:01Z', 'shared')
    add.run(file, 2, 'a', '2026-01-01T00:00:02Z', 'twice')
    add.run(file, 3, 'a', '2026-01-01T00:00:03Z', 'twice')
    add.run(file, 4, 'b', '2026-01-01T00:00:01Z', 'shared')
    add.run(file, 5, 'b', '2026-01-01T00:00:09Z', 'own')
    expect(reconcileCopies(db, ['b'])).toBe(1)
    expect(db.prepare('SELECT line, session_id AS sid, replayed FROM events ORDER BY line').all()).toEqual([
      { line: 1, sid: 'a', replayed: 0 },
      { line: 2, sid: 'a', replayed: 0 },
      { line: 3, sid: 'a', replayed: 0 },
      { line: 4, sid: 'b', replayed: 1 },
      { line: 5, sid: 'b', replayed: 0 }
    ])
    expect(reconcileCopies(db, ['a', 'b'])).toBe(0)
    db.close()
  })
})
