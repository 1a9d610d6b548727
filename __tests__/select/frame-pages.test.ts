import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Statement } from 'better-sqlite3'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error: a plain ES module of the bench scripts, without types
import { writeManySessions } from '../../scripts/bench/memory-corpora.js'
import type { Scope } from '../../src/scope/types.js'
import { FRAME_PAGE, selectFrame, selectFrameHead, type SelectOptions } from '../../src/select/select.js'
import type { Db } from '../../src/store/db.js'
import { fixtures, haveSamples, ingestFresh, samples, tmpDir, type Ingested } from '../helpers.js'
import { selectFrameBefore } from './frame-before.js'

/*
 * The frame is selected a page of sessions at a time (src/select/select.ts, `selectFrameHead`).
 * The oracle is the selection it replaced, which held the whole listing and queried each session
 * alone (./frame-before.ts, verbatim): both must give the same report, byte for byte (its totals,
 * float cost sums included, usage rows, format warnings, and every session), under the filters and
 * scopes a report can be asked for. The stores: every agent's bundled fixtures (hand-written),
 * ../shared's real sample logs when present, and a memory corpus of more sessions than a page and
 * than the frame keeps summaries of (self-written Aider logs, scripts/bench/memory-corpora.js).
 */

const AGENT_DIRS = readdirSync(fixtures).filter((d) => !['recorder', 'records', 'redaction'].includes(d))
const now = new Date('2026-04-01T12:00:00Z')
const MANY = 2 * FRAME_PAGE + 500

/** The database, counting every statement run (whatever prepared it), or those whose SQL `only` matches. */
function counting(db: Db, only?: RegExp): { db: Db; runs: () => number } {
  let runs = 0
  const wrap = (stmt: Statement): Statement =>
    new Proxy(stmt, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown
        if (typeof v !== 'function') return v
        return (...a: unknown[]) => {
          if ((prop === 'get' || prop === 'all' || prop === 'iterate' || prop === 'run') && (!only || only.test(target.source))) runs++
          const out = (v as (...x: unknown[]) => unknown).apply(target, a)
          return out === target ? wrap(target) : out
        }
      }
    })
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql))
      const v = Reflect.get(target, prop, target) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    }
  })
  return { db: proxy, runs: () => runs }
}

/** Every session of the store in scope, the odd ones for one reason and the rest for another. */
function everyOtherScope(db: Db): Scope {
  const ids = selectFrame(db, { now }).sessions.map((s) => s.id)
  return {
    kind: 'pr',
    label: 'pull request #1',
    sessions: ids.filter((_, i) => i % 2 === 0).map((id, i) => ({ id, reasons: i % 3 ? [{ kind: 'branch', branch: 'b' }] : [{ kind: 'paths' }] }))
  }
}

function expectSameFrame(db: Db, opts: SelectOptions) {
  const before = JSON.stringify(selectFrameBefore(db, { now, ...opts }))
  expect(JSON.stringify(selectFrame(db, { now, ...opts }))).toBe(before)
}

const stores: Ingested[] = []
const dirs: string[] = []
afterAll(() => {
  for (const s of stores) s.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the frame a page at a time', () => {
  let bundled: Ingested
  let many: Ingested
  beforeAll(async () => {
    bundled = await ingestFresh(AGENT_DIRS.map((d) => join(fixtures, d)))
    const logs = tmpDir('alt-frame-pages-')
    dirs.push(logs)
    many = await ingestFresh([writeManySessions(logs, MANY) as string])
    stores.push(bundled, many)
  }, 300_000)

  it("selects every agent's fixtures as the whole listing did, under every kind of filter and scope", () => {
    const frame = selectFrame(bundled.db, { now })
    // Sessions of every token source, priced, unpriced and unknown costs, files with warnings: the
    // comparison covers each path.
    expect(frame.sessions.length).toBeGreaterThan(40)
    expect(new Set(frame.sessions.map((s) => s.cost_source))).toEqual(new Set(['agent', 'estimate', null]))
    expect(frame.unpriced_models.length).toBeGreaterThan(0)
    expect(frame.format_warnings.length).toBeGreaterThan(0)
    expect(frame.sessions.some((s) => Object.keys(s.tool_call_names).length > 1 && s.files_touched.length > 0)).toBe(true)
    const agents = [...new Set(frame.sessions.map((s) => s.agent))]
    const models = [...new Set(frame.sessions.flatMap((s) => s.models))]
    for (const opts of [
      {},
      { mode: 'full' as const, filters: { timezone: 'America/Los_Angeles' } },
      { filters: { since: '2026-03-01', timezone: 'Asia/Tokyo' } },
      { filters: { until: '2026-02-01' } },
      { filters: { agents: agents.slice(0, 3) } },
      { filters: { models: models.slice(0, 2) } },
      { filters: { branches: ['main'] } },
      { filters: { sessions: frame.sessions.slice(0, 5).map((s) => s.id.slice(0, 6)) } },
      { prices: {} },
      { scope: everyOtherScope(bundled.db) }
    ])
      expectSameFrame(bundled.db, opts)
  })

  it('selects more sessions than a page as the whole listing did, in held and read-again pages', () => {
    const frame = selectFrame(many.db, { now })
    expect(frame.totals.sessions).toBe(MANY)
    expectSameFrame(many.db, {})
    expectSameFrame(many.db, { filters: { since: '2026-01-01T12:00:00Z', timezone: 'Europe/Paris' } })
    expectSameFrame(many.db, { scope: everyOtherScope(many.db) })
  })

  it('reads the sessions again as often as they are asked for, the same each time', () => {
    const head = selectFrameHead(many.db, { now })
    const first = JSON.stringify([...head.sessions()])
    expect(JSON.stringify([...head.sessions()])).toBe(first)
    expect(head.ids).toEqual(JSON.parse(first).map((s: { id: string }) => s.id))
  })

  it('runs a few queries per page of sessions, not some per session', () => {
    const c = counting(many.db)
    const head = selectFrameHead(c.db, { now })
    for (const s of head.sessions()) void s
    // The code before ran four queries per session for these.
    expect(c.runs()).toBeLessThan(20 * Math.ceil(MANY / FRAME_PAGE))
  })

  it("reads a held page's tool calls and files touched once, however often its sessions are walked", () => {
    const facts = /\b(function_calls|files_touched)\b/
    const c = counting(bundled.db, facts)
    const head = selectFrameHead(c.db, { now })
    const selected = c.runs()
    const first = [...head.sessions()]
    const text = JSON.stringify(first)
    const read = c.runs()
    expect(read).toBeGreaterThan(selected)
    // What a walk's consumer does to a session's arrays is not what the next walk reads.
    for (const s of first) s.files_touched.push('changed by a consumer')
    expect(JSON.stringify([...head.sessions()])).toBe(text)
    expect(c.runs()).toBe(read)
    expect(first.some((s) => Object.keys(s.tool_call_names).length > 0 && s.files_touched.length > 1)).toBe(true)

    // Past the summaries it holds, the frame reads each page again on each walk.
    const m = counting(many.db, facts)
    const big = selectFrameHead(m.db, { now })
    const bigSelected = m.runs()
    for (const s of big.sessions()) void s
    const once = m.runs() - bigSelected
    expect(once).toBeGreaterThan(0)
    for (const s of big.sessions()) void s
    expect(m.runs() - bigSelected).toBe(2 * once)
  })

  it('reads the paths of the sessions’ files only when a file of the store has a format warning', () => {
    // The query that reads them goes through every event of every selected session.
    const paths = /SELECT DISTINCT file_id FROM events WHERE session_id IN/
    const quiet = counting(many.db, paths)
    const frame = selectFrameHead(quiet.db, { now })
    expect(frame.head.format_warnings).toEqual([])
    expect(quiet.runs()).toBe(0)
    // With warnings in the store, each report still holds those of its own sessions' files only:
    // the comparisons above, under filters and scopes, hold the same with the bundled fixtures.
    const drifted = counting(bundled.db, paths)
    expect(selectFrameHead(drifted.db, { now }).head.format_warnings.length).toBeGreaterThan(0)
    expect(drifted.runs()).toBeGreaterThan(0)
    const one = selectFrame(bundled.db, { now }).sessions.find((s) => s.agent === 'codex')!
    expectSameFrame(bundled.db, { filters: { sessions: [one.id] } })
  })

  ;(haveSamples ? it : it.skip)("selects ../shared's real sample logs as the whole listing did", async () => {
    const real = await ingestFresh([samples])
    stores.push(real)
    expect(selectFrame(real.db, { now }).sessions.length).toBeGreaterThan(5)
    expectSameFrame(real.db, {})
    expectSameFrame(real.db, { mode: 'full', filters: { timezone: 'Europe/Paris' } })
  })
})
