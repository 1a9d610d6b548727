import { afterAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { ingestOnThisThread, ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { dropSessionsNoFileHolds } from '../../src/store/session-reread.js'
import { fixtures, tmpDir } from '../helpers.js'
import { plan, recording } from './query-plan-helpers.js'

/*
 * The repair of a store holding one log under two paths (src/store/spellings.ts) and the dropping of
 * sessions no file holds any more run once per forgotten path and per pending session: each of
 * their statements must seek, never scan a table of the store, checked through SQLite's query plans.
 * Inputs: the committed Codex and Claude Code fixtures, stored under two paths as a version before
 * paths were matched by device and inode stored them (a copy read, then replaced by a link).
 */

const dir = tmpDir('alt-plans-spellings-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('query plans of the repair of a second path', () => {
  it('forgetting a second path and dropping the sessions no file holds scan no table', async () => {
    const logs = join(dir, 'logs')
    mkdirSync(logs)
    cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
    cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
    const link = join(dir, 'link')
    const db = openStore(join(dir, 'store.sqlite'))
    try {
      await ingestPaths(db, [logs], { isolate: false })
      cpSync(logs, link, { recursive: true, preserveTimestamps: true })
      await ingestPaths(db, [link], { isolate: false })
      rmSync(link, { recursive: true })
      symlinkSync(logs, link, 'dir')
      const rec = recording(db)
      const r = await ingestOnThisThread(rec.db, [link])
      expect(r.merged_paths.length).toBeGreaterThan(2)
      // The sessions' own statements, whether or not one of them is dropped.
      dropSessionsNoFileHolds(rec.db, ['no-such-session'])
      const concerned = rec.prepared.filter((sql) => /session_sources|DELETE FROM (files|redactions|ingest_errors)|first_file_id = \?/.test(sql))
      expect(concerned.some((sql) => /DELETE FROM files WHERE id/.test(sql))).toBe(true)
      expect(concerned.some((sql) => /NOT EXISTS \(SELECT 1 FROM session_sources WHERE session_id/.test(sql))).toBe(true)
      for (const sql of concerned) {
        const steps = plan(db, sql)
        // The problems' table has no index on its file: it is scanned once per file read again or
        // forgotten (forgetFileContents), and so is each table whose foreign key names the files
        // row deleted, for the key's action (sessions.first_file_id, ingest_errors.file_id): once
        // per forgotten path, never per session or record.
        const once = /^DELETE FROM ingest_errors WHERE file_id = \?$/.test(sql)
          ? /^SCAN ingest_errors$/
          : /^DELETE FROM files WHERE id = \?$/.test(sql)
            ? /^SCAN (ingest_errors|sessions)$/
            : /^$/
        expect({ sql, scans: steps.filter((s) => /^SCAN /.test(s) && !once.test(s)) }).toEqual({ sql, scans: [] })
      }
      const unheld = concerned.find((sql) => /NOT EXISTS \(SELECT 1 FROM session_sources WHERE session_id/.test(sql))!
      expect(plan(db, unheld)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^SEARCH session_sources USING COVERING INDEX session_sources_session \(session_id=\?\)$/)])
      )
    } finally {
      db.close()
    }
  })
})
