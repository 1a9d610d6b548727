import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { emailTagsNear, tmpDir } from '../helpers.js'
import { spilledFullReport } from './spilled-report.js'

/*
 * A session part the last check found something in carries a tag numbered after the whole
 * report's tags (late/check.ts). Kept between runs, it would keep that number when a later
 * session's field takes it: two addresses, one tag. Such a part is rendered and checked again.
 * Alice's address is only in a tool name (published as written, so only the last check sees it);
 * Carol's, in the second run's new session, is in a command the field pass tags.
 */
const record = (sid: string, day: string, seq: number, o: Record<string, unknown>) =>
  JSON.stringify({ v: 1, ts: `2026-03-${day}T09:00:0${seq}.000Z`, session_id: sid, seq, pid: 4242, ...o })
const session = (sid: string, day: string, actions: Record<string, unknown>[]) =>
  [
    record(sid, day, 0, { type: 'session_start', format: 'ai-log-trail-recorder', agent: 'deploy-script', cwd: '/srv/deploy/shop' }),
    ...actions.map((a, i) => record(sid, day, i + 1, { type: 'action', metadata: { exit_code: 0 }, ...a })),
    record(sid, day, actions.length + 1, { type: 'session_end', summary: 'done', closed_by: 'end' })
  ].join('\n') + '\n'

const FIRST = session('5f0c2a7e-1b3d-4c8e-9a6f-0d2e4b6c8a11', '05', [
  { name: 'notify', statement: 'mail bob@acmecorp.io about the deploy' },
  { name: 'notify/alice@acmecorp.io', statement: 'sent-a' }
])
const SECOND = session('7a1d3b8f-2c4e-4d9f-8b7a-1e3f5c7d9b22', '06', [{ name: 'notify', statement: 'mail carol@acmecorp.io about the rollback' }])

let dir: string
beforeAll(() => {
  dir = tmpDir('alt-parts-late-')
  writeFileSync(join(dir, 'first.ndjson'), FIRST)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const job = (database: string, out: string, paths: string[], env: Record<string, string> = {}) =>
  spilledFullReport(
    database,
    paths.map((p) => join(dir, p)),
    join(dir, out),
    env
  )

test('a kept session part never keeps a last-check tag a later run gives to another value', async () => {
  const database = join(dir, 'work.sqlite')
  const first = await job(database, 'out-1', ['first.ndjson'])
  expect(first.late.total).toBeGreaterThan(0)
  expect(emailTagsNear(readFileSync(join(dir, 'out-1', 'report.md'), 'utf8'), 'sent-a')).toEqual(['[REDACTED:email#2]'])

  writeFileSync(join(dir, 'second.ndjson'), SECOND)
  // The first session's parts without a finding are met again; the second's are new.
  expect((await job(database, 'out-2', ['first.ndjson', 'second.ndjson'])).hits).toBeGreaterThan(0)
  await job(database, 'out-fresh', ['first.ndjson', 'second.ndjson'], { AI_LOG_TRAIL_RENDER_PARTS: '0' })
  for (const name of ['report.md', 'report.json', 'report.html', 'tool_calls.csv']) {
    const text = readFileSync(join(dir, 'out-2', name), 'utf8')
    expect(text).not.toContain('acmecorp')
    // What the same store writes with no part kept.
    expect(text).toBe(readFileSync(join(dir, 'out-fresh', name), 'utf8'))
  }
  const md = readFileSync(join(dir, 'out-2', 'report.md'), 'utf8')
  const alice = emailTagsNear(md, 'sent-a')
  const carol = emailTagsNear(md, 'about the rollback')
  expect(carol).toHaveLength(1)
  expect(alice).toHaveLength(1)
  expect(alice).not.toEqual(carol)
})
