import { describe, expect, it } from '@jest/globals'
import { openStore } from '../../src/store/db.js'

/*
 * Migration 17: a page of sessions' tool-call counts (`sessionSummaries`) and tools
 * (`toolCallCountsOf`) are read from `function_calls_session` alone. A call's row holds its
 * arguments, so reading the rows read most of the table's pages on every report.
 */

const PAGE = `session_id IN (SELECT value FROM json_each(?))`
// The two queries as src/store/queries.ts and session-activity.ts make them for a page.
const QUERIES = [
  `SELECT session_id, COUNT(*) AS n FROM function_calls WHERE replayed = 0 AND ${PAGE} GROUP BY session_id`,
  `SELECT session_id, name, COUNT(*) AS n FROM function_calls WHERE ${PAGE} AND replayed = 0
     GROUP BY session_id, name ORDER BY session_id, n DESC, name`
]

describe("the tool calls' session index", () => {
  it.each(QUERIES)('covers %s', (sql) => {
    const db = openStore(':memory:')
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[]).map((r) => r.detail).join('\n')
      expect(plan).toMatch(/USING COVERING INDEX function_calls_session/)
    } finally {
      db.close()
    }
  })
})
