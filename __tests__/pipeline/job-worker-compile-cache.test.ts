import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { workerEnv } from '../../src/worker/compile-cache.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The report's worker uses the compile cache its caller turned on (src/worker/compile-cache.ts):
 * a worker thread does not inherit a cache turned on by `module.enableCompileCache()`, so before
 * it compiled every module it loaded anew. The job runs in a child Node on the compiled lib/
 * (built by `pretest`), with the cache turned on as bin/ai-log-trail.js does and Node's own
 * compile cache log (NODE_DEBUG_NATIVE=COMPILE_CACHE) on: lib/pipeline/job-worker.js is loaded by
 * the worker alone, so the log names it only when the worker's cache is on.
 */

const job = join(repoRoot, 'lib', 'pipeline', 'job.js')
const load = join(repoRoot, 'lib', 'config', 'load.js')

const CHILD = `
import * as nodeModule from 'node:module'
nodeModule.enableCompileCache(process.env.TEST_CACHE)
const { runJob } = await import(${JSON.stringify(job)})
const { parseConfig } = await import(${JSON.stringify(load)})
const [database, outDir, ...paths] = process.argv.slice(1)
await runJob({
  database, repoDir: outDir, paths, config: parseConfig('', 'default'), mode: 'full',
  formats: ['md', 'json'], outDir, version: '0.0.0', now: new Date('2026-06-01T00:00:00Z'),
  changedFiles: null, exportDatabase: false
})
`

const dir = tmpDir('alt-job-worker-cache-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function compileCacheLog(cache: string, name: string): string {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_NO_WARNINGS: '1',
    AI_LOG_TRAIL_JOB_WORKER: '1',
    NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
    TEST_CACHE: join(dir, cache)
  }
  delete env.NODE_COMPILE_CACHE
  delete env.NODE_DISABLE_COMPILE_CACHE
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, join(dir, `${name}.sqlite`), join(dir, `out-${name}`), join(fixtures, 'codex')], {
    encoding: 'utf8',
    env,
    // The log names every module the job loads.
    maxBuffer: 256 * 1024 * 1024
  })
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
  return r.stdout + r.stderr
}

describe('the report worker’s compile cache', () => {
  it('is the caller’s: the worker’s own module is cached on the first run and read back on the second', () => {
    const workerModule = /\[compile cache\] writing cache for ESM \S*\/lib\/pipeline\/job-worker\.js/
    expect(compileCacheLog('cache', 'first')).toMatch(workerModule)
    // The same cache folder again, on a store of its own (the same store would replay the job memo,
    // with no worker): the worker reads what it wrote.
    const again = compileCacheLog('cache', 'second')
    expect(again).toMatch(/\[compile cache\] V8 code cache for ESM \S*\/lib\/pipeline\/job-worker\.js was accepted/)
  }, 120_000)
})

describe('workerEnv', () => {
  it('leaves the environment alone when it names a cache, turns it off, or none is on', () => {
    expect(workerEnv({ NODE_COMPILE_CACHE: '/somewhere' })).toBeUndefined()
    expect(workerEnv({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined()
  })
})
