import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * A sort SQLite cannot do from an index (ORDER BY, DISTINCT, GROUP BY over one session of a long
 * log) spills what exceeds its cache to temporary files. With `temp_store = MEMORY` those files were
 * held in memory: a dry-run over one 2 GB rollout peaked at 771 MB, most of it outside the JS heap
 * (docs/performance.md, "One long session"). A child process sorts about 120 MB of text on a
 * connection `openStore` opened, and its resident memory must not grow with what it sorts. Runs
 * lib/: `npm test` builds it first.
 */

const dir = tmpDir('alt-sort-memory-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const CHILD = `
import { readFileSync } from 'node:fs'
import { openStore } from ${JSON.stringify(join(repoRoot, 'lib', 'store', 'db.js'))}
const rss = () => Number(/^VmRSS:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
const hwm = () => Number(/^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
const db = openStore(process.argv[1])
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
const put = db.prepare('INSERT INTO t (v) VALUES (?)')
db.transaction(() => { for (let i = 0; i < 300000; i++) put.run(String((i * 7919) % 300007).padStart(12, '0') + 'x'.repeat(400)) })()
db.pragma('wal_checkpoint(TRUNCATE)')
db.pragma('shrink_memory')
const before = rss()
let n = 0
for (const r of db.prepare('SELECT v FROM t ORDER BY v').iterate()) n++
process.stdout.write(JSON.stringify({ n, grew_mb: hwm() - before }))
db.close()
`

describe('a large sort on a store connection', () => {
  it('spills to temporary files instead of growing the process', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, join(dir, 'sort.sqlite')], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 300_000
    })
    if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}:\n${r.stderr}`)
    const out = JSON.parse(r.stdout) as { n: number; grew_mb: number }
    expect(out.n).toBe(300_000)
    // About 120 MB is sorted; the store's page cache is 32 MiB.
    expect(out.grew_mb).toBeLessThan(60)
  }, 300_000)
})
