import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, tmpDir } from '../helpers.js'

/**
 * The dedupe key as the stores already written hold it, spelled out with a Hash object fed each
 * part in turn: a store (or a team store) written by an earlier version must get the same key for
 * the same record, or a copy of a log it already holds would count twice.
 */
function keyAsStored(sessionId: string, text: string, seq: number): string {
  const digest = createHash('sha1').update(text).digest('base64url')
  return createHash('sha1').update(sessionId).update('\0').update(digest).update('\0').update(String(seq)).digest('base64url')
}

describe('record keys', () => {
  it('each event’s dedupe key is the one earlier versions stored for its line and place in it, non-ASCII lines included', async () => {
    const d = tmpDir()
    const db = openStore(join(d, 'keys.sqlite'))
    try {
      const src = join(fixtures, 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')
      // A non-ASCII message and an astral-plane character: the key hashes the line's UTF-8 bytes.
      const extra = JSON.stringify({
        timestamp: '2025-08-20T15:30:00.000Z',
        type: 'event_msg',
        payload: { type: 'user_message', message: 'déjà vu — 日本語 🚀' }
      })
      const log = join(d, 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')
      writeFileSync(log, readFileSync(src, 'utf8').trimEnd() + '\n' + extra + '\n')
      await ingestPaths(db, [log])
      const lines = readFileSync(log, 'utf8').split('\n')
      const rows = db
        .prepare('SELECT e.line, e.seq, e.dedupe_key, s.log_id FROM events e JOIN session_sources s ON s.file_id = e.file_id ORDER BY e.id')
        .all() as {
        line: number
        seq: number
        dedupe_key: string | null
        log_id: string
      }[]
      expect(rows.length).toBeGreaterThan(5)
      expect(rows.some((r) => lines[r.line - 1] === extra)).toBe(true)
      for (const r of rows) expect(r.dedupe_key).toBe(keyAsStored(r.log_id, lines[r.line - 1], r.seq))
    } finally {
      db.close()
      rmSync(d, { recursive: true, force: true })
    }
  })

  it('a line read with invalid UTF-8 bytes or a CR before its newline is keyed by its text as decoded, as before', async () => {
    const d = tmpDir()
    const db = openStore(join(d, 'keys.sqlite'))
    try {
      const src = join(fixtures, 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')
      const message = (text: string) =>
        JSON.stringify({ timestamp: '2025-08-20T15:30:00.000Z', type: 'event_msg', payload: { type: 'user_message', message: text } })
      const [before, after] = message('bad \u0000 byte').split('\\u0000')
      const log = join(d, 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')
      writeFileSync(
        log,
        Buffer.concat([
          Buffer.from(readFileSync(src, 'utf8').trimEnd() + '\n'),
          Buffer.from(before),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(after + '\n'),
          Buffer.from(message('déjà, with CRLF') + '\r\n')
        ])
      )
      await ingestPaths(db, [log])
      const lines = readFileSync(log, 'utf8').replaceAll('\r', '').split('\n')
      const rows = db
        .prepare('SELECT e.line, e.seq, e.dedupe_key, s.log_id FROM events e JOIN session_sources s ON s.file_id = e.file_id ORDER BY e.id')
        .all() as { line: number; seq: number; dedupe_key: string | null; log_id: string }[]
      const last = lines.filter((l) => l !== '').length
      expect(rows.filter((r) => r.line >= last - 1).map((r) => lines[r.line - 1].slice(-20))).toEqual(
        expect.arrayContaining([expect.stringContaining('\ufffd'), expect.stringContaining('CRLF')])
      )
      for (const r of rows) expect(r.dedupe_key).toBe(keyAsStored(r.log_id, lines[r.line - 1], r.seq))
    } finally {
      db.close()
      rmSync(d, { recursive: true, force: true })
    }
  })
})
