import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PART_MAX_CHARS } from '../../src/pipeline/render-parts.js'
import { tmpDir } from '../helpers.js'
import { session, spilledFullReport, words } from './spilled-report.js'

/*
 * A session part longer than PART_MAX_CHARS is not kept (keeping it holds it whole several times
 * over, where the file takes it a unit at a time): its session is rendered again each run, and
 * the files are the same. One recorder session of 40 actions of 40,000 characters each makes parts
 * over the bound (tool_calls.csv, the Markdown prompts); a small session beside it is kept whole.
 */

let dir: string
beforeAll(() => {
  dir = tmpDir('alt-parts-large-')
  writeFileSync(
    join(dir, 'large.ndjson'),
    session(
      '5f0c2a7e-1b3d-4c8e-9a6f-0d2e4b6c8a11',
      Array.from({ length: 40 }, (_, i) => words(40_000, i))
    )
  )
  writeFileSync(join(dir, 'small.ndjson'), session('7a1d3b8f-2c4e-4d9f-8b7a-1e3f5c7d9b22', ['make test']))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const job = (database: string, out: string, env: Record<string, string> = {}) =>
  spilledFullReport(database, [join(dir, 'large.ndjson'), join(dir, 'small.ndjson')], join(dir, out), env)

test('a session part over the bound is rendered again each run; the others are kept', async () => {
  const database = join(dir, 'work.sqlite')
  const first = await job(database, 'out-1')
  expect(first.hits).toBe(0)
  expect(readFileSync(join(dir, 'out-1', 'tool_calls.csv'), 'utf8').length).toBeGreaterThan(1 << 20)
  expect(PART_MAX_CHARS).toBeLessThanOrEqual(1 << 20)
  const again = await job(database, 'out-2')
  // Both sessions' small parts are met again; the large session's largest ones are made again.
  expect(again.hits).toBeGreaterThan(0)
  expect(again.misses).toBeGreaterThan(0)
  expect(again.hits + again.misses).toBe(first.misses)
  await job(database, 'out-off', { AI_LOG_TRAIL_RENDER_PARTS: '0' })
  for (const name of ['report.md', 'report.json', 'report.html', 'tool_calls.csv', 'prompts.csv'])
    expect(readFileSync(join(dir, 'out-2', name), 'utf8')).toBe(readFileSync(join(dir, 'out-off', name), 'utf8'))
})
