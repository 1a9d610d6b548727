import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import Database from 'better-sqlite3'
import { CHUNK_BYTES, keepMemo, memoEntry, memoKey, replayed, treeFingerprint } from '../../src/pipeline/job-memo.js'
import { reportRequest, runJob, type JobOptions, type JobResult, type ReportRequest, type ReportResult } from '../../src/pipeline/job.js'
import { openStore, type Db } from '../../src/store/db.js'
import { storeGeneration, TABLE_ROLES } from '../../src/store/generation.js'
import { migrate } from '../../src/store/migrations.js'
import { formatTime } from '../../src/render/html-format.js'
import { formatDateTime } from '../../src/render/text.js'
import { fixtures, tmpDir } from '../helpers.js'
import { written } from './memo-files.js'

/*
 * The job memo (docs/performance.md, "The job memo"): a run whose every input is an earlier run's
 * writes that run's files again, with its own time in them. Over copies of the committed fixtures
 * (real-shaped logs with planted secrets): a run's files are compared byte for byte with those a
 * fresh store's run over the same inputs and at the same time writes, whether it replayed or not.
 */

const CHANGED = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
const NEW_PROMPT = {
  timestamp: '2026-03-03T10:06:00.000Z',
  type: 'event_msg',
  payload: { type: 'user_message', message: 'Also mail the summary to ann.lee@lindqvist-mail.se', images: [] }
}
const T1 = '2026-12-01T10:00:00.123Z'
const T2 = '2026-12-05T11:22:33.456Z'

const dir = tmpDir('alt-job-memo-')
const logs = join(dir, 'logs')
beforeAll(() => {
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Overrides = Partial<Omit<JobOptions, 'now'>> & { now?: string }

let fresh = 0
function options(database: string, out: string, o: Overrides = {}): JobOptions {
  const { now, ...rest } = o
  return {
    database,
    repoDir: dir,
    paths: [join(logs, 'claude-code'), join(logs, 'codex')],
    config: parseConfig('', 'test.yml'),
    mode: 'actions',
    formats: ['md', 'json', 'csv', 'html'],
    outDir: join(dir, out),
    version: '0.0.0',
    ...rest,
    now: new Date(now ?? T1)
  }
}

function filesOf(out: string, names?: string[]): Record<string, string> {
  const folder = join(dir, out)
  return Object.fromEntries((names ?? readdirSync(folder)).sort().map((n) => [n, readFileSync(join(folder, n), 'utf8')]))
}

/** A run on a fresh store (and a fresh folder) with the same inputs: what the files must be. */
async function freshRun(o: Overrides = {}): Promise<{ files: Record<string, string>; result: JobResult }> {
  const n = ++fresh
  const result = await runJob(options(join(dir, `fresh-${n}.sqlite`), `fresh-${n}`, o))
  expect(result.memo).not.toBe('replayed')
  return { files: filesOf(`fresh-${n}`), result }
}

/** What a job returns but what the ingest read and whether the memo was used. */
function published(r: JobResult) {
  const { ingest: _ingest, memo: _memo, ...rest } = r
  return rest
}

describe('the job memo', () => {
  it('replays a warm run’s files byte for byte, at the same time and at a later one', async () => {
    const db = join(dir, 'warm.sqlite')
    const first = await runJob(options(db, 'warm'))
    expect(first.memo).toBe('kept')
    const again = await runJob(options(db, 'warm'))
    expect(again.memo).toBe('replayed')
    const expected = await freshRun()
    expect(filesOf('warm')).toEqual(expected.files)
    expect(published(again)).toEqual(published(expected.result))

    const later = await runJob(options(db, 'warm', { now: T2 }))
    expect(later.memo).toBe('replayed')
    const expectedLater = await freshRun({ now: T2 })
    expect(filesOf('warm')).toEqual(expectedLater.files)
    expect(published(later)).toEqual(published(expectedLater.result))
    // Not a trivial pass: the two times' files differ.
    expect(expectedLater.files['report.json']).not.toEqual(expected.files['report.json'])
    expect(expectedLater.files['report.html']).not.toEqual(expected.files['report.html'])
  })

  it('leaves the store as a full warm run leaves it, table by table, but for the caches’ own bookkeeping', async () => {
    // One store after its first run, copied: the copies differ only in what comes next.
    const memo = join(dir, 'store-memo.sqlite')
    const full = join(dir, 'store-full.sqlite')
    expect((await runJob(options(memo, 'store'))).memo).toBe('kept')
    copyFileSync(memo, full)
    const before = storeRows(memo)
    const hit = await runJob(options(memo, 'store', { now: T2 }))
    expect(hit.memo).toBe('replayed')
    process.env.AI_LOG_TRAIL_JOB_MEMO = '0'
    try {
      expect((await runJob(options(full, 'store', { now: T2 }))).memo).toBe('none')
    } finally {
      delete process.env.AI_LOG_TRAIL_JOB_MEMO
    }
    // A replay writes nothing to the store: not even the caches' leases, as if it were no run of theirs.
    const after = storeRows(memo)
    expect(after).toEqual(before)
    // What the logs, the review and the provenance say is what the full run left.
    const facts = (rows: Record<string, unknown[]>) => Object.fromEntries(Object.entries(rows).filter(([t]) => TABLE_ROLES[t] !== 'local'))
    expect(facts(after)).toEqual(facts(storeRows(full)))
    expect(Object.keys(facts(after))).toContain('redactions')
  })

  const changes: [string, Overrides, (() => void)?][] = [
    ['a rule of the config', { config: parseConfig('version: 1\nrules:\n  - id: fix\n    words: [Fix]\n    replacement: "[F]"\n', 'test.yml') }],
    ['the pricing', { config: parseConfig('version: 1\npricing:\n  claude-sonnet-4-6: { input: 1000, output: 1000 }\n', 'test.yml') }],
    ['a filter', { filters: { since: '2026-03-03' } }],
    ['the mode', { mode: 'full' }],
    ['the formats', { formats: ['md', 'json'] }],
    ['the scope', { scope: { kind: 'paths', paths: [join(logs, 'codex')] } }],
    ['the changed files', { changedFiles: ['src/a.ts'] }],
    ['the version', { version: '0.0.1' }]
  ]
  for (const [what, change] of changes)
    it(`writes fresh files after a change to ${what}`, async () => {
      const db = join(dir, `change-${what.replace(/\W+/g, '-')}.sqlite`)
      const out = `change-${what.replace(/\W+/g, '-')}`
      expect((await runJob(options(db, out))).memo).toBe('kept')
      const changed = await runJob(options(db, out, change))
      expect(changed.memo).not.toBe('replayed')
      const expected = await freshRun(change)
      // The first run's files of a format no longer asked for stay in the folder, memo or not.
      expect(changed.files).toEqual(expected.result.files)
      expect(filesOf(out, changed.files)).toEqual(expected.files)
      // And back: the first inputs' files, made afresh, not the changed run's.
      const back = await runJob(options(db, out))
      expect(back.memo).not.toBe('replayed')
      expect(filesOf(out)).toEqual((await freshRun()).files)
    })

  it('writes fresh files when a log gains a line', async () => {
    const copy = join(dir, 'grown-logs')
    cpSync(logs, copy, { recursive: true })
    const paths = [join(copy, 'claude-code'), join(copy, 'codex')]
    const db = join(dir, 'grown.sqlite')
    const without = join(dir, 'grown-without-memo.sqlite')
    expect((await runJob(options(db, 'grown', { paths }))).memo).toBe('kept')
    // The same store with the memo turned off: a store that read the logs in two runs numbers their records otherwise than a fresh one.
    copyFileSync(db, without)
    appendFileSync(join(copy, 'codex', CHANGED), JSON.stringify(NEW_PROMPT) + '\n')
    const grown = await runJob(options(db, 'grown', { paths }))
    expect(grown.memo).toBe('kept')
    process.env.AI_LOG_TRAIL_JOB_MEMO = '0'
    try {
      await runJob(options(without, 'grown-without-memo', { paths }))
    } finally {
      delete process.env.AI_LOG_TRAIL_JOB_MEMO
    }
    expect(filesOf('grown')).toEqual(filesOf('grown-without-memo'))
    expect(filesOf('grown')['report.md']).toContain('Also mail the summary')
  })

  it('writes fresh files when a log folder given by a link is linked elsewhere', async () => {
    // The store reads each folder's files under the link's path once; linked back, the ingest
    // finds them unchanged and writes nothing: only the scope differs from the run before.
    const db = join(dir, 'linked.sqlite')
    const without = join(dir, 'linked-without-memo.sqlite')
    const link = join(dir, 'linked-logs')
    const linkTo = (folder: string) => {
      rmSync(link, { force: true })
      symlinkSync(join(logs, folder), link)
    }
    linkTo('codex')
    expect((await runJob(options(db, 'linked', { paths: [link] }))).memo).toBe('kept')
    linkTo('claude-code')
    expect((await runJob(options(db, 'linked', { paths: [link] }))).memo).toBe('kept')
    const claude = filesOf('linked')
    copyFileSync(db, without)
    linkTo('codex')
    const relinked = await runJob(options(db, 'linked', { paths: [link] }))
    expect(relinked.ingest.files).toBe(0)
    expect(relinked.memo).not.toBe('replayed')
    process.env.AI_LOG_TRAIL_JOB_MEMO = '0'
    try {
      await runJob(options(without, 'linked-without-memo', { paths: [link] }))
    } finally {
      delete process.env.AI_LOG_TRAIL_JOB_MEMO
    }
    expect(filesOf('linked')).toEqual(filesOf('linked-without-memo'))
    expect(filesOf('linked')['report.md']).not.toEqual(claude['report.md'])
  })

  it('writes fresh files when the redaction key changes', async () => {
    const db = join(dir, 'keyed.sqlite')
    process.env.AI_LOG_TRAIL_REDACTION_KEY = 'first key'
    try {
      expect((await runJob(options(db, 'keyed'))).memo).toBe('kept')
      process.env.AI_LOG_TRAIL_REDACTION_KEY = 'second key'
      expect((await runJob(options(db, 'keyed'))).memo).not.toBe('replayed')
      expect(filesOf('keyed')).toEqual((await freshRun()).files)
    } finally {
      delete process.env.AI_LOG_TRAIL_REDACTION_KEY
    }
    // The key is never stored, in any form the memo's rows show.
    const store = openStore(db)
    try {
      const rows = store.prepare('SELECT out_dir, key, entry FROM job_memo').all() as { out_dir: string; key: string; entry: Buffer }[]
      for (const r of rows) for (const v of [r.out_dir, r.key, r.entry.toString('latin1')]) expect(v).not.toContain('second key')
    } finally {
      store.close()
    }
  })

  it('writes fresh files when a session’s review tags change', async () => {
    const db = join(dir, 'tagged.sqlite')
    expect((await runJob(options(db, 'tagged'))).memo).toBe('kept')
    const store = openStore(db)
    const session = store.prepare('SELECT id FROM sessions ORDER BY id LIMIT 1').pluck().get() as string
    store.prepare(`INSERT INTO review_tags (session_id, prompt, label, actor, at) VALUES (?, 0, 'checked', 'ann', '2026-12-01')`).run(session)
    store.close()
    expect((await runJob(options(db, 'tagged'))).memo).not.toBe('replayed')
  })

  it('does not replay under another code fingerprint', async () => {
    const db = join(dir, 'code.sqlite')
    const o = options(db, 'code')
    expect((await runJob(o)).memo).toBe('kept')
    const store = openStore(db)
    try {
      const job = reportRequest(o)
      expect(replayed(job, memoKey({ job, db: store }), store, new Date(T2))).not.toBeNull()
      expect(replayed(job, memoKey({ job, db: store }, 'another build'), store, new Date(T2))).toBeNull()
    } finally {
      store.close()
    }
    // The fingerprint is of every script of the tree: one changed, it is another.
    const tree = join(dir, 'tree')
    mkdirSync(join(tree, 'render'), { recursive: true })
    writeFileSync(join(tree, 'render', 'a.js'), 'export const a = 1\n')
    writeFileSync(join(tree, 'notes.txt'), 'not code\n')
    const before = treeFingerprint(tree)
    writeFileSync(join(tree, 'notes.txt'), 'still not code\n')
    expect(treeFingerprint(tree)).toBe(before)
    writeFileSync(join(tree, 'render', 'a.js'), 'export const a = 2\n')
    expect(treeFingerprint(tree)).not.toBe(before)
  })

  for (const [what, damage] of [
    ['cut short', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['altered', (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 10), Buffer.from('0123456789')])],
    ['emptied', () => Buffer.alloc(0)]
  ] as [string, (b: Buffer) => Buffer][])
    it(`rebuilds, never replays, an entry ${what}`, async () => {
      const db = join(dir, `damaged-${what}.sqlite`)
      const out = `damaged-${what}`
      expect((await runJob(options(db, out))).memo).toBe('kept')
      const store = openStore(db)
      const entry = store.prepare('SELECT entry FROM job_memo').pluck().get() as Buffer
      store.prepare('UPDATE job_memo SET entry = ?').run(damage(entry))
      store.close()
      rmSync(join(dir, out), { recursive: true })
      const rebuilt = await runJob(options(db, out, { now: T2 }))
      expect(rebuilt.memo).toBe('kept')
      expect(filesOf(out)).toEqual((await freshRun({ now: T2 })).files)
      expect((await runJob(options(db, out, { now: T2 }))).memo).toBe('replayed')
    })

  for (const [what, damage] of [
    ['altered', (store: Db) => store.prepare('UPDATE job_memo_chunks SET chunk = ? WHERE seq = 0').run(Buffer.from('not a chunk'))],
    ['missing', (store: Db) => store.prepare('DELETE FROM job_memo_chunks WHERE seq = 0').run()],
    [
      'of another entry',
      (store: Db) => store.prepare('UPDATE job_memo_chunks SET chunk = (SELECT chunk FROM job_memo_chunks c WHERE c.out_dir <> job_memo_chunks.out_dir)').run()
    ]
  ] as [string, (store: Db) => void][])
    it(`rebuilds, never replays, an entry whose chunk is ${what}`, async () => {
      const db = join(dir, `chunk-${what.replace(/\W+/g, '-')}.sqlite`)
      const out = `chunk-${what.replace(/\W+/g, '-')}`
      expect((await runJob(options(db, out))).memo).toBe('kept')
      // A second folder's entry, whose chunk is another's.
      expect((await runJob(options(db, `${out}-other`, { mode: 'full' }))).memo).toBe('kept')
      const store = openStore(db)
      damage(store)
      store.close()
      writeFileSync(join(dir, out, 'report.md'), 'left as it was\n')
      const rebuilt = await runJob(options(db, out, { now: T2 }))
      expect(rebuilt.memo).toBe('kept')
      expect(filesOf(out)).toEqual((await freshRun({ now: T2 })).files)
      expect((await runJob(options(db, out, { now: T2 }))).memo).toBe('replayed')
    })

  it('keeps and replays files over the old 16 MiB cap, a time lying across two chunks', () => {
    const { database, folder, made, job, key } = keptLarge('large')
    const store = openStore(database)
    try {
      // Several chunks, none larger than the chunk before compression.
      const chunks = store.prepare('SELECT COUNT(*) FROM job_memo_chunks').pluck().get() as number
      expect(chunks).toBeGreaterThan(16)
      rmSync(folder, { recursive: true })
      const replay = replayed(job, key, store, new Date(T2))
      expect(replay).not.toBeNull()
      expect(replay!.comment).toBe(made.comment(T2))
      const expected = largeFiles(join(dir, 'large-expected'), T2).files
      for (const name of Object.keys(expected)) expect(readFileSync(join(folder, name)).equals(expected[name])).toBe(true)
      expect(readdirSync(folder).sort()).toEqual(Object.keys(expected).sort())
    } finally {
      store.close()
    }
  })

  for (const [what, damage] of [
    ['missing', (store: Db) => store.prepare('DELETE FROM job_memo_chunks WHERE seq = 3').run()],
    ['altered', (store: Db) => store.prepare(`UPDATE job_memo_chunks SET chunk = (SELECT chunk FROM job_memo_chunks WHERE seq = 2) WHERE seq = 3`).run()],
    ['cut short', (store: Db) => store.prepare('DELETE FROM job_memo_chunks WHERE seq = (SELECT MAX(seq) FROM job_memo_chunks)').run()]
  ] as [string, (store: Db) => void][])
    it(`writes no file, not even in part, from a large entry whose chunk is ${what}`, () => {
      const { database, folder, made, job, key } = keptLarge(`large-${what.replace(/\W+/g, '-')}`)
      const store = openStore(database)
      try {
        damage(store)
        expect(replayed(job, key, store, new Date(T2))).toBeNull()
        // The files are the first run's, whole, and nothing was left beside them.
        for (const [file, body] of Object.entries(made.files)) expect(readFileSync(join(folder, file)).equals(body)).toBe(true)
        expect(readdirSync(folder).sort()).toEqual(Object.keys(made.files).sort())
      } finally {
        store.close()
      }
    })

  it('keeps no entry past its cap compressed, and drops the folder’s earlier one', async () => {
    const db = join(dir, 'capped.sqlite')
    const o = options(db, 'capped')
    const first = await runJob(o)
    expect(first.memo).toBe('kept')
    const store = openStore(db)
    try {
      const job = reportRequest(o)
      const key = memoKey({ job, db: store })
      expect(keepMemo(db, key, memoEntry(job, new Date(T1), first, 100))).toBe(false)
      expect(store.prepare('SELECT COUNT(*) FROM job_memo').pluck().get()).toBe(0)
      expect(store.prepare('SELECT COUNT(*) FROM job_memo_chunks').pluck().get()).toBe(0)
      expect(keepMemo(db, key, memoEntry(job, new Date(T1), first))).toBe(true)
      expect(replayed(job, key, store, new Date(T1))).not.toBeNull()
    } finally {
      store.close()
    }
  })

  it('drops a schema 19 store’s entry when it migrates, and keeps and replays the next', async () => {
    const db = join(dir, 'schema-19.sqlite')
    const old = new Database(db)
    migrate(old, 19)
    old.prepare('INSERT INTO job_memo (out_dir, key, entry) VALUES (?, ?, ?)').run(resolve(dir, 'schema-19'), 'old key', Buffer.from('an entry of version 19'))
    old.close()
    const first = await runJob(options(db, 'schema-19'))
    expect(first.memo).toBe('kept')
    const store = openStore(db)
    try {
      expect(store.prepare('SELECT key FROM job_memo').pluck().all()).not.toContain('old key')
    } finally {
      store.close()
    }
    expect((await runJob(options(db, 'schema-19', { now: T2 }))).memo).toBe('replayed')
    expect(filesOf('schema-19')).toEqual((await freshRun({ now: T2 })).files)
  })

  it('keeps one entry per output folder, and none in the sanitized database', async () => {
    const db = join(dir, 'folders.sqlite')
    await runJob(options(db, 'folder-a'))
    await runJob(options(db, 'folder-b'))
    await runJob(options(db, 'folder-a', { mode: 'full' }))
    const store = openStore(db)
    try {
      expect(store.prepare('SELECT out_dir FROM job_memo ORDER BY out_dir').pluck().all()).toEqual([resolve(dir, 'folder-a'), resolve(dir, 'folder-b')])
      expect(store.prepare('SELECT DISTINCT out_dir FROM job_memo_chunks ORDER BY out_dir').pluck().all()).toEqual([
        resolve(dir, 'folder-a'),
        resolve(dir, 'folder-b')
      ])
    } finally {
      store.close()
    }
    const exported = await runJob(options(db, 'folder-export', { exportDatabase: true }))
    expect(exported.memo).toBe('none')
    const copy = openStore(join(dir, 'folder-export', 'ai-log-trail.sqlite'))
    try {
      expect(copy.prepare('SELECT COUNT(*) FROM job_memo').pluck().get()).toBe(0)
      expect(copy.prepare('SELECT COUNT(*) FROM job_memo_chunks').pluck().get()).toBe(0)
    } finally {
      copy.close()
    }
  })
})

/** Every table's rows, in a stable order. */
function storeRows(database: string): Record<string, unknown[]> {
  const db = openStore(database)
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]
    return Object.fromEntries(
      tables.map((t) => [
        t,
        (db.prepare(`SELECT * FROM ${t}`).raw().all() as unknown[][])
          .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)))
          .sort()
      ])
    )
  } finally {
    db.close()
  }
}

function generationOf(database: string): number {
  const db = openStore(database)
  try {
    return storeGeneration(db)
  } finally {
    db.close()
  }
}

/**
 * Files as a full-mode report of a long history writes them, about 31 MiB in all, with the time
 * where each renderer puts it: the JSON report's across the first two chunks of the entry, the
 * others far into it. Lines of varied text, so the chunks do not compress to nothing.
 */
/** A fresh store holding the memo of `largeFiles` written at T1 into the folder `name`. */
function keptLarge(name: string) {
  const database = join(dir, `${name}.sqlite`)
  openStore(database).close()
  const folder = join(dir, name)
  const made = largeFiles(folder, T1)
  const job = { outDir: folder, config: parseConfig('', 'test.yml') } as ReportRequest
  const key = { key: 'large', generation: generationOf(database), outDir: resolve(folder) }
  expect(keepMemo(database, key, memoEntry(job, new Date(T1), made.result))).toBe(true)
  return { database, folder, made, job, key }
}

function largeFiles(folder: string, at: string): { files: Record<string, Buffer>; result: ReportResult; comment: (t: string) => string } {
  const iso = new Date(at).toISOString()
  const md = formatDateTime(iso, 'UTC')
  const html = formatTime(iso, 'UTC')
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} ${i} ${((i * 7919) % 100003).toString(36)} row`).join('\n') + '\n'
  const needle = '{\n  "generated_at": "'
  // The time's first five characters end the first chunk.
  const pad = 'x'.repeat(CHUNK_BYTES - 5 - needle.length - 1)
  const files: Record<string, Buffer> = {
    'report.json': Buffer.from(`${pad}\n${needle}${iso}",\n  "rows": "${lines(300000, 'json').replace(/\n/g, ' ')}"\n}\n`),
    'report.md': Buffer.from(`${lines(400000, 'md')}\n_generated ${md} UTC by ai-log-trail 0.0.0_\n`),
    'report.html': Buffer.from(`<p class="meta">Generated ${html} by ai-log-trail 0.0.0</p>\n${lines(400000, 'html')}`),
    'tool_calls.csv': Buffer.from(lines(500000, 'csv'))
  }
  const comment = (t: string) => `## Report\n\n_generated ${formatDateTime(new Date(t).toISOString(), 'UTC')} UTC by ai-log-trail 0.0.0_\n`
  return { files, result: written(folder, files, at), comment }
}
