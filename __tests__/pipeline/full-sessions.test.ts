import { beforeAll, describe, expect, it } from '@jest/globals'
import { appendFileSync, readdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { fullSessionCounts } from '../../src/redact/full-sessions.js'
import { REDACTION_KEY_ENV } from '../../src/redact/hash.js'
import { openStore } from '../../src/store/db.js'
import { LOCAL_ONLY_TABLES } from '../../src/store/pg/natural-keys.js'
import { fullRunFixture, CHANGED, LATER, line } from './full-run.js'

/*
 * Each session of the full report as redacted, kept from earlier runs (migration 23,
 * src/redact/full-sessions.ts): a full-mode job after a small change selects and redacts only the
 * sessions that changed. Runs spill their sessions (as a large history's do) unless said, and
 * their files are compared byte for byte with those the same store gives with the cache off; the
 * counts say how many sessions were met in the cache and how many were selected with their turns
 * and redacted.
 */

const { logs, aside, kept, run, fresh } = fullRunFixture('alt-full-sessions-', fullSessionCounts)

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
