import { afterEach, describe, expect, it } from '@jest/globals'
import { appendFileSync, chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { byId, fixtures, tmpDir } from '../helpers.js'

const ROLLOUT = join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
const lines = readFileSync(ROLLOUT, 'utf8').trimEnd().split('\n')

const dirs: string[] = []
function workDir(): string {
  const d = tmpDir()
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function ingestOnce(paths: string[], dbPath: string, opts = {}) {
  const db = openStore(dbPath)
  try {
    const result = await ingestPaths(db, paths, opts)
    return { result, sessions: listSessions(db) }
  } finally {
    db.close()
  }
}

describe('bad input is counted, reported with file and line, and the rest goes on', () => {
  it('skips a malformed line, keeps an unknown event type raw (counted as format drift, not a problem) and every other line', async () => {
    const d = workDir()
    const f = join(d, 'rollout-bad.jsonl')
    const bad = [
      ...lines.slice(0, 5),
      '{"timestamp": "2026-03-03T10:00:05Z", "type": "event_msg", "payl',
      'not json at all',
      lines[5],
      '{"timestamp":"2026-03-03T10:00:06.500Z","type":"event_msg","payload":{"type":"brand_new_event","x":1}}',
      ...lines.slice(6)
    ]
    writeFileSync(f, bad.join('\n') + '\n')
    const { result, sessions } = await ingestOnce([f], join(d, 'db.sqlite'))
    expect(result.skipped_lines).toBe(2)
    expect(result.errors).toEqual([
      { file: f, line: 6, reason: 'malformed JSON' },
      { file: f, line: 7, reason: 'malformed JSON' }
    ])
    const s = byId(sessions, SESSION)
    expect(s.prompts).toBe(2)
    expect(s.tokens.total).toBe(5300)
  })

  it('leaves a torn last line unconsumed and reads it once the file is complete', async () => {
    const d = workDir()
    const f = join(d, 'rollout-torn.jsonl')
    const last = lines[lines.length - 3]
    writeFileSync(f, lines.slice(0, -3).join('\n') + '\n' + last.slice(0, 40))
    const db = join(d, 'db.sqlite')
    const first = await ingestOnce([f], db)
    expect(first.result.errors).toEqual([{ file: f, line: lines.length - 2, reason: expect.stringContaining('incomplete last line') }])
    expect(byId(first.sessions, SESSION).tokens.total).toBe(3700 + 250)
    appendFileSync(f, last.slice(40) + '\n' + lines.slice(-2).join('\n') + '\n')
    const second = await ingestOnce([f], db)
    expect(second.result.errors).toEqual([])
    expect(byId(second.sessions, SESSION).tokens.total).toBe(5300)
  })

  it('skips a line over the size cap without reading it into memory', async () => {
    const d = workDir()
    const f = join(d, 'rollout-long.jsonl')
    const huge = JSON.stringify({ timestamp: '2026-03-03T10:00:06Z', type: 'event_msg', payload: { type: 'agent_reasoning', text: 'x'.repeat(300_000) } })
    writeFileSync(f, [...lines.slice(0, 6), huge, ...lines.slice(6)].join('\n') + '\n')
    const { result, sessions } = await ingestOnce([f], join(d, 'db.sqlite'), { maxLineBytes: 100_000 })
    expect(result.skipped_lines).toBe(1)
    expect(result.errors).toEqual([{ file: f, line: 7, reason: expect.stringMatching(/^line of 300\d+ bytes is over the 100000-byte line limit/) }])
    expect(byId(sessions, SESSION).tokens.total).toBe(5300)
  })

  it('keeps lines with invalid UTF-8 (replaced) and reports them', async () => {
    const d = workDir()
    const f = join(d, 'rollout-latin1.jsonl')
    const prompt = lines.findIndex((l) => l.includes('"user_message"'))
    const parts = lines.map((l) => Buffer.from(l + '\n', 'utf8'))
    parts[prompt] = Buffer.concat([
      Buffer.from(lines[prompt].replace('streams input', 'streams caf'), 'utf8').subarray(0, -1),
      Buffer.from([0xe9]),
      Buffer.from('"\n')
    ])
    // Rebuild a valid JSON line with a raw Latin-1 byte inside the string.
    const text = lines[prompt].replace('Refactor the parser so it streams input', 'caf\u0000')
    const [a, b] = text.split('\u0000')
    parts[prompt] = Buffer.concat([Buffer.from(a, 'utf8'), Buffer.from([0xe9]), Buffer.from(b + '\n', 'utf8')])
    writeFileSync(f, Buffer.concat(parts))
    const { result, sessions } = await ingestOnce([f], join(d, 'db.sqlite'))
    expect(result.errors).toEqual([{ file: f, line: prompt + 1, reason: expect.stringContaining('invalid UTF-8') }])
    expect(byId(sessions, SESSION).prompts).toBe(2)
  })

  it('reads a UTF-16 file with a byte-order mark (PowerShell redirection)', async () => {
    const d = workDir()
    const f = join(d, 'rollout-utf16.jsonl')
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]))
    const { result, sessions } = await ingestOnce([f], join(d, 'db.sqlite'))
    expect(result.errors).toEqual([])
    expect(byId(sessions, SESSION).tokens.total).toBe(5300)
  })

  it('reads a UTF-8 file with a byte-order mark', async () => {
    const d = workDir()
    const f = join(d, 'rollout-bom.jsonl')
    writeFileSync(f, '\uFEFF' + lines.join('\n') + '\n')
    const { result, sessions } = await ingestOnce([f], join(d, 'db.sqlite'))
    expect(result.errors).toEqual([])
    expect(byId(sessions, SESSION).tokens.total).toBe(5300)
  })

  it('reports empty, unreadable and unrecognized files and goes on', async () => {
    const d = workDir()
    mkdirSync(join(d, 'logs'))
    writeFileSync(join(d, 'logs', 'a-empty.jsonl'), '')
    writeFileSync(join(d, 'logs', 'b-notes.txt'), 'just some notes\n')
    copyFileSync(ROLLOUT, join(d, 'logs', 'c-rollout.jsonl'))
    const locked = join(d, 'logs', 'd-locked.jsonl')
    copyFileSync(ROLLOUT, locked)
    chmodSync(locked, 0o000)
    const { result, sessions } = await ingestOnce([join(d, 'logs')], join(d, 'db.sqlite'))
    const reasons = Object.fromEntries(result.errors.map((e) => [e.file.split('/').pop(), e.reason]))
    expect(reasons['a-empty.jsonl']).toBe('empty file')
    expect(reasons['b-notes.txt']).toMatch(/unrecognized format/)
    // root can read a 0o000 file; either way the run goes on.
    if (process.getuid?.() !== 0) expect(reasons['d-locked.jsonl']).toMatch(/unreadable/)
    expect(byId(sessions, SESSION).tokens.total).toBe(5300)
  })
})

describe('idempotent and incremental', () => {
  it('adds nothing when the same files are ingested again', async () => {
    const d = workDir()
    const db = join(d, 'db.sqlite')
    const first = await ingestOnce([join(fixtures, 'codex')], db)
    const second = await ingestOnce([join(fixtures, 'codex')], db)
    expect(second.result.events).toBe(0)
    expect(second.result.files).toBe(0)
    expect(second.result.unchanged_files).toBe(first.result.files)
    expect(second.sessions).toEqual(first.sessions)
  })

  it('reads a grown file from where it stopped, with the parser state it had', async () => {
    const d = workDir()
    const f = join(d, 'rollout-grow.jsonl')
    const db = join(d, 'db.sqlite')
    // Cut between the two copies of a duplicated usage row: the copy must still be recognized.
    const cut = lines.findIndex((l, i) => i > 0 && l.includes('"total_tokens":2650') && lines[i + 1]?.includes('"total_tokens":2650')) + 1
    writeFileSync(f, lines.slice(0, cut).join('\n') + '\n')
    const first = await ingestOnce([f], db)
    expect(byId(first.sessions, SESSION).tokens.total).toBe(2650)
    appendFileSync(f, lines.slice(cut).join('\n') + '\n')
    const second = await ingestOnce([f], db)
    expect(second.result.events).toBeGreaterThan(0)
    const s = byId(second.sessions, SESSION)
    expect(s.tokens.total).toBe(5300)
    expect(s.prompts).toBe(2)
    const whole = await ingestOnce([ROLLOUT], join(d, 'whole.sqlite'))
    const count = (p: string) => {
      const h = openStore(p)
      try {
        return (h.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n
      } finally {
        h.close()
      }
    }
    expect(count(db)).toBe(count(join(d, 'whole.sqlite')))
    expect(whole.sessions[0].tokens).toEqual(s.tokens)
  })

  it('reads a file rewritten in place again from the start', async () => {
    const d = workDir()
    const f = join(d, 'rollout-rewrite.jsonl')
    const db = join(d, 'db.sqlite')
    writeFileSync(f, lines.join('\n') + '\n')
    await ingestOnce([f], db)
    // A different session written over the same path.
    const other = readFileSync(join(fixtures, 'codex', 'exec-legacy-2025-09.jsonl'))
    writeFileSync(f, other)
    const second = await ingestOnce([f], db)
    expect(second.sessions).toHaveLength(1)
    expect(second.sessions[0].tokens.total).toBe(940)
  })

  it('numbers the prompts of a file rewritten in place from 1 again, leaving no turn of the old read behind', async () => {
    const d = workDir()
    const f = join(d, 'rollout-rewrite.jsonl')
    const dbPath = join(d, 'db.sqlite')
    writeFileSync(f, lines.join('\n') + '\n')
    await ingestOnce([f], dbPath)
    // The same session with its prompts edited: the file is read again whole, so its turns must be too.
    writeFileSync(f, lines.map((l) => l.replace('Refactor the parser', 'Rewrite the parser')).join('\n') + '\n')
    await ingestOnce([f], dbPath)
    const db = openStore(dbPath)
    try {
      const turns = db.prepare(`SELECT ordinal FROM turns WHERE session_id = ? ORDER BY ordinal`).all(SESSION) as { ordinal: number }[]
      const prompts = db.prepare(`SELECT COUNT(*) AS n FROM prompts WHERE session_id = ?`).get(SESSION) as { n: number }
      expect(turns.map((t) => t.ordinal)).toEqual(Array.from({ length: prompts.n }, (_, i) => i + 1))
    } finally {
      db.close()
    }
  })
})
