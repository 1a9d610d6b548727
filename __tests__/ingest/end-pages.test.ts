import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { ingestOnThisThread } from '../../src/ingest/ingest.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fileFormatTallies } from '../../src/store/format-tallies.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * The end of an ingest (the reconciliation of every session it wrote to and of those an earlier
 * one left pending) goes a page of sessions at a time: all at once, a first ingest of 200,000
 * small files ran its capped worker out of heap there (docs/performance.md, "the end of a first
 * ingest of many small files"). Paged, it must leave the same store.
 */

const ROLLOUT = join(fixtures, 'codex', 'rollout-2025-08-20T15-20-47-7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f.jsonl')
const FILES = 600
const PAGE = 25

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** `FILES` one-session codex logs, and one session read through two Claude Code formats (reconcile.test.ts). */
function corpus(): string[] {
  const d = tmpDir()
  dirs.push(d)
  const text = readFileSync(ROLLOUT, 'utf8')
  const paths: string[] = []
  for (let i = 0; i < FILES; i++) {
    const id = `7d3e9f10-1a2b-4c3d-8e4f-${i.toString(16).padStart(12, '0')}`
    const dir = join(d, 'sessions', String(i % 10))
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `rollout-2025-08-20T15-20-47-${id}.jsonl`)
    writeFileSync(path, text.replaceAll('7d3e9f10-1a2b-4c3d-8e4f-5a6b7c8d9e0f', id))
    paths.push(path)
  }
  const session = '55555555-5555-4555-8555-555555555555'
  const transcript = readFileSync(join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '11111111-1111-4111-8111-111111111111.jsonl'), 'utf8')
  mkdirSync(join(d, 'projects'), { recursive: true })
  writeFileSync(join(d, 'projects', `${session}.jsonl`), transcript.replaceAll('11111111-1111-4111-8111-111111111111', session))
  paths.push(join(fixtures, 'claude-code', 'stream', 'claude-p-stream.jsonl'), join(d, 'projects', `${session}.jsonl`))
  return paths
}

/** The most rows any statement's `all` returned while `during` ran. */
function largestAll(db: Db, during: () => void): number {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Database.Statement
  const all = proto.all
  let largest = 0
  proto.all = function (this: Database.Statement, ...args: unknown[]) {
    const rows = all.apply(this, args)
    largest = Math.max(largest, rows.length)
    return rows
  }
  try {
    during()
  } finally {
    proto.all = all
  }
  return largest
}

function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    out[name] = (db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) => {
      delete r.ingested_at
      delete r.at
      return r
    })
  return out
}

/**
 * Ingests the first half, leaves its sessions pending as an interrupted ingest would, then ingests
 * the whole with the end in pages of `page`; returns the store, the end's largest read and the result.
 */
async function run(paths: string[], page: number) {
  const d = tmpDir()
  dirs.push(d)
  const db = openStore(join(d, 'store.db'))
  await ingestOnThisThread(db, paths.slice(0, FILES / 2), { worker: false })
  db.exec('INSERT OR IGNORE INTO reconcile_pending (session_id) SELECT id FROM sessions')
  let largest = 0
  const result = await ingestOnThisThread(db, paths, { worker: false }, { endPage: page, reconcile: (end) => (largest = largestAll(db, end)) })
  return { db, largest, result }
}

describe('the end of an ingest', () => {
  it('reconciles a page of sessions at a time and leaves the store it leaves all at once', async () => {
    const paths = corpus()
    const paged = await run(paths, PAGE)
    const whole = await run(paths, 1_000_000)
    try {
      // The whole run reads every pending session at once; the paged one never more than a page.
      expect(whole.largest).toBeGreaterThan(FILES / 2)
      expect(paged.largest).toBeLessThanOrEqual(PAGE)
      expect(paged.db.prepare('SELECT COUNT(*) FROM reconcile_pending').pluck().get()).toBe(0)
      expect(paged.result).toEqual(whole.result)
      expect(paged.result.sessions).toBeGreaterThan(FILES / 2)
      expect(dump(paged.db)).toEqual(dump(whole.db))
    } finally {
      paged.db.close()
      whole.db.close()
    }
  })

  it('reads the agent versions of the files asked about, not of every file', async () => {
    const paths = corpus()
    const d = tmpDir()
    dirs.push(d)
    const db = openStore(join(d, 'store.db'))
    try {
      await ingestOnThisThread(db, paths, { worker: false })
      let tallies: ReturnType<typeof fileFormatTallies> = []
      const largest = largestAll(db, () => (tallies = fileFormatTallies(db, [paths[3]])))
      expect(tallies).toHaveLength(1)
      expect(tallies[0].agent_version).toBe('0.22.0')
      expect(largest).toBeLessThanOrEqual(1)
    } finally {
      db.close()
    }
  })
})
