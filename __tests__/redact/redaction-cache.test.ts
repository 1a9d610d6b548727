import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { hash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import type { Config } from '../../src/config/schema.js'
import { cacheFingerprint, codeFingerprint, RedactionCache, redactionCache } from '../../src/redact/cached-findings.js'
import { redactReport } from '../../src/redact/policy.js'
import { selectReport } from '../../src/select/select.js'
import { openStore, type Db } from '../../src/store/db.js'
import { KEEP_RUNS, RedactionCacheStore } from '../../src/store/redaction-cache.js'
import { fixtures, ingestFresh, tmpDir, type Ingested } from '../helpers.js'

// Assembled at run time so this file holds no contiguous token.
const GH = 'ghp_' + 'R4nd0mT0k3nV4lu3F0rT3st1ngOnly012345'
const EMAIL = 'jane.doe' + '@example-corp.com'
const OTHER = 'john.roe' + '@example-corp.com'
const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
// A self-written variant of a real-shaped fixture: a Codex rollout with planted secrets, two
// e-mail addresses (numbered tags depend on the order they are met) and a JSON tool call.
const SRC = readFileSync(join(fixtures, 'codex', `rollout-2026-03-03T11-00-00-${SESSION}.jsonl`), 'utf8')

let r: Ingested
let dir: string
beforeAll(async () => {
  dir = tmpDir()
  const text = SRC.replaceAll('/home/dev/projects/demo', '/home/janedoe/projects/demo')
    .replaceAll('"Refactor the parser so it streams input"', JSON.stringify(`Refactor the parser; my token is ${GH}, mail ${EMAIL} then ${OTHER} ok`))
    .replace('"Also add a test"', JSON.stringify(`Also add a test, cc ${OTHER} and ${EMAIL}; ticket ACME-1234`))
    .replace('cat src/parser.ts', `curl -H 'Authorization: token ${GH}' https://api.github.com`)
    .replaceAll('Stream first', `Stream first, ask ${OTHER}`)
  writeFileSync(join(dir, `rollout-x-${SESSION}.jsonl`), text)
  r = await ingestFresh([dir])
})
afterAll(() => {
  r.close()
  rmSync(dir, { recursive: true, force: true })
})

const now = new Date('2026-04-01T12:00:00Z')
const full = () => selectReport(r.db, { mode: 'full', now })
const config = (yaml = 'hash_identifiers:\n  emails: true\n') => parseConfig(yaml, 'x.yml')

/** A fresh store holding nothing but the cache's tables (the report is selected from `r.db`). */
function cacheDb(): Db {
  return openStore(join(tmpDir(), 'cache.sqlite'))
}

/**
 * The report redacted with the store's cache, opened anew as a new run's would be (`redactionCache`
 * keeps one per connection, for the report and the comment of one run).
 */
function cached(db: Db, c: Config, fingerprint = cacheFingerprint(c), key: string | null = null) {
  const store = RedactionCacheStore.open(db, fingerprint)
  if (!store) throw new Error('no cache')
  return redactReport(full(), c, key, new RedactionCache(store))
}

const rows = (db: Db) =>
  db.prepare('SELECT key, findings, digest, used_run FROM redaction_cache ORDER BY key').all() as {
    key: string
    findings: string | null
    digest: Buffer
    used_run: number
  }[]
const runOf = (db: Db) => (db.prepare('SELECT run FROM redaction_cache_state').get() as { run: number }).run

/** Rewrites one row's findings, with a digest that binds them (a forgery only this test can make). */
function forge(db: Db, fingerprint: string, key: string, findings: string | null, validDigest = true): void {
  const digest = validDigest ? hash('sha256', `${fingerprint}\0${key}\0${findings ?? ''}`, 'buffer') : Buffer.alloc(32)
  db.prepare('UPDATE redaction_cache SET findings = ?, digest = ? WHERE key = ?').run(findings, digest, key)
}

/** The row of the first prompt's text: the one whose single scan found a github-token, then two e-mail addresses. */
function promptRow(db: Db) {
  const row = rows(db).find(
    (x) => x.findings !== null && /^\{"calls":1,"found":\[\[0,\[\["github-token",\d+,\d+\],\["email",\d+,\d+\],\["email",\d+,\d+\]\]\]\]\}$/.test(x.findings)
  )
  if (!row) throw new Error('no row for the prompt')
  return row
}

describe('the redaction cache', () => {
  it('gives the same report, records and tags on a hit as a fresh redaction, without rescanning', () => {
    const c = config()
    const fresh = redactReport(full(), c, null)
    const db = cacheDb()
    const first = cached(db, c)
    const stored = rows(db)
    expect(stored.length).toBeGreaterThan(10)
    // Some entries are JSON texts, replayed through several scans.
    expect(stored.some((x) => x.findings !== null && Number(JSON.parse(x.findings).calls) > 1)).toBe(true)
    const second = cached(db, c)
    for (const out of [first, second]) {
      expect(JSON.stringify(out.report)).toBe(JSON.stringify(fresh.report))
      expect(out.records).toEqual(fresh.records)
      expect(out.included).toEqual(fresh.included)
    }
    expect(JSON.stringify(fresh.report)).toContain('[REDACTED:email#2]')
    expect(JSON.stringify(fresh.report)).not.toContain(GH)
    // The second run read every text from the cache: it added no row.
    expect(rows(db).map((x) => x.key)).toEqual(stored.map((x) => x.key))
    expect(runOf(db)).toBe(2)
    db.close()
  })

  it('replays what a row says: a row bound by its digest is used as is', () => {
    // The proof that hits do not rescan: a forged, correctly bound row changes the output.
    const c = config()
    const db = cacheDb()
    cached(db, c)
    const fingerprint = cacheFingerprint(c)
    const row = promptRow(db)
    forge(db, fingerprint, row.key, '{"calls":1,"found":[[0,[["forged",0,8]]]]}')
    const out = JSON.stringify(cached(db, c).report)
    expect(out).toContain('[REDACTED:forged] the parser')
    db.close()
  })

  it('ignores a row whose digest does not match, an unreadable one, and one that does not fit its text', () => {
    const c = config()
    const fresh = JSON.stringify(redactReport(full(), c, null).report)
    const fingerprint = cacheFingerprint(c)
    const cases: [string | null, boolean][] = [
      ['{"calls":1,"found":[[0,[["forged",0,8]]]]}', false], // findings changed, digest not
      [null, false], // "no findings" claimed without a digest
      ['{"calls":1,"found":[[0,[["x",0,8]]]', true], // not JSON
      ['{"calls":1,"found":[[0,[["x",5,2]]]]}', true], // end before start
      ['{"calls":1,"found":[[0,[["x",0,100000]]]]}', true], // past the text's end
      ['{"calls":1,"found":[[0,[["x",4,9],["y",6,12]]]]}', true], // overlapping
      ['{"calls":3,"found":[[0,[["x",0,8]]]]}', true], // more scans than the text takes
      ['{"calls":1,"found":[[0,[["x",0,8]]]],"extra":1}', true] // not the trace's shape
    ]
    for (const [findings, valid] of cases) {
      const db = cacheDb()
      cached(db, c)
      const row = promptRow(db)
      forge(db, fingerprint, row.key, findings, valid)
      expect(JSON.stringify(cached(db, c).report)).toBe(fresh)
      // The untrusted row was replaced by a fresh scan's.
      expect(rows(db).find((x) => x.key === row.key)?.findings).toBe(row.findings)
      db.close()
    }
  })

  it('ignores a row made under another fingerprint', () => {
    const c = config()
    const db = cacheDb()
    cached(db, c)
    const row = promptRow(db)
    forge(db, cacheFingerprint(c, 'another code'), row.key, '{"calls":1,"found":[[0,[["forged",0,8]]]]}')
    expect(JSON.stringify(cached(db, c).report)).not.toContain('forged')
    db.close()
  })

  describe('misses when what a text is redacted by changes', () => {
    const base = 'hash_identifiers:\n  emails: true\n'
    const audit = 'actor: a\n    date: 2026-04-01\n    reason: r'
    const changed: [string, string, (out: string) => void][] = [
      ['a new rule', `${base}rules:\n  - id: ticket\n    pattern: 'ACME-[0-9]+'\n`, (out) => expect(out).toContain('[REDACTED:ticket]')],
      ['a new allow entry', `${base}allow:\n  literals: ['${EMAIL}']\n`, (out) => expect(out).toContain(EMAIL)],
      [
        'a new override',
        `${base}overrides:\n  - session: '${SESSION}'\n    prompt: 2\n    find: ACME-1234\n    replacement: '[ticket]'\n    ${audit}\n`,
        (out) => expect(out).toContain('[ticket]')
      ],
      [
        'a new private entry',
        `${base}private:\n  - session: '${SESSION}'\n    prompt: 1\n    ${audit}\n`,
        (out) => expect(out).not.toContain('Refactor the parser')
      ]
    ]
    it.each(changed)('%s', (_name, yaml, check) => {
      const before = config(base)
      const after = config(yaml)
      expect(cacheFingerprint(after)).not.toBe(cacheFingerprint(before))
      const db = cacheDb()
      cached(db, before)
      const out = cached(db, after)
      // A new fingerprint starts the cache again: the old rows are gone, the run count restarts.
      expect(runOf(db)).toBe(1)
      expect(JSON.stringify(out.report)).toBe(JSON.stringify(redactReport(full(), after, null).report))
      check(JSON.stringify(out.report))
      db.close()
    })

    it('a new code version', () => {
      const c = config()
      expect(cacheFingerprint(c, 'v2')).not.toBe(cacheFingerprint(c, 'v1'))
      expect(cacheFingerprint(c)).toBe(cacheFingerprint(c, codeFingerprint()))
      const db = cacheDb()
      cached(db, c, cacheFingerprint(c, 'v1'))
      const row = promptRow(db)
      forge(db, cacheFingerprint(c, 'v1'), row.key, '{"calls":1,"found":[[0,[["forged",0,8]]]]}')
      expect(JSON.stringify(cached(db, c, cacheFingerprint(c, 'v1')).report)).toContain('forged')
      expect(JSON.stringify(cached(db, c, cacheFingerprint(c, 'v2')).report)).not.toContain('forged')
      db.close()
    })

    it('not when only the CLI defaults or the redaction key differ', () => {
      expect(cacheFingerprint(config(`${base}defaults:\n  mode: full\n`))).toBe(cacheFingerprint(config(base)))
      const db = cacheDb()
      const c = config()
      cached(db, c)
      const withKey = cached(db, c, undefined, 'a-key')
      expect(JSON.stringify(withKey.report)).toBe(JSON.stringify(redactReport(full(), c, 'a-key').report))
      expect(runOf(db)).toBe(2)
      db.close()
    })
  })

  it(`evicts entries no run used for ${KEEP_RUNS} runs, and keeps those in use`, () => {
    const c = config()
    const db = cacheDb()
    cached(db, c)
    const key = 'A'.repeat(43) + '='
    db.prepare('INSERT INTO redaction_cache (key, findings, digest, used_run) VALUES (?, NULL, ?, 1)').run(key, Buffer.alloc(32))
    const live = rows(db).length
    for (let i = 0; i < KEEP_RUNS; i++) cached(db, c)
    expect(runOf(db)).toBe(KEEP_RUNS + 1)
    const left = rows(db)
    expect(left.some((x) => x.key === key)).toBe(false)
    expect(left).toHaveLength(live - 1)
    // Used rows were renewed on the way, never all at every run.
    expect(Math.min(...left.map((x) => x.used_run))).toBeGreaterThan(1)
    db.close()
  })

  it("is one per connection and fingerprint: a job's report and comment share one run", () => {
    const db = cacheDb()
    const c = config()
    const a = redactionCache(db, c)
    expect(a).not.toBeNull()
    expect(redactionCache(db, c)).toBe(a)
    expect(runOf(db)).toBe(1)
    expect(redactionCache(db, config('hash_identifiers:\n  emails: false\n'))).not.toBe(a)
    db.close()
  })

  it('is not kept by a read-only store, which is left unwritten', () => {
    const d = tmpDir()
    const path = join(d, 'ro.sqlite')
    openStore(path).close()
    const ro = openStore(path, { readonly: true })
    expect(redactionCache(ro, config())).toBeNull()
    ro.close()
    rmSync(d, { recursive: true, force: true })
  })
})
