import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../../src/store/db.js'
import { eachSessionFacts, EVERY_FACT, type SessionFacts } from '../../src/store/scope-facts.js'
import { fixtures, ingestFresh } from '../helpers.js'

/**
 * The facts as they were read before a page of sessions shared one query per fact: one query per
 * session and fact. The paged reading must give exactly these, in this order.
 */
function factsOneByOne(db: Db): SessionFacts[] {
  const sessions = db
    .prepare(
      `SELECT id, agent, branch, started_at, ended_at FROM sessions WHERE EXISTS (SELECT 1 FROM events e WHERE e.session_id = sessions.id) ORDER BY started_at, id`
    )
    .all() as Omit<SessionFacts, 'log_files' | 'edits' | 'pull_requests'>[]
  const files = db.prepare(
    `SELECT DISTINCT f.path AS path FROM files f WHERE f.id IN (SELECT DISTINCT file_id FROM events WHERE session_id = ?) ORDER BY f.path`
  )
  const edits = db.prepare(
    `SELECT t.path AS path, e.ts AS ts FROM files_touched t JOIN events e ON e.id = t.event_id WHERE t.session_id = ? ORDER BY e.ts, t.path`
  )
  const links = db.prepare(
    `SELECT DISTINCT json_extract(payload, '$.url') AS url FROM events WHERE session_id = ? AND kind = 'link' AND replayed = 0 AND json_extract(payload, '$.rel') = 'pull_request' ORDER BY url`
  )
  return sessions.map((s) => ({
    ...s,
    log_files: (files.all(s.id) as { path: string }[]).map((r) => r.path),
    edits: edits.all(s.id) as { path: string; ts: string | null }[],
    pull_requests: (links.all(s.id) as { url: string | null }[]).flatMap((r) => (r.url ? [r.url] : []))
  }))
}

describe('the scope facts, a page of sessions per query', () => {
  // Every agent's fixtures (real logs, anonymized, and hand-made ones: fixtures/*/SOURCES.md), so
  // sessions of several log files, sessions with edits and one with a pull request link are among them.
  const agentDirs = readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['records', 'redaction', 'recorder'].includes(d.name))
    .map((d) => join(fixtures, d.name))

  it('gives what one query per session gave, at every page size, and only the facts asked for', async () => {
    const ing = await ingestFresh(agentDirs)
    try {
      const expected = factsOneByOne(ing.db)
      expect(expected.length).toBeGreaterThan(10)
      expect(expected.some((f) => f.log_files.length > 1)).toBe(true)
      expect(expected.some((f) => f.edits.length > 1)).toBe(true)
      expect(expected.some((f) => f.pull_requests.length > 0)).toBe(true)
      for (const size of [1, 2, 3, 7, 64, 10_000]) expect([size, [...eachSessionFacts(ing.db, EVERY_FACT, size)]]).toEqual([size, expected])
      const pathsOnly = [...eachSessionFacts(ing.db, { log_files: true, edits: false, pull_requests: false }, 3)]
      expect(pathsOnly).toEqual(expected.map((f) => ({ ...f, edits: [], pull_requests: [] })))
      const none = [...eachSessionFacts(ing.db, { log_files: false, edits: false, pull_requests: false })]
      expect(none).toEqual(expected.map((f) => ({ ...f, log_files: [], edits: [], pull_requests: [] })))
    } finally {
      ing.close()
    }
  })

  it('leaves the connection free between two pages', async () => {
    const ing = await ingestFresh([join(fixtures, 'codex'), join(fixtures, 'claude-code')])
    try {
      const seen: string[] = []
      for (const f of eachSessionFacts(ing.db, EVERY_FACT, 2)) {
        // A write while the generator is suspended: it throws if a statement is still being read.
        ing.db.prepare('CREATE TEMP TABLE IF NOT EXISTS seen (id TEXT)').run()
        ing.db.prepare('INSERT INTO seen (id) VALUES (?)').run(f.id)
        seen.push(f.id)
      }
      expect(ing.db.prepare('SELECT id FROM seen').pluck().all()).toEqual(seen)
    } finally {
      ing.close()
    }
  })
})
