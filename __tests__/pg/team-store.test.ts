import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals'
import { appendFileSync, copyFileSync, cpSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { naturalDigests } from '../../src/store/pg/natural-digest.js'
import { captureIo, tmpDir } from '../helpers.js'
import { describePg, freshDatabase, type TestDatabase } from './pg-helpers.js'
import { DEMO_LOGS, pgDigests } from './team-helpers.js'

async function cli(argv: string[]) {
  const io = captureIo()
  const code = await main(argv, io)
  return { code, out: io.stdout, err: io.stderr }
}

describePg('the commands on a PostgreSQL store (--db postgres://…)', () => {
  let dir: string
  let reference: string
  beforeAll(async () => {
    dir = tmpDir('alt-team-')
    reference = join(dir, 'reference.sqlite')
    const db = openStore(reference)
    await ingestPaths(db, DEMO_LOGS)
    db.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  let target: TestDatabase
  beforeEach(async () => {
    target = await freshDatabase()
  })
  afterEach(async () => {
    await target.drop()
  })

  it('ingest pushes every session; the store then holds what a SQLite ingest of the same logs holds, and a second ingest changes nothing', async () => {
    const r = await cli(['ingest', ...DEMO_LOGS, '--db', target.url, '--json'])
    expect(r.code).toBe(0)
    const ref = openStore(reference, { readonly: true })
    const expected = naturalDigests(ref)
    ref.close()
    const sessions = [...expected.keys()].filter((k) => !k.startsWith('table:'))
    expect(sessions.length).toBeGreaterThan(5)
    expect(r.err).toContain(`pushed ${sessions.length} session(s) to postgres://`)
    expect(r.err).not.toContain(new URL(target.url).password)
    expect(await pgDigests(target.url, dir)).toEqual(expected)

    const again = await cli(['ingest', ...DEMO_LOGS, '--db', target.url, '--json'])
    expect(again.code).toBe(0)
    // Nothing changed: every file is skipped as unchanged, and nothing is pushed.
    expect(JSON.parse(again.out).files).toBe(0)
    expect(again.err).toContain('pushed 0 session(s)')
    expect(await pgDigests(target.url, dir)).toEqual(expected)
  })

  it('an ingest after one log grew reads and pushes that log and its session only', async () => {
    const logs = join(dir, 'grown-codex')
    cpSync(DEMO_LOGS[0], logs, { recursive: true })
    expect((await cli(['ingest', logs, '--db', target.url])).code).toBe(0)
    const log = join(logs, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    // The log grows by a copy of its last turn's records under later times: new lines of the same session.
    appendFileSync(
      log,
      lines
        .slice(-3)
        .map((l) => l.replaceAll('2026-03-03T10:', '2026-03-03T11:'))
        .join('\n') + '\n'
    )
    const r = await cli(['ingest', logs, '--db', target.url, '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).files).toBe(1)
    expect(r.err).toContain('pushed 1 session(s)')
    const db = openStore(join(dir, 'grown.sqlite'))
    await ingestPaths(db, [logs])
    const expected = naturalDigests(db)
    db.close()
    expect(await pgDigests(target.url, dir)).toEqual(expected)
  })

  it('sessions, report and export read the PostgreSQL store and print what they print for the SQLite one', async () => {
    expect((await cli(['ingest', ...DEMO_LOGS, '--db', target.url])).code).toBe(0)
    const fromPg = await cli(['sessions', '--db', target.url, '--json'])
    const fromFile = await cli(['sessions', '--db', reference, '--json'])
    expect(fromPg.code).toBe(0)
    expect(JSON.parse(fromPg.out)).toEqual(JSON.parse(fromFile.out))

    const now = '2026-12-01T00:00:00Z'
    const reportPg = await cli(['report', '--db', target.url, '--format', 'json', '--now', now])
    const reportFile = await cli(['report', '--db', reference, '--format', 'json', '--now', now])
    expect(reportPg.code).toBe(0)
    expect(JSON.parse(reportPg.out)).toEqual(JSON.parse(reportFile.out))

    // The team store holds what the logs say, not their raw lines (docs/database.md): compared with
    // the same SQLite store without them.
    const withoutRaw = join(dir, 'reference-without-raw.sqlite')
    copyFileSync(reference, withoutRaw)
    const stripped = openStore(withoutRaw)
    stripped.exec('UPDATE events SET raw_block = NULL, raw_item = NULL; DELETE FROM raw_blocks;')
    stripped.close()
    const exported = join(dir, 'export-pg.sqlite')
    const exportPg = await cli(['export', '--db', target.url, '--out', exported, '--json'])
    const exportFile = await cli(['export', '--db', withoutRaw, '--out', join(dir, 'export-file.sqlite'), '--json'])
    expect(exportPg.code).toBe(0)
    expect(JSON.parse(exportPg.out)).toEqual(JSON.parse(exportFile.out))
  })

  it('a reading command on an empty database says to ingest first', async () => {
    const r = await cli(['sessions', '--db', target.url])
    expect(r.code).toBe(1)
    expect(r.err).toContain('the PostgreSQL store has no schema yet: ingest into it first')
  })
})
