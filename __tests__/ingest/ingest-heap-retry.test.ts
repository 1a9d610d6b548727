import { describe, expect, it } from '@jest/globals'
import { withEarlierAttempt } from '../../src/ingest/ingest-thread.js'

/*
 * The ingest's worker runs first with its old generation capped; when that attempt stops (before
 * something over its held-bytes bound, or out of heap) a second goes on from what it committed
 * (src/ingest/ingest-thread.ts). The whole run, with real files, is tested in
 * __tests__/memory/ingest-held-bytes.slow.test.ts; here, how the two results are put together.
 */

describe("the ingest's result after a second attempt", () => {
  it('puts a result together from both attempts without counting a file twice', () => {
    const before = {
      files_read: [1, 2],
      events: 10,
      skipped_lines: 1,
      errors: [{ file: '/l/a.jsonl', line: 3, reason: 'bad' }],
      session_ids: ['s2', 's1'],
      // The first attempt forgot a second path of a stored file; the second finds none left.
      merged_paths: [{ kept: '/l/a.jsonl', forgot: '/link/a.jsonl' }]
    }
    const again = {
      files: 1,
      unchanged_files: 5,
      sessions: 2,
      events: 4,
      skipped_lines: 0,
      errors: [{ file: '/l/c.jsonl', line: null, reason: 'unreadable' }],
      session_ids: ['s1', 's3'],
      parsed_on: 'thread' as const,
      format_warnings: [],
      merged_paths: []
    }
    expect(withEarlierAttempt(before, again)).toEqual({
      files: 3,
      unchanged_files: 3,
      sessions: 3,
      events: 14,
      skipped_lines: 1,
      errors: [before.errors[0], again.errors[0]],
      session_ids: ['s1', 's2', 's3'],
      parsed_on: 'thread',
      format_warnings: [],
      merged_paths: [{ kept: '/l/a.jsonl', forgot: '/link/a.jsonl' }]
    })
  })
})
