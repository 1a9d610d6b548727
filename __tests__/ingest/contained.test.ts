import { afterEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { openStore } from '../../src/store/db.js'
import { listSessions } from '../../src/store/queries.js'
import { byId, fixtures, repoRoot, tmpDir } from '../helpers.js'

/*
 * A value a parser cannot take is a problem of its line, never of its file: the read goes on.
 * The inputs are the committed fixtures with one value changed at test time.
 */

const ROLLOUT = join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
const SESSION = '0199a1b2-0000-7000-8000-00000000c0de'
const rollout = readFileSync(ROLLOUT, 'utf8').trimEnd().split('\n')
/** Line 8 of the rollout is its first usage row with counts (and rate limits). */
const USAGE_LINE = 8

const CLAUDE = join(fixtures, 'claude-code', 'projects', '-home-dev-demo', '44444444-4444-4444-8444-444444444444.jsonl')
const claude = readFileSync(CLAUDE, 'utf8').trimEnd().split('\n')

const dirs: string[] = []
function workDir(): string {
  const d = tmpDir()
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function withUsageLine(
  edit: (o: { payload: { info: Record<string, Record<string, number>>; rate_limits: Record<string, Record<string, number>> } }) => void
): string[] {
  const lines = [...rollout]
  const o = JSON.parse(lines[USAGE_LINE - 1])
  edit(o)
  lines[USAGE_LINE - 1] = JSON.stringify(o)
  return lines
}

async function ingestLines(name: string, lines: string[]) {
  const d = workDir()
  mkdirSync(join(d, 'logs'))
  const f = join(d, 'logs', name)
  writeFileSync(f, lines.join('\n') + '\n')
  const db = openStore(join(d, 'db.sqlite'))
  try {
    const result = await ingestPaths(db, [f])
    return {
      f,
      d,
      result,
      sessions: listSessions(db),
      rateLimits: db.prepare('SELECT windows FROM rate_limit_messages ORDER BY event_id').all() as { windows: string }[]
    }
  } finally {
    db.close()
  }
}

describe('a value a parser cannot take', () => {
  it('a reset time out of the range of dates is null, and the line and the rest of the file are kept', async () => {
    const clean = await ingestLines('rollout-clean.jsonl', rollout)
    const { result, sessions, rateLimits } = await ingestLines(
      'rollout-odd.jsonl',
      withUsageLine((o) => (o.payload.rate_limits.primary.resets_at = 1e20))
    )
    expect(result.errors).toEqual([])
    expect(byId(sessions, SESSION)).toEqual(byId(clean.sessions, SESSION))
    expect(rateLimits.length).toBe(clean.rateLimits.length)
    const windows = rateLimits.map((r) => JSON.parse(r.windows) as { resets_at: string | null }[])
    expect(windows.some((w) => w[0]?.resets_at === null)).toBe(true)
  })

  it('a line whose JSON nests too deep for the parser is a problem of that line; the file goes on', async () => {
    const at = claude.findIndex((l) => l.includes('"tool_use"'))
    const o = JSON.parse(claude[at])
    o.message.content[0].input = '@@DEEP@@'
    const depth = 5000
    const deep = [...claude]
    deep[at] = JSON.stringify(o).replace('"@@DEEP@@"', '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth))
    const clean = await ingestLines('44444444-4444-4444-8444-444444444444.jsonl', claude)
    const { f, result, sessions } = await ingestLines('44444444-4444-4444-8444-444444444444.jsonl', deep)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({ file: f, line: at + 1 })
    expect(result.errors[0].reason).toMatch(/^line not read: /)
    // Every later line is read: the prompts and the tokens of the lines after it are all there.
    const got = byId(sessions, '44444444-4444-4444-8444-444444444444')
    const want = byId(clean.sessions, '44444444-4444-4444-8444-444444444444')
    expect(got.prompts).toBe(want.prompts)
    expect(clean.result.events - result.events).toBeGreaterThan(0)
    expect(clean.result.events - result.events).toBeLessThanOrEqual(3)
  })

  describe.each([
    ['negative', -1],
    ['fractional', 0.5],
    ['absurd', 1e16]
  ])('a %s token count', (_, value) => {
    it('is a problem of its line with file and line, left out of the totals, and the run goes on', async () => {
      const clean = await ingestLines('rollout-clean.jsonl', rollout)
      const { f, result, sessions } = await ingestLines(
        'rollout-odd.jsonl',
        withUsageLine((o) => (o.payload.info.last_token_usage.input_tokens = value))
      )
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatchObject({ file: f, line: USAGE_LINE })
      expect(result.errors[0].reason).toMatch(/^token count out of range/)
      const s = byId(sessions, SESSION)
      for (const v of Object.values(s.tokens)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true)
      expect(s.tokens.total).toBeLessThanOrEqual(byId(clean.sessions, SESSION).tokens.total)
      expect(s.prompts).toBe(byId(clean.sessions, SESSION).prompts)
    })

    it('does not fail a dry-run (a Codex and a Claude Code log, each with the value)', () => {
      const d = workDir()
      mkdirSync(join(d, 'logs'))
      const lines = withUsageLine((o) => (o.payload.info.last_token_usage.input_tokens = value))
      writeFileSync(join(d, 'logs', 'rollout-odd.jsonl'), lines.join('\n') + '\n')
      const at = claude.findIndex((l) => l.includes('"usage"'))
      const o = JSON.parse(claude[at])
      o.message.usage.output_tokens = value
      writeFileSync(
        join(d, 'logs', '44444444-4444-4444-8444-444444444444.jsonl'),
        [...claude.slice(0, at), JSON.stringify(o), ...claude.slice(at + 1)].join('\n') + '\n'
      )
      const r = spawnSync(
        process.execPath,
        [join(repoRoot, 'bin', 'ai-log-trail.js'), 'dry-run', join(d, 'logs'), '--out', join(d, 'out'), '--db', join(d, 'db.sqlite')],
        { encoding: 'utf8' }
      )
      expect(r.stderr).not.toMatch(/ZodError|invalid/i)
      expect(r.status).toBe(0)
    })
  })
})

describe('a file of malformed lines', () => {
  it('counts every one and lists only the first hundred, so memory and output stay bounded', async () => {
    const d = workDir()
    const f = join(d, 'rollout-junk.jsonl')
    const junk = 1_000_000
    // A real head so the file is recognized, then a million lines that are not JSON.
    writeFileSync(f, rollout.slice(0, 5).join('\n') + '\n' + 'x\n'.repeat(junk) + rollout.slice(5).join('\n') + '\n')
    const db = openStore(join(d, 'db.sqlite'))
    try {
      const result = await ingestPaths(db, [f])
      expect(result.skipped_lines).toBe(junk)
      expect(result.errors).toHaveLength(101)
      expect(result.errors.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, i) => ({ file: f, line: 6 + i, reason: 'malformed JSON' })))
      expect(result.errors[100]).toEqual({
        file: f,
        line: null,
        reason: `${junk - 100} more problem(s) not listed (only the first 100 of a file are): ${junk - 100} × malformed JSON`
      })
      expect(JSON.stringify(result).length).toBeLessThan(20_000)
      expect((db.prepare('SELECT COUNT(*) AS n FROM ingest_errors').get() as { n: number }).n).toBe(101)
      // The lines after the junk are read.
      expect(byId(listSessions(db), SESSION).tokens.total).toBe(5300)
    } finally {
      db.close()
    }
  })
})
