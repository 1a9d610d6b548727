import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { appendFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { fullSessionCounts } from '../../src/redact/full-sessions.js'
import { openStore } from '../../src/store/db.js'
import { entryBody, entryParts, FullSessionsStore } from '../../src/store/full-sessions.js'
import { SessionSpill } from '../../src/store/session-spill.js'
import { fullRunFixture, CHANGED, LATER, line } from './full-run.js'

/*
 * A session found in the full report's cache (src/redact/full-sessions.ts) is not copied into the
 * job's spill file: the spill's list of sessions keeps an empty row for it, and its JSON is read
 * from the store's entry, and checked, only when a reader of its turns asks (a rendered part of it
 * not kept). Runs spill their sessions (as a large history's do) unless said; their files are
 * compared byte for byte with those the same store gives with the cache off.
 */

const { logs, aside, kept, run, fresh } = fullRunFixture('alt-full-stored-', fullSessionCounts)

/** Kept parts off: every writer reads every session's turns. */
const NO_PARTS = { AI_LOG_TRAIL_RENDER_PARTS: '0' }

/**
 * Characters written to the spill's lists while spied, by list: the comment's sink, fed first,
 * makes lists 0 and 1 (its sessions without turns, their heads), the files' report 2, 3 and 4
 * (its sessions, their heads, their prompts).
 */
function spillWrites(): Map<number, number> {
  const chars = new Map<number, number>()
  const write = SessionSpill.prototype.write
  jest.spyOn(SessionSpill.prototype, 'write').mockImplementation(function (this: SessionSpill, list, from, texts) {
    chars.set(list, (chars.get(list) ?? 0) + texts.reduce((n, t) => n + t.length, 0))
    write.call(this, list, from, texts)
  })
  return chars
}

let sessions = 0

describe('a found full session’s JSON', () => {
  beforeAll(async () => {
    const first = await run(kept)
    sessions = first.misses
    expect(sessions).toBeGreaterThan(3)
  }, 120_000)

  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('is not written to the spill, nor read from the store, on an unchanged re-run', async () => {
    const chars = spillWrites()
    fullSessionCounts.jsonReads = 0
    const again = await run(kept)
    jest.restoreAllMocks()
    expect(again.hits).toBe(sessions)
    // The sessions' list holds an empty row per found session; their heads and prompts are written.
    expect(chars.get(2)).toBe(0)
    expect(chars.get(3)).toBeGreaterThan(0)
    expect(chars.get(4)).toBeGreaterThan(0)
    expect(fullSessionCounts.jsonReads).toBe(0)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('is not read after one session grew, and the files are the same', async () => {
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:00.000Z', 'Also run the linter before the commit'))
    const chars = spillWrites()
    fullSessionCounts.jsonReads = 0
    const grown = await run(kept)
    jest.restoreAllMocks()
    expect(grown.misses).toBe(1)
    // Only the grown session's JSON is written.
    expect(chars.get(2)).toBeGreaterThan(0)
    expect(fullSessionCounts.jsonReads).toBe(0)
    expect(grown.files).toEqual(await fresh())
  }, 120_000)

  it('is read from the store for every reader that asks, with the kept parts off', async () => {
    fullSessionCounts.jsonReads = 0
    const again = await run(kept, {}, NO_PARTS)
    expect(again.hits).toBe(sessions)
    expect(fullSessionCounts.jsonReads).toBeGreaterThanOrEqual(sessions)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('gives the same files as the cache off after a new session, spilled or held', async () => {
    renameSync(join(aside, LATER), join(logs, 'codex', LATER))
    const added = await run(kept)
    expect(added.misses).toBe(1)
    sessions++
    expect(added.files).toEqual(await fresh())
    fullSessionCounts.jsonReads = 0
    const held = await run(kept, {}, {}, false)
    expect(held.misses).toBe(0)
    // A report held in memory parses every session, found ones from their entries.
    expect(fullSessionCounts.jsonReads).toBe(sessions)
    expect(held.files).toEqual(await fresh({}, {}, false))
  }, 120_000)

  it('altered in the store after the lookup fails the run clearly, and the next run completes with the same files', async () => {
    await run(kept)
    // The first session found has its JSON's first letter of a text swapped in the store right after its lookup.
    let victim: string | undefined
    const get = FullSessionsStore.prototype.get
    jest.spyOn(FullSessionsStore.prototype, 'get').mockImplementation(function (this: FullSessionsStore, sessionId, key) {
      const row = get.call(this, sessionId, key)
      if (row && victim === undefined) {
        const db = openStore(kept)
        const r = db.prepare('SELECT body, text_bytes FROM full_sessions WHERE session_id = ?').get(sessionId) as { body: Buffer; text_bytes: number }
        const { first, second } = entryParts(r.body, r.text_bytes) as { first: Buffer; second: Buffer }
        const text = second.toString('latin1')
        const at = text.search(/"text":"[a-z]/i) + '"text":"'.length
        if (at >= '"text":"'.length) {
          second[at] = text[at] === 'x' ? 0x79 : 0x78
          db.prepare('UPDATE full_sessions SET body = ? WHERE session_id = ?').run(entryBody(Buffer.from(first), Buffer.from(second)), sessionId)
          victim = sessionId
        }
        db.close()
      }
      return row
    })
    await expect(run(kept, {}, NO_PARTS)).rejects.toThrow(
      /kept session .* changed in the store after this run found it; its entry was dropped\. Run the report again/
    )
    jest.restoreAllMocks()
    expect(victim).toBeDefined()
    const db = openStore(kept)
    const left = db.prepare('SELECT COUNT(*) FROM full_sessions WHERE session_id = ?').pluck().get(victim) as number
    db.close()
    expect(left).toBe(0)
    const again = await run(kept, {}, NO_PARTS)
    expect(again.misses).toBe(1)
    expect(again.files).toEqual(await fresh())
  }, 120_000)
})
