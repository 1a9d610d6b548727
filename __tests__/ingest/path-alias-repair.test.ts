import { afterAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, cpSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { StoredAliases } from '../../src/ingest/spellings.js'
import { openStore, type Db } from '../../src/store/db.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * Stores an earlier version filled through a link: it did not match paths by device and inode, so
 * the same logs reached under a second path (a symlinked `~/.claude`, a checkout reached through a
 * link, a hard link) were read again as new files and every record stored twice. Such a store is
 * made here as that version made it: the second path is read while it holds a copy of the logs
 * (same bytes and times, another file: today's ingest reads a copy as a file of its own, as the
 * earlier version read a link), then the copy gives way to a link to the logs. The next ingest
 * must leave the store as one that only ever read the first path, table by table, ids included.
 * Inputs: the committed Codex and Claude Code fixtures, copied, linked and grown here.
 */

const dir = tmpDir('alt-path-alias-repair-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Columns that say when a row was written, which two stores filled at different times differ in. */
const WHEN: Record<string, string[]> = { files: ['ingested_at'], ingest_errors: ['at'] }
/** Caches and counters, not what the logs said. */
const NOT_COMPARED = new Set([
  'store_generation',
  'redaction_cache_state',
  'redaction_cache',
  'session_cache',
  'late_check_memo',
  'job_memo',
  'job_memo_chunks'
])

function tables(db: Db): Record<string, unknown[]> {
  const names = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
    .pluck()
    .all() as string[]
  const out: Record<string, unknown[]> = {}
  for (const t of names) {
    if (NOT_COMPARED.has(t)) continue
    const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).filter((c) => !(WHEN[t] ?? []).includes(c))
    out[t] = db
      .prepare(`SELECT ${cols.join(', ')} FROM ${t} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`)
      .raw()
      .all()
  }
  return out
}

/** What a report counts: people's prompts, tool calls and tokens, replays and superseded records left out. */
function totals(db: Db): { prompts: number; tool_calls: number; tokens: number } {
  return db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM prompts WHERE replayed = 0 AND by_agent = 0) AS prompts, (SELECT COUNT(*) FROM function_calls WHERE replayed = 0) AS tool_calls,
      (SELECT COALESCE(SUM(total), 0) FROM token_messages WHERE replayed = 0 AND counted = 1) AS tokens`
    )
    .get() as { prompts: number; tool_calls: number; tokens: number }
}

function logsIn(name: string): string {
  const logs = join(dir, name, 'logs')
  mkdirSync(logs, { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  return logs
}

const codexFile = (logs: string) => join(logs, 'codex', readdirSync(join(logs, 'codex')).filter((n) => n.endsWith('.jsonl'))[0])

/** `logs` read, then read again under `second` as the earlier version did; `second` then a link to `logs`. */
async function storedTwice(db: Db, logs: string, second: string): Promise<void> {
  await ingestPaths(db, [logs], { isolate: false })
  cpSync(logs, second, { recursive: true, preserveTimestamps: true })
  const twice = await ingestPaths(db, [second], { isolate: false })
  expect(twice.events).toBeGreaterThan(0)
  rmSync(second, { recursive: true })
  symlinkSync(logs, second, 'dir')
}

/** A case's logs, its store and a store that only ever read `logs` (read here), closed after `body`. */
async function withStores(name: string, body: (c: { logs: string; link: string; db: Db; alone: Db }) => Promise<void>): Promise<void> {
  const logs = logsIn(name)
  const db = openStore(join(dir, name, 'store.sqlite'))
  const alone = openStore(join(dir, name, 'alone.sqlite'))
  try {
    await ingestPaths(alone, [logs], { isolate: false })
    await body({ logs, link: join(dir, name, 'link'), db, alone })
  } finally {
    db.close()
    alone.close()
  }
}

describe('a store that holds one log under two paths', () => {
  it('forgets the second path, reached through the link: the store equals one that read the first path only', () =>
    withStores('via-link', async ({ logs, link, db, alone }) => {
      await storedTwice(db, logs, link)
      // As the earlier version left it: the report counted the second path's records too.
      expect(totals(db)).not.toEqual(totals(alone))
      const files = alone.prepare('SELECT COUNT(*) FROM files').pluck().get() as number
      const repaired = await ingestPaths(db, [link], { isolate: false })
      expect(repaired.merged_paths).toHaveLength(files)
      for (const m of repaired.merged_paths) {
        expect(m.forgot.startsWith(link + '/')).toBe(true)
        expect(m.kept).toBe(join(logs, m.forgot.slice(link.length + 1)))
      }
      expect([repaired.files, repaired.unchanged_files, repaired.events]).toEqual([0, files, 0])
      expect(totals(db)).toEqual(totals(alone))
      expect(tables(db)).toEqual(tables(alone))
      // Done once: the next ingest finds nothing to merge.
      expect((await ingestPaths(db, [link, logs], { isolate: false })).merged_paths).toEqual([])
    }))

  it('forgets the second path when the ingest reaches the first: the path it did not reach is matched too', () =>
    withStores('first-path', async ({ logs, link, db, alone }) => {
      await storedTwice(db, logs, link)
      const repaired = await ingestPaths(db, [logs], { isolate: false })
      expect(repaired.merged_paths.length).toBeGreaterThan(2)
      expect(tables(db)).toEqual(tables(alone))
    }))

  it('grown since, is read on once from where the first path stopped', () =>
    withStores('grown', async ({ logs, link, db, alone }) => {
      const file = codexFile(logs)
      await storedTwice(db, logs, link)
      // A later turn of the same session: the file's own last lines again, at the end.
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
      appendFileSync(file, lines.slice(-2).join('\n') + '\n')
      const repaired = await ingestPaths(db, [link], { isolate: false })
      await ingestPaths(alone, [logs], { isolate: false })
      expect(repaired.files).toBe(1)
      expect(totals(db)).toEqual(totals(alone))
      expect(tables(db)).toEqual(tables(alone))
    }))

  it('stopped after its transactions, before the reconciliation (a crash), is completed by the next ingest', () =>
    withStores('crash', async ({ logs, link, db, alone }) => {
      await storedTwice(db, logs, link)
      // The repair's own transactions alone, as an ingest killed right after them leaves the store.
      const merged = new StoredAliases(db).repair([])
      expect(merged.length).toBeGreaterThan(2)
      expect(db.prepare('SELECT COUNT(*) FROM reconcile_pending').pluck().get()).toBeGreaterThan(0)
      const again = await ingestPaths(db, [link], { isolate: false })
      expect([again.merged_paths, again.files, again.events]).toEqual([[], 0, 0])
      expect(tables(db)).toEqual(tables(alone))
    }))

  it('forgets a hard link of another name', () =>
    withStores('hard-link', async ({ logs, db, alone }) => {
      const elsewhere = join(dir, 'hard-link', 'elsewhere')
      const file = codexFile(logs)
      await ingestPaths(db, [logs], { isolate: false })
      mkdirSync(elsewhere)
      cpSync(file, join(elsewhere, 'same.jsonl'), { preserveTimestamps: true })
      await ingestPaths(db, [elsewhere], { isolate: false })
      rmSync(join(elsewhere, 'same.jsonl'))
      linkSync(file, join(elsewhere, 'same.jsonl'))
      const repaired = await ingestPaths(db, [logs], { isolate: false })
      expect(repaired.merged_paths).toEqual([{ kept: file, forgot: join(elsewhere, 'same.jsonl') }])
      expect(tables(db)).toEqual(tables(alone))
    }))

  it('keeps a second path whose file is gone, and a copy: neither is the same file', async () => {
    const logs = logsIn('gone')
    const gone = join(dir, 'gone', 'gone')
    const copy = join(dir, 'gone', 'copy')
    const db = openStore(join(dir, 'gone', 'store.sqlite'))
    try {
      await ingestPaths(db, [logs], { isolate: false })
      cpSync(logs, gone, { recursive: true, preserveTimestamps: true })
      cpSync(logs, copy, { recursive: true, preserveTimestamps: true })
      await ingestPaths(db, [gone, copy], { isolate: false })
      // The copy's folder moved away: its old path is gone, its target too.
      renameSync(gone, join(dir, 'gone', 'moved'))
      const before = tables(db)
      const again = await ingestPaths(db, [logs, copy], { isolate: false })
      expect(again.merged_paths).toEqual([])
      expect(tables(db)).toEqual(before)
    } finally {
      db.close()
    }
  })
})
