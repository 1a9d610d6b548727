import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * A full-mode job starts its report's worker once its ingest finds a file to read, before the
 * ingest ends, so that the worker's start overlaps the ingest (src/pipeline/job-thread.ts,
 * `startReportWorker`); none for a history that did not change; and ends it when the job fails. The child counts the workers the job creates (Node's `Worker`, wrapped before
 * the job is loaded) and notes when the ingest ends (the job's progress `finish`). It runs lib/,
 * built by `pretest`, with the committed fixtures.
 */

const job = join(repoRoot, 'lib', 'pipeline', 'job.js')
const load = join(repoRoot, 'lib', 'config', 'load.js')

const CHILD = `
import { createRequire, syncBuiltinESMExports } from 'node:module'
const threads = createRequire(import.meta.url)('node:worker_threads')
const events = []
const Plain = threads.Worker
threads.Worker = class extends Plain {
  constructor(script, options) {
    super(script, options)
    events.push(options?.workerData?.role === 'ai-log-trail-job' ? 'report worker' : 'other worker')
  }
}
syncBuiltinESMExports()
const { runJob } = await import(${JSON.stringify(job)})
const { parseConfig } = await import(${JSON.stringify(load)})
const [database, outDir, mode, ...paths] = process.argv.slice(1)
try {
  const r = await runJob({
    database, repoDir: outDir, paths, config: parseConfig('', 'default'), mode,
    formats: ['md', 'json', 'html', 'csv'], outDir, version: '0.0.0', now: new Date('2026-06-01T00:00:00Z'),
    changedFiles: null, exportDatabase: false,
    progress: { update() {}, finish() { events.push('ingest done') } }
  })
  process.stdout.write(JSON.stringify({ memo: r.memo, events }))
} catch (e) {
  process.stdout.write(JSON.stringify({ error: String(e), events }))
}
`

const dir = tmpDir('alt-job-worker-early-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  memo?: string
  error?: string
  events: string[]
}

function run(
  name: string,
  mode: string,
  env: Record<string, string> = {},
  paths = [join(fixtures, 'codex'), join(fixtures, 'claude-code')],
  out = join(dir, `out-${name}`)
): Run {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, join(dir, `${name}.sqlite`), out, mode, ...paths], {
    encoding: 'utf8',
    // A worker left waiting for its job would keep the child alive: it must end on its own.
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '1', AI_LOG_TRAIL_JOB_WORKER: '', ...env }
  })
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
  return JSON.parse(r.stdout) as Run
}

const files = (out: string) => Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]))

describe('the report’s worker started during the ingest', () => {
  it('starts a full-mode job’s worker before the ingest ends and runs the report on it', () => {
    const first = run('full', 'full')
    expect(first.events).toEqual(['report worker', 'ingest done'])
    expect(first.memo).toBe('kept')
    // The same files as the report on the caller's thread.
    run('full-here', 'full', { AI_LOG_TRAIL_JOB_WORKER: '0' })
    expect(files(join(dir, 'out-full'))).toEqual(files(join(dir, 'out-full-here')))
  }, 120_000)

  it('starts none for a history that did not change, whose files the job memo writes again', () => {
    run('replay', 'full')
    const again = run('replay', 'full')
    expect(again.memo).toBe('replayed')
    expect(again.events).toEqual(['ingest done'])
  }, 120_000)

  it('starts it during the ingest of a grown log, and hands on the error of the job it ran', () => {
    const logs = join(dir, 'grown-logs')
    cpSync(join(fixtures, 'codex'), logs, { recursive: true })
    run('grown', 'full', {}, [logs])
    const rollout = readdirSync(logs, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.jsonl'))!
    const last = readFileSync(join(logs, rollout), 'utf8').trimEnd().split('\n').at(-1)!
    appendFileSync(join(logs, rollout), last + '\n')
    const grown = run('grown', 'full', {}, [logs])
    expect(grown.events).toEqual(['report worker', 'ingest done'])
    expect(grown.memo).toBe('kept')
    // The output folder is a file: the job fails on the worker, which ends; so does the child.
    appendFileSync(join(logs, rollout), last + '\n')
    writeFileSync(join(dir, 'blocked'), '')
    const failed = run('grown', 'full', {}, [logs], join(dir, 'blocked', 'out'))
    expect(failed.error).toMatch(/ENOTDIR/)
    expect(failed.events).toEqual(['report worker', 'ingest done'])
  }, 120_000)

  it('starts none in summary mode, whose report may stay on the caller’s thread', () => {
    const summary = run('summary', 'summary')
    expect(summary.events[0]).toBe('ingest done')
  }, 120_000)
})
