import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

const dist = join(repoRoot, 'dist')
const maybe = existsSync(join(dist, 'index.js')) ? it : it.skip

/** The ingest on the caller's thread, and forced onto its worker thread with the parse worker inside it: both workers' entries must be in dist/. */
const ingestThreads: [string, Record<string, string>][] = [
  ['with the ingest on the main thread', { AI_LOG_TRAIL_INGEST_WORKER: '0' }],
  ['with the ingest and the parse stage on worker threads', { AI_LOG_TRAIL_INGEST_WORKER: '1', AI_LOG_TRAIL_PARSE_WORKER: '1' }]
]

describe('the committed bundle', () => {
  maybe.each(ingestThreads)('runs alone, with no node_modules, as GitHub runs it, %s', (_, threads) => {
    const d = tmpDir()
    try {
      // Only dist/ is copied: nothing can be resolved from the repository's node_modules.
      cpSync(dist, join(d, 'action', 'dist'), { recursive: true })
      const output = join(d, 'github_output')
      writeFileSync(output, '')
      const r = spawnSync(process.execPath, [join(d, 'action', 'dist', 'index.js')], {
        cwd: d,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          INPUT_PATHS: join(fixtures, 'codex'),
          INPUT_DATABASE: join(d, 'run.sqlite'),
          GITHUB_OUTPUT: output,
          RUNNER_TEMP: d,
          ...threads
        }
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const out = readFileSync(output, 'utf8')
      expect(out).toMatch(/sessions<<[^\n]+\n6\n/)
      expect(out).toMatch(/prompts<<[^\n]+\n5\n/)
      expect(out).toMatch(/total-tokens<<[^\n]+\n215057\n/)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })

  // Two copies of SQLite in one process ignore each other's locks: a worker closing its connection
  // dropped the WAL under the main thread's, and the next read found the database malformed.
  maybe("loads one SQLite library: the worker bundles use the main bundle's native module, never a copy of their own", () => {
    for (const worker of ['ingest-worker', 'parse-worker']) {
      expect(existsSync(join(dist, worker, 'prebuilds'))).toBe(false)
      const code = readFileSync(join(dist, worker, 'index.js'), 'utf8')
      expect(code).not.toMatch(/\.ab \+ "prebuilds\//)
      if (code.includes('.node')) expect(code).toContain('__nccwpck_require__.ab + "../prebuilds/"')
    }
  })
})
