import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
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
