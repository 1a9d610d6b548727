import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The report part of a job on its own worker thread (src/pipeline/job-thread.ts) writes the same
 * bytes and gives the caller the same result and errors as on the caller's thread. The worker
 * runs the compiled job (lib/pipeline/job-worker.js, built by `pretest`), so these tests drive
 * lib/ in a child Node, once with `AI_LOG_TRAIL_JOB_WORKER=1` and once with `=0`. Inputs: the
 * committed fixtures.
 */

const job = join(repoRoot, 'lib', 'pipeline', 'job.js')
const load = join(repoRoot, 'lib', 'config', 'load.js')

const CHILD = `
import { runJob } from ${JSON.stringify(job)}
import { parseConfig } from ${JSON.stringify(load)}
const [database, outDir, ...paths] = process.argv.slice(1)
const out = {}
try {
  const r = await runJob({
    database, repoDir: outDir, paths, config: parseConfig('', 'default'), mode: 'full',
    formats: ['md', 'json', 'html', 'csv'], outDir, version: '0.0.0', now: new Date('2026-06-01T00:00:00Z'),
    changedFiles: null, exportDatabase: false
  })
  delete r.ingest
  out.result = r
} catch (e) {
  out.error = { name: e.name, message: e.message, code: e.code, stack: e.stack }
}
process.stdout.write(JSON.stringify(out))
`

interface Run {
  result?: Record<string, unknown>
  error?: { name: string; message: string; code?: string; stack?: string }
}

const dir = tmpDir('alt-job-worker-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runJob(name: string, onWorker: boolean, outDir = join(dir, `out-${name}`), env: Record<string, string> = {}): Run & { stderr: string } {
  const paths = [join(fixtures, 'codex'), join(fixtures, 'claude-code'), join(fixtures, 'aider')]
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, join(dir, `${name}.sqlite`), outDir, ...paths], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '', AI_LOG_TRAIL_JOB_WORKER: onWorker ? '1' : '0', ...env }
  })
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
  return { ...(JSON.parse(r.stdout) as Run), stderr: r.stderr }
}

const files = (out: string) => Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]))

describe('the report on its own worker thread', () => {
  it('writes the same files and returns the same result as on the caller’s thread', () => {
    const here = runJob('here', false)
    const worker = runJob('worker', true)
    expect(here.error).toBeUndefined()
    expect(worker.error).toBeUndefined()
    expect(worker.result).toEqual(here.result)
    const written = files(join(dir, 'out-worker'))
    expect(Object.keys(written).length).toBeGreaterThan(4)
    expect(written).toEqual(files(join(dir, 'out-here')))
    expect((JSON.parse(written['report.json']) as { totals: { sessions: number } }).totals.sessions).toBeGreaterThan(2)
  }, 120_000)

  it('hands the caller the error a worker met, with its code', () => {
    // A file where the output folder should be: the job cannot write there.
    const blocked = join(dir, 'blocked')
    writeFileSync(blocked, '')
    const here = runJob('blocked-here', false, join(blocked, 'out'))
    const worker = runJob('blocked-worker', true, join(blocked, 'out'))
    expect(here.error?.code).toBe('ENOTDIR')
    expect(worker.error).toMatchObject({ name: here.error?.name, message: here.error?.message, code: here.error?.code })
    // The stack says where it was thrown: in the worker's script, not the caller's thread.
    expect(worker.error?.stack).toContain('job-worker.js')
    expect(here.error?.stack).not.toContain('job-worker.js')
  }, 120_000)

  it('runs a report that outgrows the heap its worker is first given again without that cap, with the same files', () => {
    const here = runJob('heap-here', false)
    // A cap no report fits in: the first worker runs out of memory.
    const capped = runJob('heap-capped', true, undefined, { AI_LOG_TRAIL_JOB_WORKER_HEAP_MB: '8' })
    expect(here.error).toBeUndefined()
    expect(capped.error).toBeUndefined()
    expect(capped.stderr).toContain('AI_LOG_TRAIL_REPORT_HEAP')
    expect(capped.result).toEqual(here.result)
    expect(files(join(dir, 'out-heap-capped'))).toEqual(files(join(dir, 'out-heap-here')))
    // A cap the report fits in: one attempt, no warning.
    const roomy = runJob('heap-roomy', true, undefined, { AI_LOG_TRAIL_JOB_WORKER_HEAP_MB: '256' })
    expect(roomy.stderr).not.toContain('AI_LOG_TRAIL_REPORT_HEAP')
    expect(files(join(dir, 'out-heap-roomy'))).toEqual(files(join(dir, 'out-heap-here')))
  }, 180_000)
})
