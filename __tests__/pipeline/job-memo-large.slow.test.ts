import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
// @ts-expect-error: a plain ES module of the bench scripts, without types
import { ensureCorpus } from '../../scripts/bench/corpus.js'
import { parseConfig } from '../../src/config/load.js'
import { runJob, type JobOptions } from '../../src/pipeline/job.js'
import { formatTime } from '../../src/render/html-format.js'
import { formatDateTime } from '../../src/render/text.js'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * The job memo of a full-mode report larger than the 16 MiB the memo once kept at most
 * (docs/performance.md, "the job memo for full-mode outputs over 16 MiB"): a generated history
 * whose full-mode files pass it is kept and replayed at a later time byte for byte as a fresh
 * store's run writes them; and a child process that keeps or replays an entry of 288 MiB of files
 * grows by what one of 96 MiB grows by, far less than the files. Runs lib/
 * for the child: `npm test` builds it first.
 */

const dir = tmpDir('alt-job-memo-large-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const T1 = '2026-12-01T10:00:00.123Z'
const T2 = '2026-12-05T11:22:33.456Z'

function filesOf(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((n) => [
        n,
        createHash('sha256')
          .update(readFileSync(join(folder, n)))
          .digest('hex')
      ])
  )
}

describe('the job memo of a full-mode report over 16 MiB', () => {
  it('keeps it, and replays it at a later time byte for byte', async () => {
    const logs = join(dir, 'corpus')
    ensureCorpus(logs, 16, 7)
    const options = (database: string, out: string, now: string): JobOptions => ({
      database,
      repoDir: dir,
      paths: [logs],
      config: parseConfig('', 'test.yml'),
      mode: 'full',
      formats: ['md', 'json', 'csv', 'html'],
      outDir: join(dir, out),
      version: '0.0.0',
      now: new Date(now)
    })
    const db = join(dir, 'warm.sqlite')
    const first = await runJob(options(db, 'warm', T1))
    expect(first.memo).toBe('kept')
    const written = readdirSync(join(dir, 'warm')).reduce((n, f) => n + statSync(join(dir, 'warm', f)).size, 0)
    expect(written).toBeGreaterThan(16 * 1024 * 1024)
    const again = await runJob(options(db, 'warm', T2))
    expect(again.memo).toBe('replayed')
    const fresh = await runJob(options(join(dir, 'fresh.sqlite'), 'fresh', T2))
    expect(fresh.memo).toBe('kept')
    expect(filesOf(join(dir, 'warm'))).toEqual(filesOf(join(dir, 'fresh')))
    expect(again.comment).toBe(fresh.comment)
    expect(again.summary).toBe(fresh.summary)
  }, 1_800_000)
})

const CHILD = `
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
const lib = ${JSON.stringify(join(repoRoot, 'lib'))}
const { keepMemo, memoEntry, replayed } = await import(lib + '/pipeline/job-memo.js')
const { openStore } = await import(lib + '/store/db.js')
const { storeGeneration } = await import(lib + '/store/generation.js')
const { parseConfig } = await import(lib + '/config/load.js')
const status = (k) => Number(new RegExp('^' + k + ':\\\\s+(\\\\d+) kB', 'm').exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
const [what, database, folder, t1, t2] = process.argv.slice(1)
const files = JSON.parse(process.env.MEMO_FILES)
const job = { outDir: folder, config: parseConfig('', 'test.yml') }
const result = { report: { generated_at: t1 }, files, comment: '', releaseSection: '', summary: '', late: { total: 0, by_file: {} }, sessionIds: [], sessionsHeld: false, redactions: 0 }
const db = openStore(database)
db.pragma('wal_checkpoint(TRUNCATE)')
const key = { key: 'large', generation: storeGeneration(db), outDir: resolve(folder) }
const before = status('VmRSS')
let ok
if (what === 'keep') {
  db.close()
  ok = keepMemo(database, key, memoEntry(job, new Date(t1), result))
} else {
  ok = replayed(job, key, db, new Date(t2)) !== null
  db.close()
}
process.stdout.write(JSON.stringify({ ok, grew_mb: status('VmHWM') - before }))
`

/** Some `mib` MiB of files as a report writes them, of random text (compressed, about half as large), written a little at a time. */
function writeFiles(folder: string, mib: number): string[] {
  mkdirSync(folder, { recursive: true })
  const iso = new Date(T1).toISOString()
  const heads: Record<string, string> = {
    'report.json': `{\n  "generated_at": "${iso}",\n`,
    'report.md': `_generated ${formatDateTime(iso, 'UTC')} UTC by ai-log-trail 0.0.0_\n`,
    'report.html': `<p>Generated ${formatTime(iso, 'UTC')} by ai-log-trail 0.0.0</p>\n`,
    'tool_calls.csv': ''
  }
  for (const [name, head] of Object.entries(heads)) {
    const fd = openSync(join(folder, name), 'w')
    writeSync(fd, head)
    for (let i = 0; i < mib / 4; i++)
      writeSync(
        fd,
        randomBytes(512 * 1024)
          .toString('hex')
          .replace(/(.{100})/g, '$1\n')
      )
    closeSync(fd)
  }
  return Object.keys(heads)
}

/** A child process that keeps, then one that replays, the memo of `mib` MiB of files: what each grew by past its start. */
function keepAndReplay(name: string, mib: number): { keep: number; replay: number } {
  const folder = join(dir, name)
  const names = writeFiles(folder, mib)
  const database = join(dir, `${name}.sqlite`)
  const child = (what: string) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, what, database, folder, T1, T2], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', MEMO_FILES: JSON.stringify(names) },
      timeout: 600_000
    })
    if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
    return JSON.parse(r.stdout) as { ok: boolean; grew_mb: number }
  }
  try {
    const keep = child('keep')
    expect(keep.ok).toBe(true)
    const replay = child('replay')
    expect(replay.ok).toBe(true)
    expect(readFileSync(join(folder, 'report.json'), 'utf8').slice(0, 60)).toContain(new Date(T2).toISOString())
    return { keep: keep.grew_mb, replay: replay.grew_mb }
  } finally {
    rmSync(folder, { recursive: true, force: true })
    for (const f of readdirSync(dir)) if (f.startsWith(`${name}.sqlite`)) rmSync(join(dir, f), { force: true })
  }
}

describe('the job memo’s memory', () => {
  it('keeps and replays 96 and 288 MiB of files growing by the same, far less than them', () => {
    const small = keepAndReplay('memory-small', 96)
    const large = keepAndReplay('memory-large', 288)
    process.stderr.write(`memory grew (MiB): ${JSON.stringify({ small, large })}\n`)
    // Whole, the files would add at least their size. A chunk, its compressed form and the
    // store's page cache are all a run adds, whatever the files' size. Each chunk's buffers are
    // given back as soon as it is stored or written (src/release-buffer.ts): left to V8, which
    // collects memory outside its heap only after tens of megabytes of it, they added 82–92 MiB.
    expect(large.keep).toBeLessThan(48)
    expect(large.replay).toBeLessThan(48)
    expect(large.keep - small.keep).toBeLessThan(32)
    expect(large.replay - small.replay).toBeLessThan(32)
  }, 900_000)
})
