import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { mergedUses } from '../../src/redact/cached-sessions.js'
import type { RecordUse } from '../../src/redact/policy.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * A session's entry in the session cache keeps one record use per event, field and detector, its
 * count the sum of that session's uses, instead of one per value redacted. The committed fixtures
 * (real-shaped logs with planted secrets, several in one field) are redacted cold and then
 * replayed from the entries: the provenance rows, the counts by detector and every output byte
 * are the same.
 */

let dir: string
beforeAll(() => {
  dir = tmpDir('alt-merged-uses-')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const job = (database: string, out: string) =>
  runJob({
    database,
    repoDir: dir,
    paths: [join(fixtures, 'claude-code'), join(fixtures, 'codex')],
    config: parseConfig('', 'test.yml'),
    // Summary mode: the comment's report is then selected and redacted on its own, through the
    // session cache (in the modes that carry turns it is made from the files' report instead).
    mode: 'summary',
    formats: ['md', 'json', 'csv', 'html'],
    outDir: out,
    now: new Date('2026-01-01T00:00:00Z'),
    version: '0.0.0'
  })

const files = (d: string) => Object.fromEntries(readdirSync(d).map((f) => [f, readFileSync(join(d, f), 'utf8')]))

describe('mergedUses', () => {
  it('sums the uses of one event, field and detector into the first, in first-use order, keeping its actor and reason', () => {
    const uses: RecordUse[] = [
      [1, 'prompt', 'email', 1, null, null],
      [2, 'output', 'aws', 1, null, null],
      [1, 'prompt', 'email', 2, null, null],
      [null, 'cwd', 'home-path', 1, null, null],
      [1, 'prompt', 'override:ann', 1, 'ann', 'a name'],
      [1, 'prompt', 'override:ann', 3, 'ann', 'later'],
      [null, 'cwd', 'home-path', 1, null, null]
    ]
    const before = JSON.stringify(uses)
    expect(mergedUses(uses)).toEqual([
      [1, 'prompt', 'email', 3, null, null],
      [2, 'output', 'aws', 1, null, null],
      [null, 'cwd', 'home-path', 2, null, null],
      [1, 'prompt', 'override:ann', 4, 'ann', 'a name']
    ])
    expect(JSON.stringify(uses)).toBe(before)
  })
})

describe("the session cache's merged record uses in a job", () => {
  it('replay to the provenance rows, counts and bytes of the cold run', async () => {
    const database = join(dir, 'work.sqlite')
    const cold = await job(database, join(dir, 'cold'))
    const db = openStore(database)
    const rowsOf = () => db.prepare('SELECT session_id, event_id, field, detector, actor, reason, count, at FROM redactions ORDER BY id').all()
    const coldRows = rowsOf()
    const entries = (db.prepare('SELECT entry FROM session_cache').all() as { entry: string }[]).map(
      (r) => JSON.parse(r.entry) as { notes: { records: RecordUse[] } }
    )
    expect(entries.length).toBeGreaterThan(3)
    const uses = entries.flatMap((e) => e.notes.records)
    // Some field held several values of one detector, so the merge had something to do.
    expect(uses.some((u) => u[3] > 1)).toBe(true)
    for (const e of entries) {
      const keys = e.notes.records.map((u) => `${u[0]}\0${u[1]}\0${u[2]}`)
      expect(new Set(keys).size).toBe(keys.length)
    }

    const warm = await job(database, join(dir, 'warm'))
    expect(rowsOf()).toEqual(coldRows)
    db.close()
    expect(warm.redactions).toEqual(cold.redactions)
    expect(files(join(dir, 'warm'))).toEqual(files(join(dir, 'cold')))
  })
})
