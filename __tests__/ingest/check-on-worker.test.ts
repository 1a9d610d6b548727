import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { worthAWorker } from '../../src/ingest/pending-bytes.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
// @ts-expect-error: a plain ES module of the bench scripts, without types
import { ensureCorpus } from '../../scripts/bench/corpus.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * A history of many files is checked on the ingest's worker thread even when nothing in it
 * changed (src/ingest/ingest-thread.ts): on the caller's thread the check of every file left the
 * process larger for the rest of the job (docs/performance.md, "The ingest's check on its
 * worker"). The worker runs the compiled ingest (lib/, built by `pretest`), so the thread's choice
 * is tested in a child Node, which counts the worker threads it starts. Inputs: the committed
 * Codex fixtures plus empty files written here (the cheapest files a walk still has to check).
 */

const lib = join(repoRoot, 'lib', 'index.js')

const CHILD = `
import { subscribe } from 'node:diagnostics_channel'
import { ingestPaths, openStore } from ${JSON.stringify(lib)}
const [database, isolate, ...paths] = process.argv.slice(1)
let workers = 0
subscribe('worker_threads', () => workers++)
const db = openStore(database)
const result = await ingestPaths(db, paths, isolate === '' ? {} : { isolate: isolate === '1' })
db.close()
process.stdout.write(JSON.stringify({ result, workers }))
`

interface Run {
  result: Record<string, unknown>
  workers: number
}

function ingest(database: string, isolate: boolean | undefined, paths: string[]): Run {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, isolate === undefined ? '' : isolate ? '1' : '0', ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, AI_LOG_TRAIL_INGEST_WORKER: '', AI_LOG_TRAIL_PARSE_WORKER: '' }
  })
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Run
}

/** The limit on files to check, past which the ingest runs on its worker (WORKER_LIMITS in ingest-thread.ts). */
const FILES_LIMIT = 2_000

const dir = tmpDir('alt-check-worker-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The Codex fixtures and `empty` empty files, in a folder of their own. */
function history(name: string, empty: number): string {
  const logs = join(dir, name)
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
  mkdirSync(join(logs, 'empty'))
  for (let i = 0; i < empty; i++) writeFileSync(join(logs, 'empty', `e${String(i).padStart(5, '0')}.jsonl`), '')
  return logs
}

/** A store that has read `logs` once, on the caller's thread, and two copies of it. */
function ingestedTwice(name: string, logs: string): [string, string] {
  const first = join(dir, `${name}.sqlite`)
  ingest(first, false, [logs])
  const copies: [string, string] = [join(dir, `${name}-a.sqlite`), join(dir, `${name}-b.sqlite`)]
  for (const c of copies) copyFileSync(first, c)
  return copies
}

describe('the check of an unchanged history', () => {
  it('runs on the worker past the limit on files, with the result the caller’s thread gives', () => {
    const logs = history('many', FILES_LIMIT)
    const [a, b] = ingestedTwice('many', logs)
    const chosen = ingest(a, undefined, [logs])
    const here = ingest(b, false, [logs])
    expect(chosen.workers).toBe(1)
    expect(here.workers).toBe(0)
    expect(chosen.result).toEqual(here.result)
    expect(chosen.result).toMatchObject({ files: 0 })
    expect(chosen.result.unchanged_files).toBeGreaterThan(0)
  })

  it('stays on the caller’s thread under the limit', () => {
    const logs = history('few', FILES_LIMIT - 10)
    const [a] = ingestedTwice('few', logs)
    expect(ingest(a, undefined, [logs]).workers).toBe(0)
  })
})

/** The limit on bytes to read, past which the ingest runs on its worker (WORKER_LIMITS in ingest-thread.ts). */
const BYTES_LIMIT = 8 * 1024 * 1024

/*
 * A first ingest of a small history: on the caller's thread its heap stayed with the process
 * beside the report's worker, and a cold dry-run of 50 MB of logs peaked over the target, higher
 * than one of 200 MB (docs/performance.md, "a small history's dry-run peak").
 */
describe('the first ingest of a small history', () => {
  it('runs on the worker from the limit on bytes, with the result the caller’s thread gives', () => {
    const logs = join(dir, 'corpus')
    const corpus = ensureCorpus(logs, 9, 1) as { bytes: number; files: number }
    expect(corpus.bytes).toBeGreaterThanOrEqual(BYTES_LIMIT)
    expect(corpus.files).toBeLessThan(FILES_LIMIT)
    const chosen = ingest(join(dir, 'corpus-a.sqlite'), undefined, [logs])
    const here = ingest(join(dir, 'corpus-b.sqlite'), false, [logs])
    expect(chosen.workers).toBe(1)
    expect(here.workers).toBe(0)
    expect(chosen.result).toEqual(here.result)
    expect(chosen.result.events).toBeGreaterThan(0)
  }, 120_000)

  it('stays on the caller’s thread under it', () => {
    const logs = history('small', 0)
    expect(ingest(join(dir, 'small.sqlite'), undefined, [logs]).workers).toBe(0)
  })
})

describe('whether an ingest is worth a worker', () => {
  it('is told by the files to check, changed or not', async () => {
    const logs = history('limits', 5)
    const db = openStore(join(dir, 'limits.sqlite'))
    await ingestPaths(db, [logs], { isolate: false })
    const walked = readdirSync(logs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
    expect(await worthAWorker(db, [logs], { bytes: Infinity, files: walked })).toBe(true)
    expect(await worthAWorker(db, [logs], { bytes: Infinity, files: walked + 1 })).toBe(false)
    db.close()
  })
})
