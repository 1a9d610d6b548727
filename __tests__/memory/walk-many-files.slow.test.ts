import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * The ingest holds the whole walk before planning (src/ingest/walk.ts): what it keeps per file
 * grows with the files of a history. It kept an `fs.Stats` and a path built a segment at a time
 * (about 980 bytes a file: the ingest worker's first heap ran out at 50,000 files); it keeps the
 * four numbers planning reads and a path made of its folder's and its name's strings. Files named
 * as Codex names its logs, 1,000 a folder. Runs lib/: `npm test` builds it first. Figures:
 * docs/performance.md, "The walk's memory at many files".
 */

const FILES = 20_000
const dir = tmpDir('alt-memory-walk-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const CHILD = `
import { walkFileStats } from ${JSON.stringify(join(repoRoot, 'lib', 'ingest', 'walk.js'))}
globalThis.gc()
const before = process.memoryUsage().heapUsed
const walk = []
for await (const f of walkFileStats([process.argv[1]], (s) => walk.push(s))) walk.push(f)
globalThis.gc()
process.stdout.write(JSON.stringify({ files: walk.length, bytes: process.memoryUsage().heapUsed - before }))
`

describe('the walk of many files', () => {
  it('holds a few hundred bytes a file', () => {
    const logs = join(dir, 'sessions')
    for (let i = 0; i < FILES; i++) {
      const folder = join(logs, String(Math.floor(i / 1000)).padStart(4, '0'))
      if (i % 1000 === 0) mkdirSync(folder, { recursive: true })
      writeFileSync(join(folder, `rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-${i.toString(16).padStart(12, '0')}.jsonl`), '{}\n')
    }
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, logs], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' }
    })
    if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
    const { files, bytes } = JSON.parse(r.stdout) as { files: number; bytes: number }
    expect(files).toBe(FILES)
    expect(bytes / files).toBeLessThan(500)
  }, 300_000)
})
