import { afterEach, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ingestOnThisThread, ingestPaths } from '../../src/ingest/ingest.js'
import { openStore, type Db } from '../../src/store/db.js'
import { reconcileCopies } from '../../src/store/reconcile.js'
import { StoreWriter } from '../../src/store/writer.js'
import { fixtures, tmpDir } from '../helpers.js'
import { plan, recording } from './query-plan-helpers.js'

/*
 * Work that must stay linear in the rows involved, checked through SQLite's query plans (timing
 * targets live in `npm run bench`): every statement that reconciles copies or looks up a dedupe key
 * is run with EXPLAIN QUERY PLAN. A correlated subquery runs once per outer row; a search bounded
 * only by the key scans every row that shares it (a session of identical lines).
 */

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function storeWithCopies(): Promise<{ db: Db; sessions: string[] }> {
  const d = tmpDir()
  dirs.push(d)
  const db = openStore(join(d, 'plans.sqlite'))
  // The Claude Code fixtures hold a resumed session and a fork: records under shared keys.
  const r = await ingestPaths(db, [join(fixtures, 'claude-code')])
  return { db, sessions: r.session_ids }
}

describe('query plans', () => {
  it('reconciling copies runs no correlated subquery and scans no table of events', async () => {
    const { db, sessions } = await storeWithCopies()
    try {
      const rec = recording(db)
      reconcileCopies(rec.db, sessions)
      expect(rec.prepared.length).toBeGreaterThan(0)
      for (const sql of rec.prepared) {
        const steps = plan(db, sql)
        expect({ sql, correlated: steps.filter((s) => /CORRELATED/.test(s)) }).toEqual({ sql, correlated: [] })
        // A full scan of events (under any alias) is linear in the whole store, not in the rows involved.
        expect({ sql, scans: steps.filter((s) => /^SCAN (events|[a-z])\b/.test(s) && !/^SCAN c\b/.test(s)) }).toEqual({ sql, scans: [] })
      }
    } finally {
      db.close()
    }
  })

  it("the ingest's reconciliation, formats and the pending list included, scans no table of the store", async () => {
    const d = tmpDir()
    dirs.push(d)
    const db = openStore(join(d, 'plans.sqlite'))
    try {
      const rec = recording(db)
      let during: string[] = []
      await ingestOnThisThread(
        rec.db,
        [join(fixtures, 'claude-code')],
        {},
        {
          reconcile: (run) => {
            const from = rec.prepared.length
            run()
            during = rec.prepared.slice(from)
          }
        }
      )
      // Every statement of both passes is prepared whether or not a session has two formats.
      expect(during.some((sql) => /SET replayed = 2/.test(sql))).toBe(true)
      expect(during.some((sql) => /reconcile_pending/.test(sql))).toBe(true)
      for (const sql of during) {
        const steps = plan(db, sql)
        // Statements run once per session: a scan in one is the store's size times the sessions
        // (a correlated subquery that seeks an index is not). The temporary keys (c) are the rows
        // involved, and the pending list is read whole once. A pending session whose records are all
        // gone (its file read again) is looked for in session_sources by its own index (migration 21;
        // a scan of the table per such session before).
        const allowed = /^SCAN (c|reconcile_pending)\b/
        expect({ sql, scans: steps.filter((s) => /^SCAN /.test(s) && !allowed.test(s)) }).toEqual({ sql, scans: [] })
      }
    } finally {
      db.close()
    }
  })

  it('looking up whether another file holds a key seeks on key, flag and file, so repeats of one key cost nothing', async () => {
    const { db } = await storeWithCopies()
    try {
      const rec = recording(db)
      new StoreWriter(rec.db)
      const lookups = rec.prepared.filter((sql) => /^SELECT/i.test(sql.trim()) && /dedupe_key = \?/.test(sql))
      expect(lookups.length).toBeGreaterThan(0)
      for (const sql of lookups) {
        const steps = plan(db, sql)
        expect({ sql, steps }).toEqual({
          sql,
          steps: [expect.stringMatching(/^SEARCH events USING COVERING INDEX \w+ \(dedupe_key=\? AND replayed=\? AND file_id[<>]\?\)$/)]
        })
      }
    } finally {
      db.close()
    }
  })

  it("finding which session a file's records of a log id joined seeks an index, once per file and id", async () => {
    const { db } = await storeWithCopies()
    try {
      const rec = recording(db)
      const w = new StoreWriter(rec.db)
      w.sessionFor(1, 'some-log-id')
      const lookups = rec.prepared.filter((sql) => /^SELECT/i.test(sql.trim()) && /FROM session_sources/.test(sql))
      expect(lookups.length).toBe(2)
      for (const sql of lookups) {
        const steps = plan(db, sql)
        expect({ sql, scans: steps.filter((s) => !/^SEARCH session_sources USING (COVERING )?INDEX/.test(s) && !/TEMP B-TREE/.test(s)) }).toEqual({
          sql,
          scans: []
        })
      }
    } finally {
      db.close()
    }
  })
})
