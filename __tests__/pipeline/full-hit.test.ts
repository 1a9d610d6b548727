import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { appendFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { fullSessionCounts } from '../../src/redact/full-sessions.js'
import { openStore } from '../../src/store/db.js'
import { entryBody, entryParts } from '../../src/store/full-sessions.js'
import { KEEP_RUNS } from '../../src/store/redaction-cache.js'
import { fullRunFixture, CHANGED, LATER, line } from './full-run.js'

/*
 * A session found in the full report's cache (src/redact/full-sessions.ts) is written to the
 * spill as the texts its entry keeps and fed to the comment built from the files by the capture
 * of its turns the entry keeps, without parsing or stringifying the session; and its redaction
 * cache entries are kept as a redaction of it would keep them. Runs spill their sessions (as a
 * large history's do) unless said, and their files are compared byte for byte with those the same
 * store gives with the cache off.
 */

const { logs, aside, kept, run, fresh } = fullRunFixture('alt-full-hit-', fullSessionCounts)

/** A report session's object: a string id and turns, some. */
function isSessionWithTurns(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false
  const { id, turns } = v as { id?: unknown; turns?: unknown }
  return typeof id === 'string' && Array.isArray(turns) && turns.length > 0
}

/**
 * Counts the sessions with turns parsed from JSON and stringified to JSON while the files'
 * report is built (`buildListedReport` on the stack), the comment made from its sessions included.
 */
function countSessionJson(): { parsed: number; stringified: number } {
  const counts = { parsed: 0, stringified: 0 }
  const parse = JSON.parse.bind(JSON)
  const stringify = JSON.stringify.bind(JSON)
  const inBuild = () => {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 100
    const stack = new Error().stack ?? ''
    Error.stackTraceLimit = limit
    return stack.includes('buildListedReport')
  }
  jest.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
    const v = parse(text, reviver) as unknown
    if (isSessionWithTurns(v) && inBuild()) counts.parsed++
    return v
  })
  jest.spyOn(JSON, 'stringify').mockImplementation(((value: unknown, replacer?: (number | string)[] | null, space?: string | number) => {
    if (isSessionWithTurns(value) && inBuild()) counts.stringified++
    return stringify(value, replacer, space)
  }) as typeof JSON.stringify)
  return counts
}

let sessions = 0

describe('a session found in the full report’s cache', () => {
  beforeAll(async () => {
    const first = await run(kept)
    sessions = first.misses
    expect(sessions).toBeGreaterThan(3)
  }, 120_000)

  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('is neither parsed nor stringified when the report spills', async () => {
    const counts = countSessionJson()
    const again = await run(kept)
    jest.restoreAllMocks()
    expect(again.hits).toBe(sessions)
    expect(counts).toEqual({ parsed: 0, stringified: 0 })
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('costs only the grown session’s parse and stringify', async () => {
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:06:00.000Z', 'Also run the linter before the commit'))
    const counts = countSessionJson()
    const grown = await run(kept)
    jest.restoreAllMocks()
    expect(grown.misses).toBe(1)
    expect(counts.parsed).toBe(0)
    // The grown session's JSON and its prompts' JSON, made once for the sink and the entry.
    expect(counts.stringified).toBe(2)
    expect(grown.files).toEqual(await fresh())
  }, 120_000)

  it('gives the same files as the cache off after a new session, spilled or held', async () => {
    renameSync(join(aside, LATER), join(logs, 'codex', LATER))
    const added = await run(kept)
    expect(added.misses).toBe(1)
    sessions++
    expect(added.files).toEqual(await fresh())
    const held = await run(kept, {}, {}, false)
    expect(held.misses).toBe(0)
    expect(held.files).toEqual(await fresh({}, {}, false))
    const again = await run(kept)
    expect(again.misses).toBe(0)
    expect(again.files).toEqual(await fresh())
  }, 120_000)

  it('is a miss when its body was altered but still reads back whole', async () => {
    await run(kept)
    const db = openStore(kept)
    const rows = db.prepare('SELECT session_id, body, text_bytes FROM full_sessions').all() as { session_id: string; body: Buffer; text_bytes: number }[]
    const update = db.prepare('UPDATE full_sessions SET body = ? WHERE session_id = ?')
    let altered = 0
    for (const r of rows) {
      const { first, second } = entryParts(r.body, r.text_bytes) as { first: Buffer; second: Buffer }
      const text = first.toString('latin1')
      // The first letter of the first prompt kept (the prompts' JSON, read at the lookup) swapped for another: it still parses.
      const field = text.indexOf('"text":"')
      const at = field < 0 ? -1 : field + '"text":"'.length
      if (at < 0 || !/[a-z]/i.test(text[at])) continue
      first[at] = text[at] === 'x' ? 0x79 : 0x78
      update.run(entryBody(Buffer.from(first), Buffer.from(second)), r.session_id)
      altered++
    }
    db.close()
    expect(altered).toBeGreaterThan(0)
    const repaired = await run(kept)
    expect(repaired.misses).toBe(altered)
    expect(repaired.files).toEqual(await fresh())
  }, 120_000)

  it('keeps its session’s redaction cache entries through many runs that find it', async () => {
    await run(kept)
    const rowsNow = () => {
      const db = openStore(kept)
      const n = db.prepare('SELECT COUNT(*) FROM redaction_cache').pluck().get() as number
      db.close()
      return n
    }
    const before = rowsNow()
    expect(before).toBeGreaterThan(sessions)
    for (let i = 0; i <= KEEP_RUNS + 1; i++) {
      const again = await run(kept)
      expect(again.misses).toBe(0)
    }
    // Evicted after KEEP_RUNS runs unused, had the runs that found the sessions not renewed them.
    expect(rowsNow()).toBe(before)
    appendFileSync(join(logs, 'codex', CHANGED), line('2026-03-03T10:08:00.000Z', 'And the formatter'))
    const grown = await run(kept)
    expect(grown.misses).toBe(1)
    expect(grown.files).toEqual(await fresh())
  }, 240_000)
})
