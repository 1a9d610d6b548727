import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { worthAWorker } from '../../src/ingest/pending-bytes.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * The whole ingest on its own worker thread (src/ingest/ingest-thread.ts) stores what the same
 * ingest on the caller's thread stores, and gives the caller the same result, progress and errors.
 * The worker runs the compiled ingest (lib/ingest/ingest-worker.js, built by `pretest`), so these
 * tests drive lib/ in a child Node. Inputs: the committed fixtures plus bad inputs written here.
 */

const lib = join(repoRoot, 'lib', 'index.js')

const CHILD = `
import { ingestPaths, openStore } from ${JSON.stringify(lib)}
const [database, isolate, setup, ...paths] = process.argv.slice(1)
const db = openStore(database)
if (setup) db.exec(setup)
const progress = []
const out = {}
// Changes only when another connection (the worker's) writes the file.
const version = () => db.pragma('data_version', { simple: true })
const before = version()
try {
  out.result = await ingestPaths(db, paths, { isolate: isolate === '1', batchSize: 7, onProgress: (p) => {
    if (process.env.REFUSE_PROGRESS) throw new Error('progress refused')
    progress.push(p)
  } })
} catch (e) {
  out.error = { name: e.name, message: e.message, code: e.code, stack: e.stack }
}
out.progress = progress
out.written_by_another_connection = version() !== before
out.dump = {}
for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) {
  out.dump[name] = db.prepare('SELECT * FROM "' + name + '" ORDER BY rowid').all().map((r) => {
    delete r.ingested_at
    delete r.at
    return r
  })
}
db.close()
process.stdout.write(JSON.stringify(out))
`

interface Run {
  result?: { parsed_on: string; files: number; events: number; errors: { file: string; line: number | null; reason: string }[] } & Record<string, unknown>
  error?: { name: string; message: string; code?: string; stack?: string }
  progress: { file: string; bytes: number }[]
  written_by_another_connection: boolean
  dump: Record<string, unknown[]>
}

function ingest(database: string, isolate: boolean, paths: string[], setup = '', env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, isolate ? '1' : '0', setup, ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, AI_LOG_TRAIL_INGEST_WORKER: '', AI_LOG_TRAIL_PARSE_WORKER: '', ...env }
  })
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Run
}

const dir = tmpDir('alt-ingest-worker-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The fixtures of two agents, plus a torn last line and a line too deep to be read. */
function writeInputs(): string {
  const logs = join(dir, 'logs')
  mkdirSync(logs, { recursive: true })
  cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
  cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
  const codex = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
  writeFileSync(join(logs, 'torn.jsonl'), codex + '{"timestamp":"2026-03-03T11:09:00Z","type":"event_msg","payload":{"type":"agent_mess')
  const lines = codex.split('\n')
  lines.splice(3, 0, '{"junk": "a", "x": ' + '['.repeat(5000) + ']'.repeat(5000) + '}')
  writeFileSync(join(logs, 'deep.jsonl'), lines.join('\n'))
  return logs
}

describe('the ingest on its own worker thread', () => {
  const logs = writeInputs()

  it('stores the same rows and returns the same result as on the caller’s thread, with its progress relayed', () => {
    const here = ingest(join(dir, 'here.sqlite'), false, [logs])
    const there = ingest(join(dir, 'there.sqlite'), true, [logs])
    expect(there.error).toBeUndefined()
    expect([here.written_by_another_connection, there.written_by_another_connection]).toEqual([false, true])
    expect(there.result).toEqual(here.result)
    expect(there.result?.errors.some((e) => e.file.endsWith('torn.jsonl') && e.line !== null)).toBe(true)
    expect(there.result?.events).toBeGreaterThan(100)
    expect(there.dump).toEqual(here.dump)
    expect(there.progress).toEqual(here.progress)
    // A file read whole is reported up to its end.
    const codex = join(logs, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
    expect(there.progress.filter((p) => p.file === codex).pop()?.bytes).toBe(statSync(codex).size)
  })

  it('fails the caller with the error the ingest threw, its name, message and code', () => {
    // A trigger makes every insert of an event fail, as a full disk or a locked file would.
    const setup = "CREATE TRIGGER planted BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'planted failure'); END"
    const here = ingest(join(dir, 'fail-here.sqlite'), false, [logs], setup)
    const there = ingest(join(dir, 'fail-there.sqlite'), true, [logs], setup)
    expect(here.error).toMatchObject({ name: 'SqliteError', message: 'planted failure', code: 'SQLITE_CONSTRAINT_TRIGGER' })
    expect({ ...there.error, stack: undefined }).toEqual({ ...here.error, stack: undefined })
    // Thrown in the worker, with the worker's stack.
    expect(there.error?.stack).toContain('ingest-worker.js')
    expect(here.error?.stack).not.toContain('ingest-worker.js')
    expect(there.dump).toEqual(here.dump)
  })

  it('fails the caller with the error its progress callback threw, and stops the ingest', () => {
    // Many files, so the worker is still reading when the caller takes its first progress message:
    // with the inputs above alone, a quick worker could write every event before the error reached it.
    const many = join(dir, 'many')
    for (let i = 0; i < 40; i++) cpSync(logs, join(many, String(i)), { recursive: true })
    const refuse = { REFUSE_PROGRESS: '1' }
    const whole = ingest(join(dir, 'whole.sqlite'), false, [many])
    const there = ingest(join(dir, 'refused-there.sqlite'), true, [many], '', refuse)
    expect(there.error).toMatchObject({ name: 'Error', message: 'progress refused' })
    expect(there.written_by_another_connection).toBe(true)
    expect(there.dump.events.length).toBeLessThan(whole.dump.events.length)
  })
})

describe('whether an ingest has enough to read for the worker', () => {
  it('counts what the store has not read, and nothing of files read to their end', async () => {
    const logs = join(dir, 'pending')
    cpSync(join(fixtures, 'codex'), logs, { recursive: true })
    const db = openStore(join(dir, 'pending.sqlite'))
    const total = (await import('node:fs/promises'))
      .readdir(logs, { recursive: true })
      .then((names) => names.map((n) => statSync(join(logs, n))).reduce((sum, st) => sum + (st.isFile() ? st.size : 0), 0))
    const bytes = await total
    expect(await worthAWorker(db, [logs], { bytes, files: Infinity })).toBe(true)
    expect(await worthAWorker(db, [logs], { bytes: bytes + 1, files: Infinity })).toBe(false)
    await ingestPaths(db, [logs], { isolate: false })
    expect(await worthAWorker(db, [logs], { bytes: 1, files: Infinity })).toBe(false)
    db.close()
  })
})
