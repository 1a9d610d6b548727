import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zstdCompressSync } from 'node:zlib'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The ingest's worker runs first with its old generation capped, reading nothing over a bound at
 * once (src/ingest/held-bytes.ts): a larger line, document or database would be one allocation
 * past what V8 lets a capped worker overshoot, and that ends the whole process. Each case here
 * holds such a thing among other files: the process must not abort, a second attempt without the
 * cap must go on from what the first committed, and the store and the result must be those of
 * one ingest on the caller's thread, table by table. The worker runs the compiled ingest (lib/,
 * built by `pretest`) in a child Node. Inputs: the committed Codex, Claude Code and Gemini CLI
 * fixtures, and self-written rollouts and a self-written Gemini session with long messages.
 */

const lib = join(repoRoot, 'lib', 'index.js')

const CHILD = `
import { ingestPaths, openStore } from ${JSON.stringify(lib)}
const [database, isolate, ...paths] = process.argv.slice(1)
const warnings = []
process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }))
const db = openStore(database)
const result = await ingestPaths(db, paths, { isolate: isolate === '1' })
await new Promise((r) => setImmediate(r))
const dump = {}
for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) {
  // The store's generation counts writes, not what they left: two attempts write more than one.
  if (name === 'store_generation') continue
  dump[name] = db.prepare('SELECT * FROM "' + name + '" ORDER BY rowid').all().map((r) => {
    delete r.ingested_at
    delete r.at
    return r
  })
}
db.close()
process.stdout.write(JSON.stringify({ result, warnings, dump }))
`

interface Run {
  result: { errors: { file: string; line: number | null; reason: string }[] } & Record<string, unknown>
  warnings: { code: string; message: string }[]
  dump: Record<string, unknown[]>
}

function ingest(database: string, isolate: boolean, paths: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, isolate ? '1' : '0', ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_OPTIONS: '', AI_LOG_TRAIL_INGEST_WORKER: '', AI_LOG_TRAIL_PARSE_WORKER: '', AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB: '', ...env }
  })
  // A fatal out-of-memory in the worker ends the whole child (status 134, "Reached heap limit").
  if (r.status !== 0) throw new Error(`child failed (${r.status} ${r.signal}): ${r.stderr.slice(-2000)}`)
  return JSON.parse(r.stdout) as Run
}

const dir = tmpDir('alt-ingest-held-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A Codex rollout of `n` agent messages; `long` gives some of them (by number) a length in characters. */
function rollout(id: string, n: number, long: Record<number, number> = {}): string {
  const t0 = Date.UTC(2026, 2, 5, 9)
  const ts = (i: number) => new Date(t0 + i * 1000).toISOString()
  const lines = [
    JSON.stringify({
      timestamp: ts(0),
      type: 'session_meta',
      payload: { id, timestamp: ts(0), cwd: '/home/dev/projects/long', originator: 'codex_cli_rs', cli_version: '0.61.0', source: 'cli' }
    }),
    JSON.stringify({ timestamp: ts(0), type: 'event_msg', payload: { type: 'user_message', message: `session ${id}`, images: [] } })
  ]
  for (let i = 1; i <= n; i++) {
    const message = long[i] ? `${i}:`.padEnd(long[i], 'x') : `step ${i}`
    lines.push(JSON.stringify({ timestamp: ts(i), type: 'event_msg', payload: { type: 'agent_message', message } }))
  }
  return lines.join('\n') + '\n'
}

const name = (prefix: string, id: string, ext = 'jsonl') => `${prefix}-rollout-2026-03-05T09-00-00-${id}.${ext}`

/** Ingests `logs` on the worker (capped first) and on the caller's thread, into fresh stores. */
function both(logs: string, label: string, env: Record<string, string> = {}): { capped: Run; once: Run } {
  const capped = ingest(join(dir, `${label}-capped.sqlite`), true, [logs], env)
  const once = ingest(join(dir, `${label}-once.sqlite`), false, [logs])
  return { capped, once }
}

function expectSame(capped: Run, once: Run): void {
  expect(once.warnings.filter((w) => w.code === 'AI_LOG_TRAIL_INGEST_HEAP')).toEqual([])
  const { errors: cappedErrors, parsed_on: _a, ...cappedRest } = capped.result
  const { errors: onceErrors, parsed_on: _b, ...onceRest } = once.result
  expect(cappedRest).toEqual(onceRest)
  const key = (e: unknown) => JSON.stringify(e)
  expect(cappedErrors.map(key).sort()).toEqual(onceErrors.map(key).sort())
  expect(Object.keys(capped.dump).length).toBeGreaterThan(5)
  for (const table of Object.keys(once.dump)) expect([table, inOrder(table, capped.dump[table])]).toEqual([table, inOrder(table, once.dump[table])])
}

/**
 * A file the ingest cannot recognize is reported when it is planned, which runs ahead of the
 * batches being written: its row's place among the line errors depends on timing, not on the
 * attempt. The errors are compared as a set; every other table row by row.
 */
function inOrder(table: string, rows: unknown[] | undefined): unknown[] | undefined {
  if (table !== 'ingest_errors' || !rows) return rows
  return rows
    .map((r) => {
      const { id: _id, ...rest } = r as Record<string, unknown>
      return JSON.stringify(rest)
    })
    .sort()
}

const heapWarnings = (r: Run) => r.warnings.filter((w) => w.code === 'AI_LOG_TRAIL_INGEST_HEAP')

describe("the ingest worker's capped attempt", () => {
  it('stops before a 40 MB line, a second attempt goes on from there, and a 100 MB line is skipped as before', () => {
    const logs = join(dir, 'lines')
    mkdirSync(logs, { recursive: true })
    cpSync(join(fixtures, 'codex'), join(logs, 'a-codex'), { recursive: true })
    // More lines than one commit holds: the first attempt commits before it stops.
    writeFileSync(join(logs, name('b', '0199a1b2-0000-7000-8000-0000000a11ce')), rollout('0199a1b2-0000-7000-8000-0000000a11ce', 25_000))
    cpSync(join(fixtures, 'claude-code'), join(logs, 'c-claude-code'), { recursive: true })
    writeFileSync(join(logs, name('d', '0199a1b2-0000-7000-8000-0000000b16e5')), rollout('0199a1b2-0000-7000-8000-0000000b16e5', 30, { 12: 40 << 20 }))
    // Over the 64 MiB line limit: skipped and reported on either attempt, never held.
    writeFileSync(join(logs, name('e', '0199a1b2-0000-7000-8000-0000000c0ffe')), rollout('0199a1b2-0000-7000-8000-0000000c0ffe', 30, { 7: 100 << 20 }))
    cpSync(join(fixtures, 'gemini-cli'), join(logs, 'f-gemini-cli'), { recursive: true })
    writeFileSync(join(logs, 'g-notes.jsonl'), 'not a log\n')
    const { capped, once } = both(logs, 'lines')
    expect(heapWarnings(capped)).toHaveLength(1)
    // The line is named (session meta and user message come first), and the files before it were stored by the first attempt.
    expect(heapWarnings(capped)[0].message).toMatch(
      /line 14 of .*d-rollout.*: 4194\d{4} bytes to hold at once.*\([1-9]\d* file\(s\) read, [1-9]\d* event\(s\)\)/
    )
    expect(once.result.errors.some((e) => /e-rollout/.test(e.file) && /line limit; skipped/.test(e.reason))).toBe(true)
    expect(once.result.events).toBeGreaterThan(25_000)
    expectSame(capped, once)
  }, 600_000)

  it('stops the same way when the lines are parsed on a parse worker of its own', () => {
    const logs = join(dir, 'parse-worker')
    mkdirSync(logs, { recursive: true })
    cpSync(join(fixtures, 'codex'), join(logs, 'a-codex'), { recursive: true })
    const id = '0199a1b2-0000-7000-8000-0000000e0e0e'
    writeFileSync(join(logs, name('b', id)), rollout(id, 5_000, { 4_000: 6 << 20 }))
    cpSync(join(fixtures, 'claude-code'), join(logs, 'c-claude-code'), { recursive: true })
    const { capped, once } = both(logs, 'parse-worker', { AI_LOG_TRAIL_PARSE_WORKER: '1' })
    expect(capped.result.parsed_on).toBe('worker')
    expect(heapWarnings(capped)).toHaveLength(1)
    expect(heapWarnings(capped)[0].message).toMatch(/line 4002 of .*b-rollout/)
    expectSame(capped, once)
  }, 600_000)

  it('stops in a compressed log after a commit in its middle, and counts that log once', () => {
    const logs = join(dir, 'compressed')
    mkdirSync(logs, { recursive: true })
    cpSync(join(fixtures, 'codex'), join(logs, 'a-codex'), { recursive: true })
    // Twelve lines of 3 MiB pass the 32 MiB a commit holds; the 5 MiB line after them is over the bound.
    const long: Record<number, number> = { 40: 5 << 20 }
    for (let i = 1; i <= 12; i++) long[i * 3] = 3 << 20
    const id = '0199a1b2-0000-7000-8000-0000000d0d0d'
    writeFileSync(join(logs, name('b', id, 'jsonl.zst')), zstdCompressSync(Buffer.from(rollout(id, 3_000, long))))
    cpSync(join(fixtures, 'claude-code'), join(logs, 'c-claude-code'), { recursive: true })
    const { capped, once } = both(logs, 'compressed')
    expect(heapWarnings(capped)).toHaveLength(1)
    expectSame(capped, once)
  }, 600_000)

  it('stops before a whole-file document over the bound', () => {
    const logs = join(dir, 'document')
    mkdirSync(logs, { recursive: true })
    cpSync(join(fixtures, 'codex'), join(logs, 'a-codex'), { recursive: true })
    const fixture = 'session-2025-11-02T09-14-a1b2c3d4.json'
    const doc = JSON.parse(readFileSync(join(fixtures, 'gemini-cli', fixture), 'utf8')) as { messages: { content: unknown }[] }
    doc.messages[0].content = 'm'.repeat(5 << 20)
    mkdirSync(join(logs, 'b-gemini'))
    writeFileSync(join(logs, 'b-gemini', fixture), JSON.stringify(doc, null, 2))
    cpSync(join(fixtures, 'claude-code'), join(logs, 'c-claude-code'), { recursive: true })
    const { capped, once } = both(logs, 'document')
    expect(heapWarnings(capped)).toHaveLength(1)
    expect(heapWarnings(capped)[0].message).toMatch(/b-gemini.*: \d+ bytes to hold at once/)
    expectSame(capped, once)
  }, 600_000)

  it('stops when its heap stays near the limit after a full collection, and a second attempt completes the store as one ingest would', () => {
    // The share at 0: the first full collection counts as near, so the attempt stops at its next batch.
    const logs = join(dir, 'heap-near')
    mkdirSync(logs, { recursive: true })
    cpSync(join(fixtures, 'codex'), join(logs, 'a-codex'), { recursive: true })
    for (const [prefix, id] of [
      ['b', '0199a1b2-0000-7000-8000-0000000d0001'],
      ['c', '0199a1b2-0000-7000-8000-0000000d0002'],
      ['d', '0199a1b2-0000-7000-8000-0000000d0003']
    ])
      writeFileSync(join(logs, name(prefix, id)), rollout(id, 40_000, { 20_000: 1 << 20 }))
    cpSync(join(fixtures, 'claude-code'), join(logs, 'e-claude-code'), { recursive: true })
    const { capped, once } = both(logs, 'heap-near', { AI_LOG_TRAIL_INGEST_HEAP_STOP_SHARE: '0' })
    expect(heapWarnings(capped)).toHaveLength(1)
    expect(heapWarnings(capped)[0].message).toMatch(/[1-9]\d* bytes still in use after a full collection, at .*\.jsonl.*going on without that cap/)
    expect(once.result.events).toBeGreaterThan(120_000)
    expectSame(capped, once)
  }, 600_000)
})
