import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHmac } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob, type JobResult } from '../../src/pipeline/job.js'
import { REDACTION_KEY_ENV } from '../../src/redact/hash.js'
import type { ReportMode } from '../../src/select/report.js'
import { emailTagsNear, tmpDir } from '../helpers.js'

/*
 * A recorder's tool names are published as the log wrote them (no field of the report is redacted
 * for them), so an address in one is found only by the last check of the files: the value a
 * renderer published that the field pass never saw. Bob's address is also in a command, where the
 * field pass tags it first (`#1`); Alice's is only in a tool name, and sorts before Bob's in the
 * tool list, so a check numbering on its own meets it first.
 */
const SID = '5f0c2a7e-1b3d-4c8e-9a6f-0d2e4b6c8a11'
const record = (seq: number, o: Record<string, unknown>) => JSON.stringify({ v: 1, ts: `2026-03-05T09:00:0${seq}.000Z`, session_id: SID, seq, pid: 4242, ...o })
const LOG = [
  record(0, { type: 'session_start', format: 'ai-log-trail-recorder', agent: 'deploy-script', cwd: '/srv/deploy/shop' }),
  record(1, { type: 'action', name: 'notify', statement: 'mail bob@acmecorp.io about the deploy', metadata: { exit_code: 0 } }),
  record(2, { type: 'action', name: 'notify/alice@acmecorp.io', statement: 'sent-a', metadata: { exit_code: 0 } }),
  record(3, { type: 'action', name: 'notify/bob@acmecorp.io', statement: 'sent-b', metadata: { exit_code: 0 } }),
  record(4, { type: 'session_end', summary: 'done', closed_by: 'end' })
].join('\n')

const FILES = ['report.md', 'report.json', 'report.html', 'sessions.csv', 'tool_calls.csv', 'comment.md', 'summary.md']

let dir: string
let log: string
beforeAll(() => {
  dir = tmpDir('alt-late-tags-')
  log = join(dir, 'deploy.ndjson')
  writeFileSync(log, LOG + '\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let runs = 0
function job(
  mode: ReportMode,
  o: { database?: string; out?: string; exportDatabase?: boolean; formats?: ('md' | 'json' | 'csv' | 'html')[] } = {}
): Promise<JobResult> {
  runs++
  return runJob({
    database: o.database ?? join(dir, `work-${runs}.sqlite`),
    repoDir: dir,
    paths: [log],
    config: parseConfig('', 'default'),
    mode,
    formats: o.formats ?? ['md', 'json', 'csv', 'html'],
    outDir: o.out ?? join(dir, `out-${runs}`),
    now: new Date('2026-12-01T00:00:00Z'),
    version: '0.0.0',
    exportDatabase: o.exportDatabase
  })
}

const read = (out: string, name: string) => readFileSync(join(out, name), 'utf8')

describe('the last check’s tags continue the report’s numbering', () => {
  test('a value only the last check finds gets a number no value of the field pass holds; one both meet keeps its number', async () => {
    const out = join(dir, 'full')
    const r = await job('full', { out, exportDatabase: true })
    expect(r.late.total).toBeGreaterThan(0)
    const md = read(out, 'report.md')
    expect(md).not.toContain('acmecorp')
    // The field pass tagged Bob's address in the command `#1`.
    expect(emailTagsNear(md, 'about the deploy')).toEqual(['[REDACTED:email#1]'])
    // Before, the last check numbered from 1 on its own: Alice (met first) was `#1` too, Bob `#2`.
    expect(emailTagsNear(md, 'sent-a')).toEqual(['[REDACTED:email#2]'])
    expect(emailTagsNear(md, 'sent-b')).toEqual(['[REDACTED:email#1]'])
    for (const f of FILES) {
      const text = read(out, f)
      expect([f, text]).toEqual([f, expect.not.stringContaining('acmecorp')])
      expect([f, [...new Set(text.match(/email#\d+/g))].sort()]).toEqual([f, ['email#1', 'email#2']])
    }
    expect(emailTagsNear(r.comment, 'sent-a')).toEqual(['[REDACTED:email#2]'])
    // The database copy is a report of its own: its field pass tagged Bob `#1` there too.
    const db = readFileSync(join(out, 'ai-log-trail.sqlite')).toString('latin1')
    expect(db).not.toContain('alice@acmecorp')
    expect(db).toContain('notify/[REDACTED:email#2]')
    expect(db).toContain('notify/[REDACTED:email#1]')
  }, 60_000)

  test('the comment’s report numbers on its own, and its last check continues it', async () => {
    const out = join(dir, 'summary')
    const r = await job('summary', { out, formats: ['md'] })
    // The files' report (summary mode) shows no command: the last check's Alice is its first value.
    expect(emailTagsNear(read(out, 'report.md'), 'Tools used')).toEqual(['[REDACTED:email#1]', '[REDACTED:email#2]'])
    // The comment's report tagged Bob's command `#1`: Alice is `#2` in it, Bob's tool name `#1`.
    expect(emailTagsNear(r.comment, 'about the deploy')).toEqual(['[REDACTED:email#1]'])
    expect(emailTagsNear(r.comment, 'sent-a')).toEqual(['[REDACTED:email#2]'])
    expect(emailTagsNear(r.comment, 'sent-b')).toEqual(['[REDACTED:email#1]'])
    expect(emailTagsNear(r.releaseSection, 'sent-a')).toEqual(['[REDACTED:email#2]'])
  }, 60_000)

  test('a job run again (late-check memo and caches warm) writes the same bytes', async () => {
    const database = join(dir, 'again.sqlite')
    const outs = [join(dir, 'again-1'), join(dir, 'again-2'), join(dir, 'again-3')]
    const results = []
    for (const out of outs) results.push(await job('full', { database, out }))
    // The job memo keeps no files the last check changed: each run checks them again.
    expect(results.map((r) => r.memo)).toEqual(['none', 'none', 'none'])
    const names = readdirSync(outs[0]).sort()
    for (const out of outs.slice(1)) {
      expect(readdirSync(out).sort()).toEqual(names)
      for (const f of names) expect([f, read(out, f)]).toEqual([f, read(outs[0], f)])
    }
    expect(emailTagsNear(read(outs[0], 'report.md'), 'sent-a')).toEqual(['[REDACTED:email#2]'])
  }, 120_000)

  test('with a redaction key the tags are the keyed ones, whatever the numbering', async () => {
    const key = process.env[REDACTION_KEY_ENV]
    process.env[REDACTION_KEY_ENV] = 'late-tags-test-key'
    try {
      const out = join(dir, 'keyed')
      await job('full', { out, formats: ['md'] })
      const tag = (v: string) => `[REDACTED:email:${createHmac('sha256', 'late-tags-test-key').update(`email\0${v}`).digest('hex').slice(0, 10)}]`
      const md = read(out, 'report.md')
      expect(md).not.toMatch(/email#/)
      expect(tagsNearKeyed(md, 'sent-a')).toEqual([tag('alice@acmecorp.io')])
      expect(tagsNearKeyed(md, 'sent-b')).toEqual([tag('bob@acmecorp.io')])
      expect(tagsNearKeyed(md, 'about the deploy')).toEqual([tag('bob@acmecorp.io')])
    } finally {
      if (key === undefined) delete process.env[REDACTION_KEY_ENV]
      else process.env[REDACTION_KEY_ENV] = key
    }
  }, 60_000)
})

const tagsNearKeyed = (text: string, anchor: string) => [
  ...new Set(
    text
      .split('\n')
      .filter((l) => l.includes(anchor))
      .flatMap((l) => l.match(/\[REDACTED:email:[0-9a-f]{10}\]/g) ?? [])
  )
]
