import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../../src/store/db.js'
import { listedSessionIds, listSessions, sessionSummaries } from '../../src/store/queries.js'
import { countedUsageRowsOf, filesTouchedByEach, toolCallCountsOf } from '../../src/store/session-activity.js'
import { filePathsOfPage } from '../../src/store/session-files.js'
import { countedUsageRows, filesOfSessions, filesTouchedBy, toolCallCounts } from './per-session-queries.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/*
 * The queries a report's frame reads a page of sessions with (src/select/select.ts) answer what
 * the per-session queries and the whole listing answer, for any page, and the log files of a page
 * come from the session index alone. Every agent's bundled fixtures (hand-written).
 */

const AGENT_DIRS = readdirSync(fixtures).filter((d) => !['recorder', 'records', 'redaction'].includes(d))

/** The page's rows of a per-session query, by session, leaving out sessions without any. */
function perSession<T>(ids: string[], read: (id: string) => T[]): Map<string, T[]> {
  return new Map(ids.map((id) => [id, read(id)] as const).filter(([, rows]) => rows.length > 0))
}

let store: Ingested
let db: Db
let ids: string[]
beforeAll(async () => {
  store = await ingestFresh(AGENT_DIRS.map((d) => join(fixtures, d)))
  db = store.db
  ids = listedSessionIds(db)
})
afterAll(() => store.close())

describe('a page of sessions', () => {
  it("lists the sessions' ids in the listing's order", () => {
    expect(ids.length).toBeGreaterThan(40)
    expect(ids).toEqual(listSessions(db).map((s) => s.id))
  })

  it('summarizes any page as the whole listing does, in the order asked', () => {
    const all = listSessions(db)
    const page = [ids[7], ids[0], 'not-a-session', ids[ids.length - 1], ids[3]]
    const got = sessionSummaries(db, page)
    expect(got).toEqual([7, 0, ids.length - 1, 3].map((i) => all[i]))
    expect(sessionSummaries(db, [])).toEqual([])
  })

  it("reads each session's usage rows, tool counts and files touched as its own queries do", () => {
    expect(countedUsageRowsOf(db, ids).held).toEqual(perSession(ids, (id) => [...countedUsageRows(db, id)].map((r) => ({ ...r, session_id: id }))))
    expect(toolCallCountsOf(db, ids)).toEqual(perSession(ids, (id) => toolCallCounts(db, id)))
    expect(filesTouchedByEach(db, ids)).toEqual(perSession(ids, (id) => filesTouchedBy(db, id)))
    expect(countedUsageRowsOf(db, ids).streamed.size).toBe(0)
    expect([...countedUsageRowsOf(db, ids).held.values()].some((rows) => rows.length > 1)).toBe(true)
    expect([...toolCallCountsOf(db, ids).values()].some((rows) => rows.length > 1)).toBe(true)
  })

  it('reads the log files of a page as the per-session queries do, from the session index alone', () => {
    expect(filePathsOfPage(db, ids).sort()).toEqual(filesOfSessions(db, ids))
    expect(filePathsOfPage(db, [])).toEqual([])
    const sql = `SELECT path FROM files WHERE id IN (SELECT DISTINCT file_id FROM events WHERE session_id IN (SELECT value FROM json_each(?)))`
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[]).map((r) => r.detail)
    // Before migration 16 the index held no file id, and each of the sessions' records was read.
    expect(plan).toContain('SEARCH events USING COVERING INDEX events_session (session_id=?)')
  })
})
