import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ENV_MAX_BYTES, ENV_SESSION_ID, openRecorder, RECORDER_FORMAT, type RecorderRecord } from '../../src/recorder/index.js'
import { fixtures, repoRoot, tmpDir } from '../helpers.js'
import { DEPLOY_SESSION_ID, writeDeployScript } from './deploy-script.js'

type Line = RecorderRecord & Record<string, unknown>

function readLines(path: string): Line[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line)
}

function fixedClock(start = '2026-01-01T00:00:00.000Z'): () => Date {
  let t = Date.parse(start)
  return () => new Date((t += 1000))
}

/** Oldest first: `<path>.N` … `<path>.1`, then `<path>`. */
function rotationChain(path: string): string[] {
  const files: string[] = []
  for (let i = 1; existsSync(`${path}.${i}`); i++) files.unshift(`${path}.${i}`)
  return existsSync(path) ? [...files, path] : files
}

let dir: string
beforeEach(() => {
  dir = tmpDir('alt-rec-')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  delete process.env[ENV_SESSION_ID]
  delete process.env[ENV_MAX_BYTES]
})

describe('openRecorder', () => {
  it('writes session_start, actions and session_end as NDJSON', async () => {
    const path = join(dir, 'nested', 'run.ndjson')
    const rec = await openRecorder({ path, sessionId: 's-1', agent: 'unit', clock: fixedClock(), pid: 7, cwd: '/work' })
    const start = await rec.start()
    expect(start).toEqual({
      v: 1,
      type: 'session_start',
      format: RECORDER_FORMAT,
      ts: '2026-01-01T00:00:01.000Z',
      session_id: 's-1',
      seq: 0,
      pid: 7,
      agent: 'unit',
      cwd: '/work'
    })
    await rec.action('shell', 'ls -la', { shell: true })
    await rec.action('note', 'Checked the queue')
    const end = await rec.end('all good')
    expect(end).toMatchObject({ type: 'session_end', seq: 3, summary: 'all good', closed_by: 'end' })
    expect(await rec.end()).toBeNull()
    await rec[Symbol.asyncDispose]()

    const lines = readLines(path)
    expect(lines.map((l) => l.type)).toEqual(['session_start', 'action', 'action', 'session_end'])
    expect(lines.map((l) => l.seq)).toEqual([0, 1, 2, 3])
    expect(lines[1]).toEqual({
      v: 1,
      type: 'action',
      ts: '2026-01-01T00:00:02.000Z',
      session_id: 's-1',
      seq: 1,
      pid: 7,
      name: 'shell',
      statement: 'ls -la',
      metadata: { shell: true }
    })
    expect(lines[2]).not.toHaveProperty('metadata')
    // One record per line, the line exactly as serialized (key order included).
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(
      `{"v":1,"type":"session_start","format":"${RECORDER_FORMAT}","ts":"2026-01-01T00:00:01.000Z","session_id":"s-1","seq":0,"pid":7,"agent":"unit","cwd":"/work"}`
    )
  })

  it('starts the session on the first action and keeps call order without awaiting', async () => {
    const path = join(dir, 'run.ndjson')
    const rec = await openRecorder({ path, clock: fixedClock() })
    const calls = [rec.action('a', '1'), rec.action('b', '2'), rec.action('c', '3'), rec.end()]
    await Promise.all(calls)
    const lines = readLines(path)
    expect(lines.map((l) => l.type)).toEqual(['session_start', 'action', 'action', 'action', 'session_end'])
    expect(lines.map((l) => l.name ?? null)).toEqual([null, 'a', 'b', 'c', null])
    expect(lines[0].pid).toBe(process.pid)
    expect(lines[0].cwd).toBe(process.cwd())
    expect(new Set(lines.map((l) => l.session_id)).size).toBe(1)
  })

  it('writes the end record through await using when the body throws', async () => {
    const path = join(dir, 'run.ndjson')
    const work = async () => {
      await using rec = await openRecorder({ path, sessionId: 'boom-1', clock: fixedClock() })
      await rec.action('step', 'first step')
      throw new Error('step two failed')
    }
    await expect(work()).rejects.toThrow('step two failed')
    const lines = readLines(path)
    expect(lines.map((l) => l.type)).toEqual(['session_start', 'action', 'session_end'])
    expect(lines[2]).toMatchObject({ session_id: 'boom-1', seq: 2, closed_by: 'dispose' })
    expect(lines[2]).not.toHaveProperty('summary')
  })

  it('does not write a second end record when end() was called before dispose', async () => {
    const path = join(dir, 'run.ndjson')
    {
      await using rec = await openRecorder({ path })
      await rec.end('done')
    }
    expect(readLines(path).map((l) => `${l.type}:${String(l.closed_by ?? '')}`)).toEqual(['session_start:', 'session_end:end'])
  })

  it('rejects actions after end and starts a new session with a new id', async () => {
    const path = join(dir, 'run.ndjson')
    const rec = await openRecorder({ path, sessionId: 'first' })
    await rec.start()
    await expect(rec.start()).rejects.toThrow('already open')
    await rec.end()
    await expect(rec.action('late', 'too late')).rejects.toThrow('has ended')
    await rec.start()
    const second = rec.sessionId
    expect(second).not.toBe('first')
    await rec.end()
    await rec.start('third')
    await rec[Symbol.asyncDispose]()
    const ids = readLines(path)
      .filter((l) => l.type === 'session_start')
      .map((l) => l.session_id)
    expect(ids).toEqual(['first', second, 'third'])
    expect(readLines(path).filter((l) => l.type === 'session_end')).toHaveLength(3)
  })

  it('rejects the call whose write failed and still writes the records after it', async () => {
    const path = join(dir, 'run.ndjson')
    const rec = await openRecorder({ path, sessionId: 'flaky' })
    await expect(rec.start('')).rejects.toThrow('start(sessionId)')
    mkdirSync(path)
    await expect(rec.action('first', 'lost')).rejects.toThrow(/EISDIR/)
    rmSync(path, { recursive: true })
    await rec.action('second', 'kept')
    await rec.end()
    expect(readLines(path).map((l) => `${l.type}:${String(l.seq)}`)).toEqual(['action:2', 'session_end:3'])
  })

  it('takes the session id from the option, else AI_LOG_TRAIL_SESSION_ID, else a new UUID', async () => {
    const path = join(dir, 'run.ndjson')
    process.env[ENV_SESSION_ID] = 'from-env-42'
    expect((await openRecorder({ path, dryRun: true })).sessionId).toBe('from-env-42')
    expect((await openRecorder({ path, dryRun: true, sessionId: 'explicit' })).sessionId).toBe('explicit')
    const rec = await openRecorder({ path })
    await rec.action('x', 'y')
    expect(readLines(path)[0].session_id).toBe('from-env-42')
    delete process.env[ENV_SESSION_ID]
    expect((await openRecorder({ path, dryRun: true })).sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    await expect(openRecorder({ path, sessionId: '' })).rejects.toThrow('sessionId')
  })

  it('writes nothing in dryRun but returns every record', async () => {
    const path = join(dir, 'sub', 'run.ndjson')
    const rec = await openRecorder({ path, dryRun: true, sessionId: 'dry', clock: fixedClock(), maxBytes: 10 })
    const a = await rec.action('deploy', 'would deploy', { env: 'prod' })
    await rec.end('dry run')
    expect(existsSync(join(dir, 'sub'))).toBe(false)
    expect(rec.records.map((r) => r.type)).toEqual(['session_start', 'action', 'session_end'])
    expect(rec.records[1]).toBe(a)
    expect(a).toMatchObject({ name: 'deploy', statement: 'would deploy', metadata: { env: 'prod' }, session_id: 'dry', seq: 1 })
  })
})

describe('rotation', () => {
  async function writeActions(path: string, n: number, maxBytes?: number): Promise<void> {
    const rec = await openRecorder({ path, sessionId: 'rot', clock: fixedClock(), pid: 1, cwd: null, maxBytes })
    for (let i = 0; i < n; i++) await rec.action('step', `step ${String(i).padStart(3, '0')} ${'x'.repeat(100)}`)
    await rec.end()
  }

  it('rotates to .1, .2 … at a byte size, oldest highest, losing nothing', async () => {
    const path = join(dir, 'run.ndjson')
    await writeActions(path, 40, 1000)
    const chain = rotationChain(path)
    const bytesOf = (line: string) => Buffer.byteLength(line) + 1
    const firstLine = (f: string) => readFileSync(f, 'utf8').split('\n')[0]
    // An action with a two-digit seq is 230 bytes: four fit in 1000, a fifth would not.
    const lineBytes = bytesOf(firstLine(`${path}.1`))
    expect(lineBytes).toBe(230)
    expect(statSync(`${path}.1`).size).toBe(4 * lineBytes)
    expect(statSync(`${path}.2`).size).toBe(4 * lineBytes)
    expect(chain).toHaveLength(11)
    expect(chain.slice(0, 3)).toEqual([`${path}.10`, `${path}.9`, `${path}.8`])
    chain.forEach((f, i) => {
      expect(statSync(f).size).toBeLessThanOrEqual(1000)
      // Rotated only because the next record would not have fit.
      if (i < chain.length - 1) expect(statSync(f).size + bytesOf(firstLine(chain[i + 1]))).toBeGreaterThan(1000)
    })
    const all = chain.flatMap(readLines)
    expect(all.map((l) => l.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i))
    expect(all[0].type).toBe('session_start')
    expect(readdirSync(dir).some((n) => n.endsWith('.lock'))).toBe(false)
  })

  it('takes the size from AI_LOG_TRAIL_NDJSON_MAX_BYTES and never rotates without one', async () => {
    const a = join(dir, 'env.ndjson')
    process.env[ENV_MAX_BYTES] = '2000'
    await writeActions(a, 20)
    expect(rotationChain(a).length).toBe(3)
    expect(statSync(`${a}.1`).size).toBeLessThanOrEqual(2000)
    delete process.env[ENV_MAX_BYTES]
    const b = join(dir, 'none.ndjson')
    await writeActions(b, 20)
    expect(rotationChain(b)).toEqual([b])
    process.env[ENV_MAX_BYTES] = '10MB'
    await expect(openRecorder({ path: b })).rejects.toThrow(ENV_MAX_BYTES)
  })

  it('writes a record larger than maxBytes alone in its file', async () => {
    const path = join(dir, 'run.ndjson')
    const rec = await openRecorder({ path, maxBytes: 300, cwd: null })
    await rec.action('big', 'y'.repeat(500))
    await rec.action('small', 'z')
    const chain = rotationChain(path)
    expect(chain.map((f) => readLines(f).map((l) => l.type))).toEqual([['session_start'], ['action'], ['action']])
  })
})

describe('record cap', () => {
  it('cuts an over-large statement with a marker and lists it', async () => {
    const rec = await openRecorder({ path: join(dir, 'x.ndjson'), dryRun: true, maxRecordBytes: 2048 })
    const statement = `${'é'.repeat(3000)}tail`
    const a = await rec.action('long', statement, { shell: true })
    const line = JSON.stringify(a) + '\n'
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(2048)
    expect(Buffer.byteLength(line)).toBeGreaterThan(1900)
    expect(a.truncated).toEqual(['statement'])
    expect(a.statement).toMatch(/^é+…\[truncated, 6004 bytes\]$/)
    expect(a.metadata).toEqual({ shell: true })
  })

  it('keeps over-large metadata as a cut JSON preview', async () => {
    const rec = await openRecorder({ path: join(dir, 'x.ndjson'), dryRun: true, maxRecordBytes: 1024 })
    const a = await rec.action('dump', 'short', { rows: Array.from({ length: 500 }, (_, i) => ({ i, quote: '"' })) })
    expect(Buffer.byteLength(JSON.stringify(a) + '\n')).toBeLessThanOrEqual(1024)
    expect(a.truncated).toEqual(['metadata'])
    const m = a.metadata as { truncated: boolean; bytes: number; preview: string }
    expect(m.truncated).toBe(true)
    expect(m.preview.startsWith('{"rows":[{"i":0,"quote":"\\""}')).toBe(true)
    expect(m.preview).toContain(`…[truncated, ${m.bytes} bytes]`)
    expect(a.statement).toBe('short')
  })

  it('records metadata JSON cannot hold instead of failing the work', async () => {
    const rec = await openRecorder({ path: join(dir, 'x.ndjson'), dryRun: true })
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const a = await rec.action('odd', 'metadata', cyclic)
    expect(a.metadata).toEqual({ unserializable: expect.stringContaining('circular') })
  })
})

describe('concurrent writers', () => {
  // Each child loads the library, then waits for "go" on stdin, so both write at the same time
  // instead of one finishing before the other has started.
  const child = `
const [lib, path, n, maxBytes] = process.argv.slice(2)
const { openRecorder } = await import(lib)
const rec = await openRecorder({ path, agent: 'child', maxBytes: maxBytes ? Number(maxBytes) : undefined })
process.stdout.write('ready\\n')
await new Promise((resolve) => process.stdin.once('data', resolve))
process.stdin.destroy()
try {
  for (let i = 1; i <= Number(n); i++) await rec.action('step', 'step ' + i + ' ' + 'x'.repeat(2000), { i })
} finally {
  await rec.end('done')
}
`
  function spawnWriter(script: string, args: string[]): { ready: Promise<void>; exit: Promise<number | null>; go(): void } {
    const p = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    const exit = new Promise<number | null>((resolve, reject) => {
      p.on('error', reject)
      p.on('exit', (code) => resolve(code))
    })
    const ready = new Promise<void>((resolve, reject) => {
      p.stdout.once('data', () => resolve())
      exit.then(() => reject(new Error('writer exited before it was ready')), reject)
    })
    return { ready, exit, go: () => p.stdin.end('go\n') }
  }

  async function raceOnce(path: string, maxBytes?: number): Promise<Line[]> {
    const script = join(dir, 'child.mjs')
    writeFileSync(script, child)
    const lib = pathToFileURL(join(repoRoot, 'lib', 'recorder', 'index.js')).href
    const args = [lib, path, '500', ...(maxBytes ? [String(maxBytes)] : [])]
    const writers = [spawnWriter(script, args), spawnWriter(script, args)]
    await Promise.all(writers.map((w) => w.ready))
    for (const w of writers) w.go()
    expect(await Promise.all(writers.map((w) => w.exit))).toEqual([0, 0])
    const chain = rotationChain(path)
    const text = chain.map((f) => readFileSync(f, 'utf8')).join('')
    expect(text.endsWith('\n')).toBe(true)
    // Every line parses: no two records were interleaved or torn.
    const lines = text
      .slice(0, -1)
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
    expectEachWriterComplete(lines)
    return lines
  }

  /** How often the file switches from one writer's records to the other's. */
  function switches(lines: Line[]): number {
    return lines.filter((l, i) => i > 0 && l.pid !== lines[i - 1].pid).length
  }

  /**
   * Runs the two writers until their writes really overlapped (on a busy machine one can finish
   * before the other is scheduled, which would prove nothing); every attempt must be intact.
   */
  async function race(name: string, maxBytes?: number): Promise<{ lines: Line[]; path: string }> {
    for (let attempt = 1; ; attempt++) {
      const path = join(dir, `${attempt}`, name)
      mkdirSync(join(dir, `${attempt}`))
      const lines = await raceOnce(path, maxBytes)
      if (switches(lines) >= 10 || attempt === 5) return { lines, path }
    }
  }

  function expectEachWriterComplete(lines: Line[]): void {
    expect(lines).toHaveLength(1004)
    const pids = [...new Set(lines.map((l) => l.pid))]
    expect(pids).toHaveLength(2)
    for (const pid of pids) {
      const mine = lines.filter((l) => l.pid === pid)
      expect(mine.filter((l) => l.type === 'action').map((l) => (l.metadata as { i: number }).i)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
      expect(mine.map((l) => l.type).filter((t) => t !== 'action')).toEqual(['session_start', 'session_end'])
    }
  }

  it('two processes appending 500 records each produce 1000 whole action lines', async () => {
    const { lines } = await race('shared.ndjson')
    expect(switches(lines)).toBeGreaterThanOrEqual(10)
    expect(lines.filter((l) => l.type === 'action')).toHaveLength(1000)
  })

  it('loses and tears nothing when both writers also rotate', async () => {
    const { lines, path } = await race('shared.ndjson', 64 * 1024)
    expect(switches(lines)).toBeGreaterThanOrEqual(10)
    expect(rotationChain(path).length).toBeGreaterThan(10)
    expect(readdirSync(dirname(path)).some((n) => n.endsWith('.lock'))).toBe(false)
  })
})

describe('fixture', () => {
  it('fixtures/recorder/deploy-script.ndjson is what the recorder writes (UPDATE_FIXTURES=1 rewrites it)', async () => {
    const committed = join(fixtures, 'recorder', 'deploy-script.ndjson')
    const fresh = join(dir, 'deploy-script.ndjson')
    await writeDeployScript(fresh)
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(committed, readFileSync(fresh))
    expect(readFileSync(fresh, 'utf8')).toBe(readFileSync(committed, 'utf8'))
    expect(readLines(fresh).every((l) => l.session_id === DEPLOY_SESSION_ID)).toBe(true)
  })
})
