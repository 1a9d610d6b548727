import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { keepMemo, memoEntry, replayed, type MemoKey } from '../../src/pipeline/job-memo.js'
import type { ReportRequest } from '../../src/pipeline/job.js'
import { openStore } from '../../src/store/db.js'
import { formatDateTime } from '../../src/render/text.js'
import { tmpDir } from '../helpers.js'
import { bytesSearched, keyOf, reportLikeFiles as files, rows, written } from './memo-files.js'

/*
 * The job memo's entry after a change, fourteenth round (docs/performance.md): a chunk the entry
 * keeps of the folder's entry before is looked at for the report's time only where the earlier
 * head says its forms could start, not searched again; what is replayed stays the run's bytes, a
 * form in a kept chunk is still found, and an altered chunk is never replayed.
 */

const T1 = '2026-12-01T10:00:00.123Z'
const T2 = '2026-12-05T11:22:33.456Z'
const T3 = '2026-12-09T08:07:06.543Z'
const dir = tmpDir('alt-job-memo-marks-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => {
  jest.restoreAllMocks()
})

function replaysExactly(database: string, folder: string, job: ReportRequest, key: MemoKey, expected: Record<string, Buffer>): void {
  rmSync(folder, { recursive: true, force: true })
  const db = openStore(database)
  try {
    expect(replayed(job, key, db, new Date(T3))).not.toBeNull()
    expect(readdirSync(folder).sort()).toEqual(Object.keys(expected).sort())
    for (const [name, bytes] of Object.entries(expected)) expect(readFileSync(join(folder, name)).equals(bytes)).toBe(true)
  } finally {
    db.close()
  }
}

const total = (body: Record<string, Buffer>) => Object.values(body).reduce((n, b) => n + b.length, 0)

describe('the job memo’s entry after a change, by the earlier entry’s marks', () => {
  it('looks for the time in the kept chunks only at their marks, and replays the new files byte for byte', () => {
    const database = join(dir, 'after.sqlite')
    openStore(database).close()
    const folder = join(dir, 'after')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const [, first] = bytesSearched(() => keepMemo(database, keyOf(database, folder, 'one'), memoEntry(job, new Date(T1), written(folder, files(T1), T1))))
    // A first entry searches every byte.
    expect(first).toBeGreaterThanOrEqual(total(files(T1)))

    // One line more in the middle of report.md, at another time, under another key (a log that grew).
    const body = files(T2, { insertAt: 40000 })
    const key = keyOf(database, folder, 'two')
    const [kept, searched] = bytesSearched(() => keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, body, T2))))
    expect(kept).toBe(true)
    // The chunks holding the time and the new line are searched; the rest only at their marks
    // (the code before searched each of the three forms through every byte).
    expect(searched).toBeLessThan(total(body) / 4)
    replaysExactly(database, folder, job, key, files(T3, { insertAt: 40000 }))
  })

  it('keeps the chunks after a line inserted early in a file, and replays them byte for byte', () => {
    const database = join(dir, 'early.sqlite')
    openStore(database).close()
    const folder = join(dir, 'early')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    expect(keepMemo(database, keyOf(database, folder, 'one'), memoEntry(job, new Date(T1), written(folder, files(T1), T1)))).toBe(true)
    const before = rows(database)

    const body = files(T2, { insertAt: 3 })
    const key = keyOf(database, folder, 'two')
    const [kept, searched] = bytesSearched(() => keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, body, T2))))
    expect(kept).toBe(true)
    expect(searched).toBeLessThan(total(body) / 4)
    const after = rows(database)
    const same = [...after].filter(([seq, chunk]) => before.get(seq)?.equals(chunk)).length
    // New: the chunks holding the time (report.json's and report.html's first, report.md's last,
    // the comment) and report.md's first, which the line shifted; every chunk after it is kept.
    expect(after.size - same).toBeLessThanOrEqual(5)
    expect(same).toBeGreaterThan(10)
    replaysExactly(database, folder, job, key, files(T3, { insertAt: 3 }))
  })

  it.each([
    ['with a few marks', false],
    ['with too many marks to keep', true]
  ])('still finds the new time’s words in a chunk kept whole %s, and keeps no entry then', (_, dense) => {
    const database = join(dir, `quoted-${dense}.sqlite`)
    openStore(database).close()
    const folder = join(dir, `quoted-${dense}`)
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    // A log's text that reads as the Markdown footer at T2, in the middle of report.md.
    const quoted = `_generated ${formatDateTime(new Date(T2).toISOString(), 'UTC')} UTC by ai-log-trail 0.0.0_`
    expect(keepMemo(database, keyOf(database, folder, 'one'), memoEntry(job, new Date(T1), written(folder, files(T1, { quoted, dense }), T1)))).toBe(true)
    const before = rows(database)
    // At T2 its chunk is the same bytes (kept), and now holds the time's form a second time: the
    // entry is not kept, as when every byte was searched.
    const key = keyOf(database, folder, 'two')
    expect(keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, files(T2, { quoted, dense, insertAt: 60000 }), T2)))).toBe(false)
    expect(before.size).toBeGreaterThan(10)
    const db = openStore(database)
    try {
      expect(replayed(job, key, db, new Date(T3))).toBeNull()
    } finally {
      db.close()
    }
  })

  it('still finds the new time’s words across the end of one kept chunk and the start of the next', () => {
    const database = join(dir, 'seam.sqlite')
    openStore(database).close()
    const folder = join(dir, 'seam')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    const quoted = `_generated ${formatDateTime(new Date(T2).toISOString(), 'UTC')} UTC by ai-log-trail 0.0.0_`
    // report.md's first chunk ends at 1 MiB (no line ends past its first 512 KiB), inside `words`.
    const body = (at: string, words: string, tail: string) => {
      const head = files(at)['report.md'].subarray(0, 400 * 1024)
      const start = head.subarray(0, head.lastIndexOf(10) + 1)
      const long = `${'x'.repeat(1024 * 1024 - 12 - start.length)}${words}${'y'.repeat(1000)}\n`
      const end = `${tail}\n_generated ${formatDateTime(new Date(at).toISOString(), 'UTC')} UTC by ai-log-trail 0.0.0_\n`
      return { ...files(at), 'report.md': Buffer.concat([start, Buffer.from(long), Buffer.from(end)]) }
    }
    expect(keepMemo(database, keyOf(database, folder, 'one'), memoEntry(job, new Date(T1), written(folder, body(T1, quoted, 'the end'), T1)))).toBe(true)
    const key = keyOf(database, folder, 'two')
    expect(keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, body(T2, quoted, 'the end, grown'), T2)))).toBe(false)
    // Without the words, the same texts make an entry.
    const other = quoted.replace('UTC', 'utc')
    expect(keepMemo(database, keyOf(database, folder, 'three'), memoEntry(job, new Date(T1), written(folder, body(T1, other, 'the end'), T1)))).toBe(true)
    expect(keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, body(T2, other, 'the end, grown'), T2)))).toBe(true)
  })

  it('never replays a kept chunk altered in the store, and the run after it rebuilds', () => {
    const database = join(dir, 'altered.sqlite')
    openStore(database).close()
    const folder = join(dir, 'altered')
    const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
    expect(keepMemo(database, keyOf(database, folder, 'one'), memoEntry(job, new Date(T1), written(folder, files(T1), T1)))).toBe(true)
    const before = rows(database)
    const body = files(T2, { insertAt: 40000 })
    const key = keyOf(database, folder, 'two')
    expect(keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, body, T2)))).toBe(true)
    // A chunk the second entry kept of the first, one byte of its row altered.
    const keptSeq = [...rows(database)].find(([seq, chunk]) => before.get(seq)?.equals(chunk))![0]
    const db = openStore(database)
    try {
      const chunk = Buffer.from(db.prepare('SELECT chunk FROM job_memo_chunks WHERE seq = ?').pluck().get(keptSeq) as Buffer)
      chunk[chunk.length >> 1] ^= 1
      db.prepare('UPDATE job_memo_chunks SET chunk = ? WHERE seq = ?').run(chunk, keptSeq)
      rmSync(folder, { recursive: true, force: true })
      expect(replayed(job, key, db, new Date(T3))).toBeNull()
      // Nothing of it was written.
      expect(readdirSync(folder)).toEqual([])
    } finally {
      db.close()
    }
    // The run rebuilds its files and its entry, which keeps none of the altered entry's chunks.
    expect(keepMemo(database, key, memoEntry(job, new Date(T2), written(folder, body, T2)))).toBe(true)
    expect(rows(database).has(keptSeq)).toBe(false)
    replaysExactly(database, folder, job, key, files(T3, { insertAt: 40000 }))
  })
})
