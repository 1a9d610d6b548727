import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { keepMemo, memoEntry, MemoFlow, MAX_ENTRY_BYTES } from '../../src/pipeline/job-memo.js'
import type { ReportRequest, ReportResult } from '../../src/pipeline/job.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'
import { bytesSearched, keyOf, reportLikeFiles as files, rows, written } from './memo-files.js'

/*
 * The job memo's entry built while the report worker writes (docs/performance.md, "the job memo's
 * entry built while the worker writes, sixteenth round"): the caller reads, cuts, hashes and
 * searches each file the worker announces whole under its temporary name (`MemoFlow`), and once
 * the worker is done the entry reads again only the chunks it compresses. The entry is the one
 * the old way makes, byte for byte, and the caller keeps no file's bytes.
 */

const T1 = '2026-12-01T10:00:00.123Z'
const T2 = '2026-12-05T11:22:33.456Z'
const dir = tmpDir('alt-job-memo-flow-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * `body` written as a report worker leaves it, each file announced to `flow` once whole under a
 * temporary name and renamed into place at the end; the result it returns.
 */
function writtenFlowing(folder: string, body: Record<string, Buffer>, at: string, flow: MemoFlow): ReportResult {
  const result = written(folder, {}, at)
  const temp = (name: string) => join(folder, `.${name}.${process.pid}.partial`)
  for (const [name, bytes] of Object.entries(body)) {
    writeFileSync(temp(name), bytes)
    flow.whole(name, temp(name), new Date(at).toISOString())
  }
  for (const name of Object.keys(body)) renameSync(temp(name), join(folder, name))
  return { ...result, files: Object.keys(body) }
}

/** A flow for a report into `folder`, told the chunks of the folder's entry in `database` as a job is before its report. */
function flowOf(database: string, folder: string): MemoFlow {
  const db = openStore(database)
  try {
    return new MemoFlow(db, resolve(folder))
  } finally {
    db.close()
  }
}

/** The folder's memo head as stored. */
function head(database: string): Buffer | undefined {
  const db = openStore(database)
  try {
    return db.prepare('SELECT entry FROM job_memo').pluck().get() as Buffer | undefined
  } finally {
    db.close()
  }
}

/** Bytes this process has read so far (Linux), or null. */
function bytesRead(): number | null {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1])
  } catch {
    return null
  }
}

describe('the job memo’s entry built while the worker writes', () => {
  it('is the entry the old way makes, byte for byte, through a grown session, a new one, a change in a file’s middle and a time moved', () => {
    const folder = join(dir, 'same')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const before = join(dir, 'before.sqlite')
    const flowing = join(dir, 'flowing.sqlite')
    openStore(before).close()
    openStore(flowing).close()
    const steps: [string, Record<string, Buffer>][] = [
      [T1, files(T1)],
      [T1, files(T1, { insertAt: 40000 })],
      [T1, files(T1, { insertAt: 40000, appended: 300 })],
      [T1, files(T1, { insertAt: 40000, appended: 300, middle: true })],
      [T2, files(T2, { insertAt: 40000, appended: 300, middle: true })]
    ]
    steps.forEach(([at, body], i) => {
      const old = written(folder, body, at)
      expect(keepMemo(before, keyOf(before, folder, `k${i}`), memoEntry(job, new Date(at), old))).toBe(true)
      const flow = flowOf(flowing, folder)
      const result = writtenFlowing(folder, body, at, flow)
      expect(keepMemo(flowing, keyOf(flowing, folder, `k${i}`), memoEntry(job, new Date(at), result, MAX_ENTRY_BYTES, flow))).toBe(true)
      expect(head(flowing)?.equals(head(before)!)).toBe(true)
      const a = rows(before)
      const b = rows(flowing)
      expect([...b.keys()]).toEqual([...a.keys()])
      for (const [seq, chunk] of a) expect(b.get(seq)?.equals(chunk)).toBe(true)
    })
  })

  it('searches and reads again after the worker only the chunks the entry before lacks, and keeps no file’s bytes', () => {
    const rchar = bytesRead()
    if (rchar === null || Number.isNaN(rchar)) return
    const folder = join(dir, 'reads')
    const database = join(dir, 'reads.sqlite')
    openStore(database).close()
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const first = new MemoFlow()
    expect(
      keepMemo(database, keyOf(database, folder, 'a'), memoEntry(job, new Date(T1), writtenFlowing(folder, files(T1), T1, first), MAX_ENTRY_BYTES, first))
    ).toBe(true)
    const body = files(T1, { insertAt: 40000 })
    const total = Object.values(body).reduce((n, b) => n + b.length, 0)
    const flow = flowOf(database, folder)
    const [result, searched] = bytesSearched(() => writtenFlowing(folder, body, T1, flow))
    // The chunks the entry before held are looked at only at their marks, as the entry does a chunk it keeps.
    expect(searched).toBeLessThan(3 * 1024 * 1024)
    // What the caller keeps of ~10 MiB of files: each chunk's offset, length, hash and marks.
    const kept = JSON.stringify((flow as unknown as { files: Map<string, unknown> }).files, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v instanceof Map ? [...v] : v
    )
    expect(kept.length).toBeLessThan(total / 100)
    const from = bytesRead()!
    expect(keepMemo(database, keyOf(database, folder, 'b'), memoEntry(job, new Date(T1), result, MAX_ENTRY_BYTES, flow))).toBe(true)
    // The chunk that holds the new line (at most 1 MiB, and the one after when the cut moved), and the store's pages.
    expect(bytesRead()! - from).toBeLessThan(3 * 1024 * 1024)
    expect(total).toBeGreaterThan(9 * 1024 * 1024)
  })

  it('reads whole a file written again after it was announced, and the entry is still the old way’s', () => {
    const folder = join(dir, 'again')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const before = join(dir, 'again-before.sqlite')
    const flowing = join(dir, 'again-flowing.sqlite')
    openStore(before).close()
    openStore(flowing).close()
    const flow = new MemoFlow()
    // Announced with the first pass's bytes; a second pass (the last check's note) wrote report.html again, as long.
    const result = writtenFlowing(folder, files(T1), T1, flow)
    const html = join(folder, 'report.html')
    writeFileSync(`${html}.next`, files(T1, { middle: true })['report.html'])
    renameSync(`${html}.next`, html)
    expect(keepMemo(before, keyOf(before, folder, 'k'), memoEntry(job, new Date(T1), result))).toBe(true)
    expect(keepMemo(flowing, keyOf(flowing, folder, 'k'), memoEntry(job, new Date(T1), result, MAX_ENTRY_BYTES, flow))).toBe(true)
    expect(head(flowing)?.equals(head(before)!)).toBe(true)
    expect([...rows(flowing).values()].map((c) => c.toString('base64'))).toEqual([...rows(before).values()].map((c) => c.toString('base64')))
  })
})

const CHILD = `
import { runJob } from ${JSON.stringify(join(repoRoot, 'lib', 'pipeline', 'job.js'))}
import { parseConfig } from ${JSON.stringify(join(repoRoot, 'lib', 'config', 'load.js'))}
const [database, outDir, version, ...paths] = process.argv.slice(1)
try {
  const r = await runJob({
    database, repoDir: outDir, paths, config: parseConfig('', 'default'), mode: 'full',
    formats: ['md', 'json', 'html', 'csv'], outDir, version, now: new Date('2026-06-01T00:00:00Z'),
    changedFiles: null, exportDatabase: false
  })
  process.stdout.write(JSON.stringify({ memo: r.memo }))
} catch (e) {
  process.stdout.write(JSON.stringify({ error: e.code ?? e.message }))
}
`

/** A full-mode job of the fixtures in a child Node running lib/, the report on a worker unless `onWorker` is false. */
function job(database: string, outDir: string, version: string, onWorker = true): { memo?: string; error?: string } {
  const paths = [join(fixtures, 'codex'), join(fixtures, 'claude-code'), join(fixtures, 'aider')]
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, outDir, version, ...paths], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '', AI_LOG_TRAIL_JOB_WORKER: onWorker ? '1' : '0' }
  })
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
  return JSON.parse(r.stdout) as { memo?: string; error?: string }
}

/** The store's memo: the head and every chunk, as base64. */
function memoRows(database: string): string[] {
  return [head(database)?.toString('base64') ?? 'none', ...[...rows(database)].map(([seq, c]) => `${seq}:${c.toString('base64')}`)]
}

describe('the job memo’s entry from a report worker', () => {
  it('is the entry the caller’s thread makes; a worker that fails after announcing its files leaves the earlier entry and no leftover', () => {
    const worker = join(dir, 'worker.sqlite')
    const here = join(dir, 'here.sqlite')
    const out = join(dir, 'out-worker')
    expect(job(worker, out, '0.0.0').memo).toBe('kept')
    expect(job(here, join(dir, 'out-here'), '0.0.0', false).memo).toBe('kept')
    expect(memoRows(worker)).toEqual(memoRows(here))

    // Another version (another key): the worker writes and announces every file, then cannot put
    // report.md into place (a folder holds its name) and fails.
    const kept = memoRows(worker)
    rmSync(join(out, 'report.md'))
    mkdirSync(join(out, 'report.md', 'x'), { recursive: true })
    expect(job(worker, out, '0.0.1').error).toBe('EISDIR')
    expect(memoRows(worker)).toEqual(kept)
    expect(readdirSync(out).filter((n) => n.startsWith('.') || /\.\d+\.(alt-next|partial|memo)$/.test(n))).toEqual([])

    rmSync(join(out, 'report.md'), { recursive: true })
    expect(job(worker, out, '0.0.1').memo).toBe('kept')
    expect(job(here, join(dir, 'out-here'), '0.0.1', false).memo).toBe('kept')
    expect(memoRows(worker)).toEqual(memoRows(here))
  }, 180_000)
})
