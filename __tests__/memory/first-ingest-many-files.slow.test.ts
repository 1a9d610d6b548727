import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * A first ingest of many small files held, per file, the walk's record, a plan (the look-ahead
 * planned 128 MiB of files before reading one), the sessions' cached rows and turns, the session
 * identity's answer and the path of each file read: about 900 bytes a file, so that at 50,000
 * files the ingest worker's capped first heap ran out before a file was stored. Now the walk is
 * planned as it goes on an empty store, the look-ahead and the writer's caches are bounded, the
 * files read are ids and the sessions touched are kept in the store. The heap in use after a
 * full collection, before the ingest and when its last file is read, over the files. Copies of a
 * Codex fixture, each its own session, 1,000 a folder, on the caller's thread (lib/: `npm test`
 * builds it first). Figures: docs/performance.md, "a first ingest of many small files".
 */

const FILES = 8_000
const dir = tmpDir('alt-memory-first-ingest-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const FIXTURE = join(repoRoot, 'fixtures', 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')
const ID = '7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f'

const CHILD = `
const { openStore, ingestPaths } = await import(${JSON.stringify(join(repoRoot, 'lib', 'index.js'))})
const [database, logs, files] = process.argv.slice(1)
const db = openStore(database)
globalThis.gc()
const before = process.memoryUsage().heapUsed
let last = ''
let seen = 0
let atLast = 0
const result = await ingestPaths(db, [logs], { isolate: false, worker: false, onProgress: ({ file }) => {
  if (file === last) return
  last = file
  if (++seen === Number(files)) {
    globalThis.gc()
    atLast = process.memoryUsage().heapUsed
  }
} })
process.stdout.write(JSON.stringify({ files: result.files, sessions: result.sessions, bytes: atLast - before }))
`

describe('a first ingest of many small files', () => {
  it('holds a little per file', () => {
    const text = readFileSync(FIXTURE, 'utf8')
    const logs = join(dir, 'sessions')
    for (let i = 0; i < FILES; i++) {
      const folder = join(logs, String(Math.floor(i / 1000)).padStart(4, '0'))
      if (i % 1000 === 0) mkdirSync(folder, { recursive: true })
      const id = `7d3e9f10-1a2b-4c3d-8e4f-${i.toString(16).padStart(12, '0')}`
      writeFileSync(join(folder, `rollout-2025-08-20T15-20-47-${id}.jsonl`), text.replace(ID, id))
    }
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, join(dir, 'store.sqlite'), logs, String(FILES)], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' }
    })
    if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
    const { files, sessions, bytes } = JSON.parse(r.stdout) as { files: number; sessions: number; bytes: number }
    expect([files, sessions]).toEqual([FILES, FILES])
    // About 890 bytes a file on the code before, about 310 after (of which the writer's bounded caches are most).
    expect(bytes / files).toBeLessThan(500)
  }, 600_000)
})
