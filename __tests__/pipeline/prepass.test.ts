import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { parseConfig } from '../../src/config/load.js'
import type { ReportMode } from '../../src/config/choices.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { runJob } from '../../src/pipeline/job.js'
import { redactAhead } from '../../src/pipeline/prepass.js'
import { openStore, schemaVersion, type Db } from '../../src/store/db.js'
import { sessionsReadToEnd } from '../../src/store/prepass-sessions.js'
import { sessionIds } from '../../src/store/sessions.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The redaction prepass (src/pipeline/prepass.ts) redacts ahead, through the redaction cache, the
 * texts the report will redact, while the ingest writes. These tests drive `redactAhead` on a
 * store the ingest filled (the TypeScript sources have no worker script, so a job here runs no
 * prepass of its own), then the job's report on the same store: what the prepass filled is what
 * the report looks up, a prepass cut short or failing leaves the report's output as it is
 * without one, and nothing but the cache's rows is written.
 */

const config = parseConfig('', 'default')
const paths = [join(fixtures, 'claude-code'), join(fixtures, 'codex')]

let dir: string
beforeAll(() => {
  dir = tmpDir('alt-prepass-')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const job = (database: string, outDir: string, mode: ReportMode) =>
  runJob({
    database,
    repoDir: dir,
    paths,
    config,
    mode,
    formats: ['md', 'json', 'csv', 'html'],
    outDir,
    now: new Date('2026-01-01T00:00:00Z'),
    version: '0.0.0'
  })

async function ingested(name: string): Promise<string> {
  const database = join(dir, `${name}.sqlite`)
  const db = openStore(database)
  await ingestPaths(db, paths)
  db.close()
  return database
}

function withStore<T>(database: string, f: (db: Db) => T): T {
  const db = openStore(database)
  try {
    return f(db)
  } finally {
    db.close()
  }
}

const cacheKeys = (db: Db) => db.prepare('SELECT key FROM redaction_cache ORDER BY key').pluck().all() as string[]
const outputs = (d: string) => Object.fromEntries(readdirSync(d).map((f) => [f, readFileSync(join(d, f), 'utf8')]))

/** Every table's rows but the redaction cache's, in a stable order. */
function tablesBut(db: Db, left: string[]): Record<string, string[]> {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]
  const rows = (n: string) => (db.prepare(`SELECT * FROM "${n}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()
  return Object.fromEntries(names.filter((n) => !left.includes(n)).map((n) => [n, rows(n)]))
}

const CACHE_TABLES = ['redaction_cache', 'redaction_cache_state']

describe.each(['summary', 'full'] as const)('the redaction prepass, %s mode', (mode) => {
  let plain: Record<string, string>
  beforeAll(async () => {
    const database = join(dir, `plain-${mode}.sqlite`)
    await job(database, join(dir, `plain-${mode}`), mode)
    plain = outputs(join(dir, `plain-${mode}`))
  })

  it('fills every entry the report then looks up: the report scans no text afresh', async () => {
    const database = await ingested(`whole-${mode}`)
    const ahead = withStore(database, (db) => {
      const ids = sessionIds(db)
      expect(redactAhead(db, { config, mode }, ids)).toBe(ids.length)
      return cacheKeys(db)
    })
    expect(ahead.length).toBeGreaterThan(20)
    await job(database, join(dir, `whole-${mode}`), mode)
    // A text the report redacted without an entry would have added its own.
    expect(withStore(database, cacheKeys)).toEqual(ahead)
    expect(outputs(join(dir, `whole-${mode}`))).toEqual(plain)
  })

  it('cut short at any turn, leaves the report as it is without one', async () => {
    const database = await ingested(`cut-${mode}`)
    let turns = 0
    const made = withStore(database, (db) => {
      redactAhead(db, { config, mode }, sessionIds(db), () => ++turns > 7)
      return cacheKeys(db)
    })
    expect(made.length).toBeGreaterThan(0)
    await job(database, join(dir, `cut-${mode}`), mode)
    const after = withStore(database, cacheKeys)
    expect(after.length).toBeGreaterThan(made.length)
    expect(after).toEqual(expect.arrayContaining(made))
    expect(outputs(join(dir, `cut-${mode}`))).toEqual(plain)
  })

  it('failing midway, leaves the report as it is without one', async () => {
    const database = await ingested(`failed-${mode}`)
    let turns = 0
    withStore(database, (db) =>
      expect(() =>
        redactAhead(db, { config, mode }, sessionIds(db), () => {
          if (++turns > 5) throw new Error('prepass failed')
          return false
        })
      ).toThrow('prepass failed')
    )
    await job(database, join(dir, `failed-${mode}`), mode)
    expect(outputs(join(dir, `failed-${mode}`))).toEqual(plain)
  })
})

describe('what the redaction prepass writes', () => {
  it('is the redaction cache’s rows alone, which hold no text', async () => {
    const database = await ingested('writes')
    const before = withStore(database, (db) => tablesBut(db, CACHE_TABLES))
    withStore(database, (db) => redactAhead(db, { config, mode: 'full' }, sessionIds(db)))
    withStore(database, (db) => {
      expect(tablesBut(db, CACHE_TABLES)).toEqual(before)
      const rows = db.prepare('SELECT key, findings FROM redaction_cache').all() as { key: string; findings: string | null }[]
      expect(rows.some((r) => r.findings !== null)).toBe(true)
      // A row is a key (a hash) and positions by detector id: digits, ids and JSON punctuation only.
      for (const r of rows) {
        expect(r.key).toMatch(/^[A-Za-z0-9+/]{43}=$/)
        if (r.findings !== null) expect(r.findings).toMatch(/^[\w\-:[\]",{}]*$/)
      }
    })
  })
})

describe('the sessions the prepass may redact', () => {
  it('are those pending reconciliation whose every log file is committed to its end', async () => {
    const database = await ingested('ready')
    withStore(database, (db) => {
      const ids = sessionIds(db)
      expect(sessionsReadToEnd(db)).toEqual([])
      const insert = db.prepare('INSERT INTO reconcile_pending (session_id) VALUES (?)')
      for (const id of ids) insert.run(id)
      expect(sessionsReadToEnd(db).sort()).toEqual([...ids].sort())
      // One file read only part of the way (or not yet sized): its sessions wait.
      const { file_id, session_id } = db.prepare('SELECT file_id, session_id FROM session_sources ORDER BY file_id LIMIT 1').get() as {
        file_id: number
        session_id: string
      }
      db.prepare('UPDATE files SET offset = size - 1 WHERE id = ?').run(file_id)
      expect(sessionsReadToEnd(db)).not.toContain(session_id)
      expect(sessionsReadToEnd(db).length).toBeGreaterThan(0)
      db.prepare('UPDATE files SET offset = 0, size = 0 WHERE id = ?').run(file_id)
      expect(sessionsReadToEnd(db)).not.toContain(session_id)
    })
  })
})

describe('the prepass worker during an ingest', () => {
  // The compiled worker (lib/, built by `pretest`), as a job starts it; the ingest under way is
  // played by sessions marked pending and a connection holding the write lock, as a group does.
  it('redacts while the write lock is held, writes nothing until stopped, then its entries, which the report replays', async () => {
    const database = await ingested('worker')
    const db = openStore(database)
    const ids = sessionIds(db)
    const insert = db.prepare('INSERT INTO reconcile_pending (session_id) VALUES (?)')
    for (const id of ids) insert.run(id)
    const stateBefore = db.prepare('SELECT * FROM redaction_cache_state').all()
    db.exec('BEGIN IMMEDIATE')
    const stop = new SharedArrayBuffer(4)
    const worker = new Worker(join(repoRoot, 'lib', 'pipeline', 'job-worker.js'), {
      workerData: { role: 'ai-log-trail-prepass', database, schemaVersion: schemaVersion(db), job: { config, mode: 'summary' }, stop }
    })
    const exited = new Promise<number>((resolve) => worker.on('exit', resolve))
    // Long enough for the fixtures' few sessions on a loaded machine; a slower worker only makes fewer entries.
    await new Promise((r) => setTimeout(r, 3_000))
    db.exec('COMMIT')
    expect(db.prepare('SELECT COUNT(*) FROM redaction_cache').pluck().get()).toBe(0)
    expect(db.prepare('SELECT * FROM redaction_cache_state').all()).toEqual(stateBefore)
    db.prepare('DELETE FROM reconcile_pending').run()
    db.close()
    const flag = new Int32Array(stop)
    Atomics.store(flag, 0, 1)
    Atomics.notify(flag, 0)
    expect(await exited).toBe(0)
    const made = withStore(database, cacheKeys)
    expect(made.length).toBeGreaterThan(20)
    await job(database, join(dir, 'worker'), 'summary')
    expect(withStore(database, cacheKeys)).toEqual(expect.arrayContaining(made))
    const plainOut = join(dir, 'worker-plain')
    await job(join(dir, 'worker-plain.sqlite'), plainOut, 'summary')
    expect(outputs(join(dir, 'worker'))).toEqual(outputs(plainOut))
  })
})
