import { describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { readSessionFacts } from '../../src/store/scope-facts.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'
import { recording } from './query-plan-helpers.js'

/** The indexes docs/database.md lists, from its Indexes table's first column. */
function documentedIndexes(): string[] {
  const doc = readFileSync(join(repoRoot, 'docs', 'database.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Indexes'), doc.indexOf('\n## ', doc.indexOf('## Indexes') + 1))
  return [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).sort()
}

describe('indexes', () => {
  it('the schema creates exactly the indexes docs/database.md lists with the query each serves', () => {
    const db = openStore(':memory:')
    const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all() as string[]
    db.close()
    expect(documentedIndexes().length).toBeGreaterThan(5)
    expect(names).toEqual(documentedIndexes())
  })

  it("a session's links are read through their own index, not by scanning the session's records", async () => {
    const d = tmpDir()
    const db = openStore(join(d, 'links.sqlite'))
    try {
      await ingestPaths(db, [join(fixtures, 'claude-code')])
      const { db: proxy, prepared } = recording(db)
      readSessionFacts(proxy)
      const links = prepared.find((sql) => /kind = 'link'/.test(sql))!
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${links}`).all(null) as { detail: string }[]).map((r) => r.detail)
      expect(plan).toEqual(expect.arrayContaining([expect.stringMatching(/^SEARCH events USING INDEX events_links \(session_id=\?\)$/)]))
    } finally {
      db.close()
      rmSync(d, { recursive: true, force: true })
    }
  })
})
