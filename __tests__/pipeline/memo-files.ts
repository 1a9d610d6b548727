import { jest } from '@jest/globals'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { MemoKey } from '../../src/pipeline/job-memo.js'
import type { ReportResult } from '../../src/pipeline/job.js'
import { openStore } from '../../src/store/db.js'
import { storeGeneration } from '../../src/store/generation.js'
import { formatDateTime } from '../../src/render/text.js'

/*
 * What the job memo's entry tests share: a job's files written into a folder as the report would
 * leave them, the memo's chunk rows and a key for a folder, without running a report; and how much
 * of the files an entry's search for the report's time read.
 */

/** `body` written as the folder's only files, and the result a report that wrote them at `at` returns. */
export function written(folder: string, body: Record<string, Buffer>, at: string): ReportResult {
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  for (const [name, bytes] of Object.entries(body)) writeFileSync(join(folder, name), bytes)
  return {
    report: { generated_at: new Date(at).toISOString() },
    files: Object.keys(body),
    comment: `## Report\n\n_generated ${formatDateTime(new Date(at).toISOString(), 'UTC')} UTC by ai-log-trail 0.0.0_\n`,
    releaseSection: '',
    summary: '',
    late: { total: 0, by_file: {} },
    sessionIds: [],
    sessionsHeld: false,
    redactions: 0
  } as unknown as ReportResult
}

/** The store's memo chunk rows, by number. */
export function rows(database: string): Map<number, Buffer> {
  const db = openStore(database)
  try {
    const all = db.prepare('SELECT seq, chunk FROM job_memo_chunks ORDER BY seq').all() as { seq: number; chunk: Buffer }[]
    return new Map(all.map((r) => [r.seq, r.chunk]))
  } finally {
    db.close()
  }
}

/** A memo key for `folder` at the store's generation now. */
export function keyOf(database: string, folder: string, key: string): MemoKey {
  const db = openStore(database)
  try {
    return { key, generation: storeGeneration(db), outDir: resolve(folder) }
  } finally {
    db.close()
  }
}

/**
 * How many bytes `fn` had searched for text holding "enerated" (every form of the time holds it),
 * by a spy on `Buffer.prototype.indexOf`.
 */
export function bytesSearched<T>(fn: () => T): [T, number] {
  const original = Buffer.prototype.indexOf
  let searched = 0
  const spy = jest.spyOn(Buffer.prototype, 'indexOf').mockImplementation(function (this: Buffer, ...args: unknown[]) {
    const [value, offset] = args
    const at = original.apply(this, args as Parameters<Buffer['indexOf']>)
    // From where the search began to where it stopped.
    if ((typeof value === 'string' || Buffer.isBuffer(value)) && value.toString('latin1').includes('enerated'))
      searched += (at >= 0 ? at + value.length : this.length) - (typeof offset === 'number' ? Math.max(0, offset) : 0)
    return at
  })
  try {
    return [fn(), searched]
  } finally {
    spy.mockRestore()
  }
}
