import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fixtures, haveSamples, repoRoot, samples, tmpDir } from '../helpers.js'

/*
 * The worker thread runs the compiled parse stage (lib/ingest/parse-worker.js, built by
 * `pretest`), so these tests drive lib/ in a child Node and compare every stored row with the
 * same ingest parsed on the main thread.
 */

const lib = join(repoRoot, 'lib', 'index.js')

const CHILD = `
import { ingestPaths, openStore } from ${JSON.stringify(lib)}
const [database, worker, opts, ...paths] = process.argv.slice(1)
const db = openStore(database)
const result = await ingestPaths(db, paths, { ...JSON.parse(opts), worker: worker === '1' })
const dump = {}
for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) {
  dump[name] = db.prepare('SELECT * FROM "' + name + '" ORDER BY rowid').all().map((r) => {
    delete r.ingested_at
    delete r.at
    delete r.mtime_ms
    return r
  })
}
db.close()
process.stdout.write(JSON.stringify({ result, dump }))
`

interface Run {
  result: { parsed_on: string; files: number; events: number; errors: { file: string; line: number | null; reason: string }[] } & Record<string, unknown>
  dump: Record<string, unknown[]>
}

function ingest(database: string, worker: boolean, paths: string[], opts: Record<string, unknown> = {}): Run {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, database, worker ? '1' : '0', JSON.stringify(opts), ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Run
}

/** The same run with its folder's name taken out, so two copies of the inputs compare equal. */
function normalized(run: Run, dir: string): unknown {
  const { parsed_on: _, ...result } = run.result
  return JSON.parse(JSON.stringify({ result, dump: run.dump }).split(dir).join('<dir>'))
}

/** Logs that exercise every problem the parse stage reports. */
function writeBadInputs(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const codex = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8')
  writeFileSync(join(dir, 'torn.jsonl'), codex + '{"timestamp":"2026-03-03T11:09:00Z","type":"event_msg","payload":{"type":"agent_mess')
  const lines = codex.split('\n')
  lines.splice(3, 0, '{"junk": ' + 'x'.repeat(5000) + '}')
  writeFileSync(join(dir, 'long-line.jsonl'), lines.join('\n'))
  const bad = Buffer.concat([Buffer.from(lines.slice(0, 4).join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from(lines.slice(4).join('\n'))])
  writeFileSync(join(dir, 'bad-bytes.jsonl'), bad)
  writeFileSync(join(dir, 'utf16.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(codex, 'utf16le')]))
}

/** Logs with the problems of a line the parse stage contains: odd values, too many malformed lines, deep JSON. */
function writeLineProblems(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const lines = readFileSync(join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'), 'utf8').split('\n')
  // Values a parser cannot take: a count no message holds, a reset time past the range of dates.
  const usage = lines.findIndex((l) => l.includes('"last_token_usage"'))
  const odd = JSON.parse(lines[usage])
  odd.payload.info.last_token_usage.input_tokens = 0.5
  odd.payload.rate_limits.primary.resets_at = 1e20
  writeFileSync(join(dir, 'odd-values.jsonl'), [...lines.slice(0, usage), JSON.stringify(odd), ...lines.slice(usage + 1)].join('\n'))
  // More malformed lines than a file lists: the rest are counted in one problem.
  writeFileSync(join(dir, 'junk.jsonl'), [...lines.slice(0, 4), ...Array<string>(150).fill('junk'), ...lines.slice(4)].join('\n'))
  // A line nested deeper than the parse stage can walk.
  const claude = readFileSync(join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '44444444-4444-4444-8444-444444444444.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
  const at = claude.findIndex((l) => l.includes('"tool_use"'))
  const deep = JSON.parse(claude[at])
  deep.message.content[0].input = '@@DEEP@@'
  claude[at] = JSON.stringify(deep).replace('"@@DEEP@@"', '{"a":'.repeat(5000) + '{}' + '}'.repeat(5000))
  mkdirSync(join(dir, 'claude'), { recursive: true })
  writeFileSync(join(dir, 'claude', '44444444-4444-4444-8444-444444444444.jsonl'), claude.join('\n') + '\n')
}

describe('parsing on a worker thread', () => {
  let root: string
  beforeAll(() => {
    root = tmpDir('alt-worker-')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('lib/ has the worker script the pool starts', () => {
    expect(existsSync(join(repoRoot, 'lib', 'ingest', 'parse-worker.js'))).toBe(true)
  })

  it('stores the same rows and reports the same problems as parsing on the main thread, across small batches', () => {
    const inputs = [fixtures, join(root, 'bad')]
    if (haveSamples) inputs.push(samples)
    writeBadInputs(join(root, 'bad'))
    // Batches of 7 records: the worker runs ahead of the writer across many batch boundaries,
    // so each batch must carry the parser state of its own end, not the worker's current one.
    const opts = { batchSize: 7, maxLineBytes: 4096 }
    const onWorker = ingest(join(root, 'w.sqlite'), true, inputs, opts)
    const onThread = ingest(join(root, 't.sqlite'), false, inputs, opts)
    expect(onWorker.result.parsed_on).toBe('worker')
    expect(onThread.result.parsed_on).toBe('thread')
    expect(onWorker.result.events).toBeGreaterThan(100)
    const reasons = onWorker.result.errors.map((e) => e.reason).join('\n')
    expect(reasons).toMatch(/incomplete last line/)
    expect(reasons).toMatch(/over the 4096-byte line limit/)
    expect(reasons).toMatch(/invalid UTF-8/)
    expect(normalized(onWorker, root)).toEqual(normalized(onThread, root))
  })

  it('reports the problems of a line (odd values, more malformed lines than are listed, deep JSON) as the main thread does', () => {
    writeLineProblems(join(root, 'lines'))
    const opts = { batchSize: 7 }
    const onWorker = ingest(join(root, 'lw.sqlite'), true, [join(root, 'lines')], opts)
    const onThread = ingest(join(root, 'lt.sqlite'), false, [join(root, 'lines')], opts)
    expect(onWorker.result.parsed_on).toBe('worker')
    const reasons = onWorker.result.errors.map((e) => e.reason).join('\n')
    expect(reasons).toMatch(/token count out of range/)
    expect(reasons).toMatch(/50 more problem\(s\) not listed/)
    expect(reasons).toMatch(/line not read: /)
    expect(normalized(onWorker, root)).toEqual(normalized(onThread, root))
  })

  it('resumes a grown file from the state the worker saved, as the main thread does', () => {
    const runs = [true, false].map((worker) => {
      const dir = join(root, worker ? 'grow-w' : 'grow-t')
      cpSync(join(fixtures, 'codex'), dir, { recursive: true })
      const file = join(dir, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
      const text = readFileSync(file, 'utf8').split('\n')
      const half = Math.floor(text.length / 2)
      writeFileSync(file, text.slice(0, half).join('\n') + '\n')
      const database = join(dir, '..', `${worker ? 'grow-w' : 'grow-t'}.sqlite`)
      ingest(database, worker, [dir], { batchSize: 3 })
      appendFileSync(file, text.slice(half).join('\n'))
      const second = ingest(database, worker, [dir], { batchSize: 3 })
      expect(second.result.files).toBe(1)
      return normalized(second, dir)
    })
    expect(runs[0]).toEqual(runs[1])
  })
})
