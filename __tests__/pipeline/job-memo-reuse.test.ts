import { afterAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { keepMemo, memoEntry, replayed } from '../../src/pipeline/job-memo.js'
import type { ReportRequest } from '../../src/pipeline/job.js'
import { openStore } from '../../src/store/db.js'
import { formatTime } from '../../src/render/html-format.js'
import { formatDateTime } from '../../src/render/text.js'
import { tmpDir } from '../helpers.js'
import { keyOf, rows, written } from './memo-files.js'

/*
 * The job memo's entry after a change in one place (docs/performance.md, "the job memo's entry
 * after a change"): its chunks end where the text says, so the chunks after the change are cut as
 * before, and the new entry keeps the folder's earlier entry's chunks of the same bytes rather
 * than compressing them again. What is replayed is the new files, byte for byte.
 */

const T1 = '2026-12-01T10:00:00.123Z'
const T2 = '2026-12-05T11:22:33.456Z'
const dir = tmpDir('alt-job-memo-reuse-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Some MiB of report-like files at time `at`, a line inserted after line `insertAt` of report.md when given. */
function files(at: string, insertAt?: number): Record<string, Buffer> {
  const iso = new Date(at).toISOString()
  const lines = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => {
      const line = `${tag} ${i} ${((i * 7919) % 100003).toString(36)} ${'v'.repeat(i % 97)} row`
      return insertAt !== undefined && tag === 'md' && i === insertAt ? `${line}\ninserted: a line a grown session adds\n` : `${line}\n`
    }).join('')
  return {
    'report.json': Buffer.from(`{\n  "generated_at": "${iso}",\n  "rows": [\n${lines(60000, 'json')}]\n}\n`),
    'report.md': Buffer.from(`${lines(80000, 'md')}\n_generated ${formatDateTime(iso, 'UTC')} UTC by ai-log-trail 0.0.0_\n`),
    'report.html': Buffer.from(`<p class="meta">Generated ${formatTime(iso, 'UTC')} by ai-log-trail 0.0.0</p>\n${lines(40000, 'html')}`),
    'tool_calls.csv': Buffer.from(lines(60000, 'csv'))
  }
}

describe('the job memo’s entry after a change in one place', () => {
  it('keeps the earlier entry’s chunks the change did not touch, and replays the new files byte for byte', () => {
    const database = join(dir, 'reuse.sqlite')
    openStore(database).close()
    const folder = join(dir, 'reuse')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const first = written(folder, files(T1), T1)
    expect(keepMemo(database, keyOf(database, folder, 'before'), memoEntry(job, new Date(T1), first))).toBe(true)
    const before = rows(database)
    expect(before.size).toBeGreaterThan(12)

    // One line more in the middle of report.md, under another key (a log that grew).
    const second = written(folder, files(T1, 40000), T1)
    const key = keyOf(database, folder, 'after')
    expect(keepMemo(database, key, memoEntry(job, new Date(T1), second))).toBe(true)
    const after = rows(database)
    const same = [...after].filter(([seq, chunk]) => before.get(seq)?.equals(chunk)).length
    // Only the chunk holding the new line is another; with chunks cut at offsets, every chunk after it was.
    expect(after.size - same).toBeLessThanOrEqual(2)
    expect(after.size).toBeGreaterThanOrEqual(before.size)
    // What the earlier entry alone held is gone.
    expect([...before.keys()].filter((seq) => !after.has(seq)).length).toBeLessThanOrEqual(2)

    rmSync(folder, { recursive: true })
    const db = openStore(database)
    try {
      const replay = replayed(job, key, db, new Date(T2))
      expect(replay).not.toBeNull()
      const expected = files(T2, 40000)
      expect(readdirSync(folder).sort()).toEqual(Object.keys(expected).sort())
      for (const [name, bytes] of Object.entries(expected)) expect(readFileSync(join(folder, name)).equals(bytes)).toBe(true)
    } finally {
      db.close()
    }
  })

  it('keeps no chunk of an entry whose replay found a chunk altered, and replays the next', () => {
    const database = join(dir, 'altered.sqlite')
    openStore(database).close()
    const folder = join(dir, 'altered')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const body = files(T1)
    const key = keyOf(database, folder, 'same')
    expect(keepMemo(database, key, memoEntry(job, new Date(T1), written(folder, body, T1)))).toBe(true)
    // The last chunk (the comment, the same text in the next entry) swapped for another: its hash in the head is its old one.
    const db = openStore(database)
    try {
      const seqs = db.prepare('SELECT seq FROM job_memo_chunks ORDER BY seq').pluck().all() as number[]
      const last = seqs[seqs.length - 1]
      db.prepare('UPDATE job_memo_chunks SET chunk = (SELECT chunk FROM job_memo_chunks WHERE seq = ?) WHERE seq = ?').run(seqs[0], last)
      expect(replayed(job, key, db, new Date(T2))).toBeNull()
    } finally {
      db.close()
    }
    // The run that follows a failed replay makes its entry anew, the same files again.
    expect(keepMemo(database, key, memoEntry(job, new Date(T1), written(folder, body, T1)))).toBe(true)
    rmSync(folder, { recursive: true })
    const again = openStore(database)
    try {
      expect(replayed(job, key, again, new Date(T2))).not.toBeNull()
      for (const [name, bytes] of Object.entries(files(T2))) expect(readFileSync(join(folder, name)).equals(bytes)).toBe(true)
    } finally {
      again.close()
    }
  })
})
