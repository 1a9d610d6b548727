import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { reportHere, type ReportRequest } from '../../src/pipeline/job.js'
import { fullSessionCounts } from '../../src/redact/full-sessions.js'
import { REDACTION_KEY_ENV } from '../../src/redact/hash.js'
import { openStore } from '../../src/store/db.js'
import { LOCAL_ONLY_TABLES } from '../../src/store/pg/natural-keys.js'
import { fixtures, tmpDir } from '../helpers.js'

/*
 * Each session of the full report as redacted, kept from earlier runs (migration 23,
 * src/redact/full-sessions.ts): a full-mode job after a small change selects and redacts only the
 * sessions that changed. Runs spill their sessions (as a large history's do) unless said, and
 * their files are compared byte for byte with those the same store gives with the cache off; the
 * counts say how many sessions were met in the cache and how many were selected with their turns
 * and redacted.
 */

const FILES = ['report.md', 'report.json', 'sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv', 'report.html', 'comment.md', 'summary.md']
const CHANGED = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
const LATER = 'rollout-2026-06-10T10-00-00-01a0c0de-2026-7000-8000-0000000000e2.jsonl'
const line = (ts: string, message: string) =>
  JSON.stringify({ timestamp: ts, type: 'event_msg', payload: { type: 'user_message', message, images: [] } }) + '\n'

const dir = tmpDir('alt-full-sessions-')
const logs = join(dir, 'logs')
const aside = join(dir, 'aside')
const spillTmp = join(dir, 'spill')
const kept = join(dir, 'kept.sqlite')
beforeAll(() => {
  mkdirSync(spillTmp, { recursive: true })
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
  // Held back, to appear later as a new session.
  cpSync(join(logs, 'codex', LATER), join(aside, LATER))
  rmSync(join(logs, 'codex', LATER))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Extra = Partial<Pick<ReportRequest, 'config' | 'filters' | 'mode' | 'exportDatabase'>>
let runs = 0

/** Ingests the logs into `database` and writes the full report; the files by name, and the sessions met and redacted. */
async function run(
  database: string,
  extra: Extra = {},
  env: Record<string, string> = {},
  spilled = true
): Promise<{ files: Record<string, string>; hits: number; misses: number; out: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    const db = openStore(database)
    await ingestPaths(db, [join(logs, 'claude-code'), join(logs, 'codex')])
    const out = join(dir, `out-${runs++}`)
    fullSessionCounts.hits = 0
    fullSessionCounts.misses = 0
    reportHere(
      db,
      {
        database,
        config: parseConfig('', 'default'),
        mode: 'full',
        formats: ['md', 'json', 'csv', 'html'],
        outDir: out,
        now: new Date('2026-01-01T00:00:00Z'),
        version: '0.0.0',
        scope: { kind: 'all' },
        ...extra
      },
      undefined,
      spilled ? { at: 0, parent: spillTmp, chars: 0 } : undefined
    )
    const files = Object.fromEntries(FILES.map((n) => [n, readFileSync(join(out, n), 'utf8')]))
    return { files, hits: fullSessionCounts.hits, misses: fullSessionCounts.misses, out }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/**
 * The same store's files with the cache off: what the code before it wrote. (A fresh store is
 * not the same: the events' ids, which the report shows, are in the order the store met them.)
 */
async function fresh(extra: Extra = {}, env: Record<string, string> = {}, spilled = true): Promise<Record<string, string>> {
  const off = await run(kept, extra, { ...env, AI_LOG_TRAIL_FULL_SESSIONS: '0' }, spilled)
  expect(off.hits).toBe(0)
  return off.files
}

let sessions = 0

describe('a full-mode report’s sessions kept as redacted', () => {
  beforeAll(async () => {
    const first = await run(kept)
    expect(first.hits).toBe(0)
    sessions = first.misses
    expect(sessions).toBeGreaterThan(3)
    expect(first.files).toEqual(await fresh())
  }, 120_000)

  it('selects and redacts no session when nothing changed', async () => {
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(again.hits).toBe(sessions)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('gives the same files from the cache when the report is held in memory', async () => {
    const held = await run(kept, {}, {}, false)
    expect(held.misses).toBe(0)
    expect(held.files).toEqual(await fresh({}, {}, false))
  }, 120_000)

  it('selects and redacts only the session that grew', async () => {
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:00.000Z', 'Also run the linter before the commit'))
    const grown = await run(kept)
    expect(grown.misses).toBe(1)
    expect(grown.hits).toBe(sessions - 1)
    expect(grown.files).toEqual(await fresh())
  }, 120_000)

  it('selects and redacts only a new session', async () => {
    renameSync(join(aside, LATER), join(logs, 'codex', LATER))
    const added = await run(kept)
    expect(added.misses).toBe(1)
    expect(added.hits).toBe(sessions)
    sessions++
    expect(added.files).toEqual(await fresh())
  }, 120_000)

  it('redacts every session again under another config', async () => {
    const config = parseConfig('rules:\n  - id: codeword\n    literals: [linter]\n', 'custom.yml')
    const other = await run(kept, { config })
    expect(other.hits).toBe(0)
    expect(other.misses).toBe(sessions)
    expect(other.files).toEqual(await fresh({ config }))
  }, 120_000)

  it('with a redaction key, gives the same files as redacting afresh', async () => {
    const env = { [REDACTION_KEY_ENV]: 'full-sessions-test-key-0123456789abcdef' }
    const keyed = await run(kept, {}, env)
    // Made under no key, no entry serves a keyed report.
    expect(keyed.hits).toBe(0)
    expect(keyed.files).toEqual(await fresh({}, env))
    const again = await run(kept, {}, env)
    expect(again.hits).toBeGreaterThan(0)
    expect(again.files).toEqual(await fresh({}, env))
  }, 120_000)

  it('redacts again a later session whose numbered tags moved when an earlier session gained a new value', async () => {
    // The codex sessions alone, so the sessions changed are a codex log's.
    const filters = { agents: ['codex'] }
    const listed = (JSON.parse((await run(kept, { filters })).files['report.json']) as { sessions: { id: string }[] }).sessions
    const logOf = (id: string) =>
      readdirSync(join(logs, 'codex')).find((n) => n.endsWith('.jsonl') && readFileSync(join(logs, 'codex', n), 'utf8').includes(id))
    const rollouts = listed.map((s) => logOf(s.id)).filter((n): n is string => !!n?.startsWith('rollout-'))
    const [early, late] = [rollouts[0], rollouts[rollouts.length - 1]]
    expect(early).not.toBe(late)
    // A value seen first in the later session takes the next number...
    appendFileSync(join(logs, 'codex', late), line('2026-06-10T08:01:00.000Z', 'Mail xavier.later@fjordmail.example the logs in /home/xavier/later'))
    const one = await run(kept, { filters })
    expect(one.misses).toBe(1)
    expect(one.files).toEqual(await fresh({ filters }))
    // ...until an earlier session gains one of the same kinds: numbered in order of first
    // appearance across the report, the later session's tags are one further, and its entry's
    // tags would be wrong if replayed.
    appendFileSync(join(logs, 'codex', early), line('2026-03-03T10:07:00.000Z', 'Mail yann.early@fjordmail.example the logs in /home/yann/early'))
    const moved = await run(kept, { filters })
    expect(moved.files).toEqual(await fresh({ filters }))
    expect(moved.misses).toBe(2)
    const again = await run(kept, { filters })
    expect(again.misses).toBe(0)
    expect(again.files).toEqual(await fresh({ filters }))
  }, 120_000)

  it('redacts again the sessions whose rows are corrupt or missing, without failing', async () => {
    await run(kept)
    const db = openStore(kept)
    const rows = db.prepare('SELECT COUNT(*) FROM full_sessions').pluck().get() as number
    expect(rows).toBe(sessions)
    db.prepare(`UPDATE full_sessions SET body = X'01DEADBEEF' WHERE rowid % 4 = 0`).run()
    db.prepare(`UPDATE full_sessions SET notes = 'not json' WHERE rowid % 4 = 1`).run()
    // Whole and compressed, but not a session's JSON.
    const other = db.prepare(`SELECT body, text_bytes FROM full_sessions WHERE rowid % 4 = 2 LIMIT 1`).get() as { body: Buffer; text_bytes: number }
    db.prepare(`UPDATE full_sessions SET body = ?, text_bytes = ? WHERE rowid % 4 = 3`).run(other.body, other.text_bytes)
    const broken = db.prepare('SELECT COUNT(*) FROM full_sessions WHERE rowid % 4 != 2').pluck().get() as number
    db.prepare(`DELETE FROM full_sessions WHERE rowid % 4 = 2`).run()
    db.close()
    const repaired = await run(kept)
    expect(repaired.hits).toBe(0)
    expect(repaired.misses).toBe(sessions)
    expect(broken).toBeGreaterThan(0)
    expect(repaired.files).toEqual(await fresh())
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('is emptied in the sanitized database and never pushed', async () => {
    const exported = await run(kept, { exportDatabase: true })
    const local = openStore(kept)
    expect(local.prepare('SELECT COUNT(*) FROM full_sessions').pluck().get()).not.toBe(0)
    local.close()
    const copy = openStore(join(exported.out, 'ai-log-trail.sqlite'), { readonly: true })
    expect(copy.prepare('SELECT COUNT(*) FROM full_sessions').pluck().get()).toBe(0)
    copy.close()
    expect(LOCAL_ONLY_TABLES.has('full_sessions')).toBe(true)
  }, 120_000)
})
