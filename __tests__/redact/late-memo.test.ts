import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { lateCheckContent, lateCheckOptions } from '../../src/redact/late/check.js'
import { lateRedactJsonValue } from '../../src/redact/late/json.js'
import { lateMemoFingerprint, openLateMemo } from '../../src/redact/late/memo.js'
import type { LateMemo } from '../../src/redact/late-memo.js'
import { openStore } from '../../src/store/db.js'
import { LOCAL_ONLY_TABLES } from '../../src/store/pg/natural-keys.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * The last check's memo (migration 15). Whether a check used the memo is seen by planting, in the
 * store, the hash the memo would give a text holding an e-mail address: a check that read the memo
 * lets that text through unchanged, one that scanned it redacts the address. The texts are
 * self-written; the job runs over the committed real-shaped logs of two agents.
 */

const EMAIL = 'mira.kowalczyk@acme-corp.io'
/** Long enough to be memoized (short texts are checked every run). */
const filler = (word: string) => `${word} `.repeat(120)
const DIRTY = `# Notes\n\n${filler('clean')}\nwrite to ${EMAIL} when done\n`
const CLEAN = `# Notes\n\n${filler('clean')}\nwrite to the team when done\n`

let dir: string
beforeAll(() => {
  dir = tmpDir('alt-late-memo-')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A migrated, empty store. */
function store(name: string): string {
  const path = join(dir, name)
  openStore(path).close()
  return path
}

const rows = (path: string) => {
  const db = openStore(path)
  const r = db.prepare('SELECT hash, used_run FROM late_check_memo ORDER BY hash').all() as { hash: string; used_run: number }[]
  db.close()
  return r
}

/** Puts into the store the hash `memo` gives `text` checked as `kind`, as if an earlier run had found it clean. */
function plant(path: string, memo: LateMemo, kind: string, text: string): void {
  const db = openStore(path)
  db.prepare('INSERT INTO late_check_memo (hash, used_run) VALUES (?, 1)').run(memo.key(kind, text))
  db.close()
}

/** One job's worth of checks: the options and their memo, as `reportHere` opens them. */
function session(path: string, config = '', included: string[] = []) {
  const opts = lateCheckOptions(parseConfig(config, 'test.yml'), included)
  const memo = openLateMemo(path, opts)
  if (!memo) throw new Error('no memo')
  return { opts, memo }
}

describe("the last check's memo", () => {
  it('remembers a clean text and gives it back unscanned with no findings in the next run', () => {
    const path = store('clean.sqlite')
    const first = session(path)
    expect(lateCheckContent('report.md', CLEAN, first.opts)).toEqual({ text: CLEAN, findings: [] })
    expect(first.memo.added.size).toBe(1)
    first.memo.save()
    expect(rows(path)).toHaveLength(1)

    const second = session(path)
    expect(lateCheckContent('report.md', CLEAN, second.opts)).toEqual({ text: CLEAN, findings: [] })
    expect(second.memo.used.size).toBe(1)
    expect(second.memo.added.size).toBe(0)
  })

  it('never remembers a text the check changed', () => {
    const path = store('dirty.sqlite')
    const s = session(path)
    const r = lateCheckContent('report.md', DIRTY, s.opts)
    expect(r.findings.map((f) => f.detector)).toEqual(['email'])
    expect(s.memo.added.size).toBe(0)
    s.memo.save()
    expect(rows(path)).toEqual([])
    // Nor a JSON document the check changed.
    const doc = { prompts: [DIRTY] }
    expect(lateRedactJsonValue(doc, s.opts).findings).toHaveLength(1)
    expect(s.memo.added.size).toBe(0)
  })

  it('is what a check reads: a text whose hash is planted passes unscanned', () => {
    const path = store('planted.sqlite')
    plant(path, session(path).memo, 'content.md', DIRTY)
    const s = session(path)
    expect(lateCheckContent('report.md', DIRTY, s.opts)).toEqual({ text: DIRTY, findings: [] })
    // Keyed by the format the text is checked as: the same text as plain text is scanned.
    expect(lateCheckContent('notes.txt', DIRTY, s.opts).findings).toHaveLength(1)
  })

  it('is what the JSON check reads: a document is known by its JSON text', () => {
    const path = store('planted-json.sqlite')
    const doc = { id: 's1', prompts: [DIRTY] }
    plant(path, session(path).memo, 'json', JSON.stringify(doc))
    const s = session(path)
    expect(lateRedactJsonValue(doc, s.opts)).toEqual({ value: doc, findings: [] })
    expect(lateRedactJsonValue({ ...doc, id: 's2' }, s.opts).findings).toHaveLength(1)
  })

  it('misses when a rule is added, an allow entry changes or a value is published as written', () => {
    const path = store('misses.sqlite')
    plant(path, session(path).memo, 'content.md', DIRTY)
    for (const s of [
      session(path, 'rules:\n  - id: nothing-here\n    words: [zzzyyyxxx]\n'),
      session(path, 'allow:\n  literals: [not-in-the-text]\n'),
      session(path, '', [`see ${EMAIL}`])
    ]) {
      // The value published as written is allowed, so the text comes back unchanged: by the scan.
      const r = lateCheckContent('report.md', DIRTY, s.opts)
      expect(s.memo.used.size).toBe(0)
      if (r.findings.length === 0) expect(s.memo.added.size).toBe(1)
      else expect(r.text).not.toContain(EMAIL)
    }
    const fingerprints = new Set(
      [parseConfig('', 'test.yml'), parseConfig('rules:\n  - id: nothing-here\n    words: [zzzyyyxxx]\n', 'test.yml')].flatMap((c) => [
        lateMemoFingerprint(lateCheckOptions(c)),
        lateMemoFingerprint(lateCheckOptions(c, [EMAIL]))
      ])
    )
    expect(fingerprints.size).toBe(4)
  })

  it("gives options not made by lateCheckOptions (a test's own detectors) no memo", () => {
    const path = store('own.sqlite')
    const { opts } = session(path)
    expect(openLateMemo(path, { ...opts })).toBeNull()
  })

  it('evicts what the last runs that wrote did not use', () => {
    const path = store('evict.sqlite')
    const texts = Array.from({ length: 6 }, (_, i) => `${CLEAN}run ${i}\n`)
    // Each run meets the first text and one new text.
    for (const t of texts) {
      const s = session(path)
      lateCheckContent('report.md', texts[0], s.opts)
      lateCheckContent('report.md', t, s.opts)
      s.memo.save()
    }
    const s = session(path)
    const known = texts.filter((t) => {
      lateCheckContent('report.md', t, s.opts)
      return s.memo.used.has(s.memo.key('content.md', t))
    })
    // The last KEEP_RUNS runs that wrote are the last four: the texts they met, and the one every run met.
    expect(known).toEqual([texts[0], ...texts.slice(2)])
  })
})

describe("the last check's memo in a job", () => {
  const database = () => join(dir, 'work.sqlite')
  const paths = [join(fixtures, 'claude-code'), join(fixtures, 'codex')]
  const job = (out: string) =>
    runJob({
      database: database(),
      repoDir: dir,
      paths,
      config: parseConfig('', 'test.yml'),
      mode: 'full',
      formats: ['md', 'json', 'csv', 'html'],
      outDir: join(dir, out),
      now: new Date('2026-01-01T00:00:00Z'),
      version: '0.0.0',
      exportDatabase: true
    })
  const outputs = (d: string) => {
    const out: Record<string, string> = {}
    for (const f of readdirSync(join(dir, d)).sort()) if (f !== 'ai-log-trail.sqlite') out[f] = readFileSync(join(dir, d, f), 'utf8')
    return out
  }

  it('writes the same bytes warm as cold in every format, with every text known in the warm run', async () => {
    await job('cold')
    const cold = outputs('cold')
    const afterCold = rows(database())
    expect(afterCold.length).toBeGreaterThan(3)
    await job('warm')
    const warm = outputs('warm')
    expect(Object.keys(cold)).toEqual(expect.arrayContaining(['comment.md', 'summary.md', 'report.md', 'report.json', 'report.html', 'sessions.csv']))
    expect(Object.keys(warm)).toEqual(Object.keys(cold))
    for (const f of Object.keys(cold)) expect(warm[f]).toBe(cold[f])
    // Nothing new: the warm run wrote no row.
    expect(rows(database())).toEqual(afterCold)
  })

  it('stores hashes only, and the sanitized database and a push hold none of it', () => {
    const db = openStore(database())
    const columns = (db.prepare("SELECT name FROM pragma_table_info('late_check_memo') ORDER BY cid").all() as { name: string }[]).map((c) => c.name)
    db.close()
    expect(columns).toEqual(['hash', 'used_run'])
    for (const r of rows(database())) expect(r.hash).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    const exported = openStore(join(dir, 'warm', 'ai-log-trail.sqlite'), { readonly: true })
    expect(exported.prepare('SELECT COUNT(*) AS n FROM late_check_memo').get()).toEqual({ n: 0 })
    exported.close()
    expect(LOCAL_ONLY_TABLES.has('late_check_memo')).toBe(true)
  })
})
