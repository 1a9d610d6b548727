import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { runJob } from '../../src/pipeline/job.js'
import { openStore, type Db } from '../../src/store/db.js'
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations.js'
import { LOCAL_ONLY_TABLES } from '../../src/store/pg/natural-keys.js'
import { fixtures, tmpDir } from '../helpers.js'

const CACHE_TABLES = ['redaction_cache', 'redaction_cache_state']

let dir: string
const job = (outDir: string) =>
  runJob({
    database: join(dir, 'work.sqlite'),
    repoDir: dir,
    // The committed fixtures: real-shaped logs of two agents, with planted secrets in places.
    paths: [join(fixtures, 'claude-code'), join(fixtures, 'codex')],
    config: parseConfig('', 'default'),
    mode: 'full',
    formats: ['md', 'json', 'csv', 'html'],
    outDir,
    now: new Date('2026-01-01T00:00:00Z'),
    version: '0.0.0',
    exportDatabase: true
  })

const cacheRows = (db: Db) => db.prepare('SELECT key, used_run FROM redaction_cache ORDER BY key').all() as { key: string; used_run: number }[]
const files = (d: string) =>
  readdirSync(d)
    .filter((f) => f !== 'ai-log-trail.sqlite')
    .sort()

beforeAll(() => {
  dir = tmpDir('alt-cache-')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the redaction cache in a job', () => {
  let cold: string[]
  let keysAfterCold: string[]
  beforeAll(async () => {
    await job(join(dir, 'cold'))
    const db = openStore(join(dir, 'work.sqlite'))
    keysAfterCold = cacheRows(db).map((r) => r.key)
    db.close()
    cold = files(join(dir, 'cold'))
    await job(join(dir, 'warm'))
  })

  it('fills the cache on the first run and reads it on the next, whose files are the same bytes', () => {
    expect(keysAfterCold.length).toBeGreaterThan(20)
    const db = openStore(join(dir, 'work.sqlite'))
    expect(cacheRows(db).map((r) => r.key)).toEqual(keysAfterCold)
    expect(db.prepare('SELECT run FROM redaction_cache_state').get()).toEqual({ run: 2 })
    db.close()
    expect(files(join(dir, 'warm'))).toEqual(cold)
    expect(cold.length).toBeGreaterThan(4)
    for (const f of cold) expect(readFileSync(join(dir, 'warm', f), 'utf8')).toBe(readFileSync(join(dir, 'cold', f), 'utf8'))
  })

  it('leaves the cache out of the sanitized database', () => {
    const exported = openStore(join(dir, 'warm', 'ai-log-trail.sqlite'), { readonly: true })
    for (const t of CACHE_TABLES) expect(exported.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get()).toEqual({ n: 0 })
    exported.close()
  })
})

describe('the redaction cache tables', () => {
  it('are local to the SQLite store: never pushed nor compared with the team store', () => {
    const db = openStore(':memory:')
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'redaction\\_cache%' ESCAPE '\\'`).all() as { name: string }[]
    ).map((t) => t.name)
    db.close()
    expect(tables.sort()).toEqual(CACHE_TABLES)
    for (const t of tables) expect(LOCAL_ONLY_TABLES.has(t)).toBe(true)
  })

  it('come with migration 12 on a store of version 11, which keeps its data', () => {
    const d = tmpDir()
    const path = join(d, 'old.sqlite')
    const old = openStore(path, { migrateTo: 11 })
    expect(old.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'redaction_cache'`).get()).toEqual({ n: 0 })
    old.prepare(`INSERT INTO files (path, format) VALUES ('a', 'codex')`).run()
    old.close()
    const db = openStore(path)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(migrate(db)).toBe(SCHEMA_VERSION)
    expect(db.prepare('SELECT COUNT(*) AS n FROM redaction_cache').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT COUNT(*) AS n FROM files').get()).toEqual({ n: 1 })
    db.close()
    rmSync(d, { recursive: true, force: true })
  })
})
