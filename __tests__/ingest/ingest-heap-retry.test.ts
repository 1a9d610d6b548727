import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { withEarlierAttempt } from '../../src/ingest/ingest-thread.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The ingest's worker has its old generation capped (src/ingest/ingest-thread.ts). A line too large
 * for the cap ends the worker; a second one, uncapped, goes on from what the first committed. The
 * store and the result must be those of one ingest that never ran out: nothing lost, nothing
 * counted twice, every session touched named (`ingestForRepo` scopes those to the repository).
 * The worker runs the compiled ingest (lib/, built by `pretest`) in a child Node. Inputs: the
 * committed Codex and Claude Code fixtures, a self-written rollout of more lines than one commit
 * holds (so the first attempt commits before it runs out), and a self-written line of 40 MB.
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
  result: { files: number; unchanged_files: number; sessions: number; events: number; skipped_lines: number; session_ids: string[]; errors: unknown[] } & Record<string, unknown>
  warnings: { code: string; message: string }[]
  dump: Record<string, unknown[]>
}

function ingest(database: string, isolate: boolean, paths: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, isolate ? '1' : '0', ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_OPTIONS: '', AI_LOG_TRAIL_INGEST_WORKER: '', AI_LOG_TRAIL_PARSE_WORKER: '', AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB: '', ...env }
  })
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Run
}

const dir = tmpDir('alt-ingest-heap-retry-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A Codex rollout of `n` agent messages, the `big`-th of them `bigChars` long. */
function rollout(id: string, n: number, big = 0, bigChars = 0): string {
  const t0 = Date.UTC(2026, 2, 5, 9)
  const ts = (i: number) => new Date(t0 + i * 1000).toISOString()
  const lines = [
    JSON.stringify({ timestamp: ts(0), type: 'session_meta', payload: { id, timestamp: ts(0), cwd: '/home/dev/projects/long', originator: 'codex_cli_rs', cli_version: '0.61.0', source: 'cli' } }),
    JSON.stringify({ timestamp: ts(0), type: 'event_msg', payload: { type: 'user_message', message: `session ${id}`, images: [] } })
  ]
  for (let i = 1; i <= n; i++) {
    const message = i === big ? 'x'.repeat(bigChars) : `step ${i}`
    lines.push(JSON.stringify({ timestamp: ts(i), type: 'event_msg', payload: { type: 'agent_message', message } }))
  }
  return lines.join('\n') + '\n'
}

function writeInputs(): string {
  const logs = join(dir, 'logs')
  mkdirSync(logs, { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'a-codex'), { recursive: true })
  const long = '0199a1b2-0000-7000-8000-0000000a11ce'
  writeFileSync(join(logs, `b-rollout-2026-03-05T09-00-00-${long}.jsonl`), rollout(long, 25_000))
  cpSync(join(fixtures, 'claude-code'), join(logs, 'c-claude-code'), { recursive: true })
  // A line of 40 MB: more than a 16 MB heap holds.
  const big = '0199a1b2-0000-7000-8000-0000000b16e5'
  writeFileSync(join(logs, `d-rollout-2026-03-05T09-00-00-${big}.jsonl`), rollout(big, 30, 12, 40 << 20))
  cpSync(join(fixtures, 'gemini-cli'), join(logs, 'e-gemini-cli'), { recursive: true })
  return logs
}

describe("the ingest's worker out of heap", () => {
  it('goes on from what it committed, and stores and tells what one ingest would', () => {
    const logs = writeInputs()
    const retried = ingest(join(dir, 'retried.sqlite'), true, [logs], { AI_LOG_TRAIL_INGEST_WORKER_HEAP_MB: '16' })
    const once = ingest(join(dir, 'once.sqlite'), false, [logs])
    const heap = retried.warnings.filter((w) => w.code === 'AI_LOG_TRAIL_INGEST_HEAP')
    expect(heap).toHaveLength(1)
    // The first attempt had committed whole files before it ran out, so the result is put together.
    expect(heap[0].message).toMatch(/\((?:[1-9]\d*) file\(s\) read, [1-9]\d* event\(s\)\)/)
    expect(once.warnings.filter((w) => w.code === 'AI_LOG_TRAIL_INGEST_HEAP')).toEqual([])
    expect(once.result.events).toBeGreaterThan(25_000)
    const { errors: retriedErrors, parsed_on: _a, ...retriedRest } = retried.result
    const { errors: onceErrors, parsed_on: _b, ...onceRest } = once.result
    expect(retriedRest).toEqual(onceRest)
    const key = (e: unknown) => JSON.stringify(e)
    expect(retriedErrors.map(key).sort()).toEqual(onceErrors.map(key).sort())
    expect(retried.dump).toEqual(once.dump)
  }, 300_000)

  it('puts a result together from both attempts without counting a file twice', () => {
    const before = { files_read: ['/l/a.jsonl', '/l/b.jsonl'], events: 10, skipped_lines: 1, errors: [{ file: '/l/a.jsonl', line: 3, reason: 'bad' }], session_ids: ['s2', 's1'] }
    const again = {
      files: 1,
      unchanged_files: 5,
      sessions: 2,
      events: 4,
      skipped_lines: 0,
      errors: [{ file: '/l/c.jsonl', line: null, reason: 'unreadable' }],
      session_ids: ['s1', 's3'],
      parsed_on: 'thread' as const,
      format_warnings: []
    }
    expect(withEarlierAttempt(before, again)).toEqual({
      files: 3,
      unchanged_files: 3,
      sessions: 3,
      events: 14,
      skipped_lines: 1,
      errors: [before.errors[0], again.errors[0]],
      session_ids: ['s1', 's2', 's3'],
      parsed_on: 'thread',
      format_warnings: []
    })
  })
})
