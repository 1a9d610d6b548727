import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { fixtures, repoRoot, tmpDir, captureIo } from '../helpers.js'

const capture = captureIo

describe('CLI contract', () => {
  it('prints help and version', async () => {
    const io = capture()
    expect(await main(['--help'], io)).toBe(0)
    expect(io.stdout).toMatch(/Usage: ai-log-trail <command>/)
    expect(io.stdout).toMatch(/ingest/)
    expect(io.stdout).toMatch(/sessions/)
    const v = capture()
    expect(await main(['--version'], v)).toBe(0)
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version)
    for (const cmd of ['ingest', 'sessions']) {
      const h = capture()
      expect(await main([cmd, '--help'], h)).toBe(0)
      expect(h.stdout).toMatch(new RegExp(`Usage: ai-log-trail ${cmd}`))
    }
  })

  it('exits 2 with one line on stderr for usage errors', async () => {
    for (const argv of [
      ['ingest', '--nope', 'x'],
      ['ingest', '/does/not/exist'],
      ['ingest', '--repo', '/does/not/exist'],
      ['frobnicate'],
      ['sessions', '--db', '/does/not/exist.sqlite']
    ]) {
      const io = capture()
      expect(await main(argv, io)).toBe(2)
      expect(io.stderr.trim().split('\n')).toHaveLength(1)
      expect(io.stdout).toBe('')
    }
  })

  it('ingest --json prints the documented object and sessions --json the documented fields', async () => {
    const d = tmpDir()
    try {
      const db = join(d, 'cli.sqlite')
      const io = capture()
      expect(await main(['ingest', join(fixtures, 'codex'), '--db', db, '--json'], io)).toBe(0)
      const r = JSON.parse(io.stdout)
      expect(Object.keys(r)).toEqual(['files', 'sessions', 'events', 'skipped_lines', 'errors', 'format_warnings'])
      expect(r).toMatchObject({ files: 6, sessions: 6, skipped_lines: 0, errors: [], format_warnings: [] })
      const s = capture()
      expect(await main(['sessions', '--db', db, '--json'], s)).toBe(0)
      const sessions = JSON.parse(s.stdout) as Record<string, unknown>[]
      expect(sessions).toHaveLength(6)
      for (const x of sessions) {
        expect(Object.keys(x)).toEqual(
          expect.arrayContaining([
            'id',
            'agent',
            'agent_version',
            'models',
            'cwd',
            'repository',
            'branch',
            'started_at',
            'ended_at',
            'prompts',
            'tool_calls',
            'tokens'
          ])
        )
        expect(Object.keys(x.tokens as object)).toEqual(['input', 'cached_input', 'cache_write', 'output', 'reasoning_output', 'total'])
        expect(x.agent).toBe('codex')
      }
      const table = capture()
      expect(await main(['sessions', '--db', db], table)).toBe(0)
      expect(table.stdout).toMatch(/0199a1b2 +codex 0\.61\.0 +gpt-5\.1-codex, gpt-5\.1-codex-max/)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('the ai-log-trail binary', () => {
  // The system Node of these machines is 20; the project's own is 24 (node_modules/.bin/node).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (p) => existsSync(p) && Number(spawnSync(p, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) < 22
  )
  const maybe = oldNode ? it : it.skip

  maybe('on a Node older than 22 says which version it needs and exits 2', () => {
    const r = spawnSync(oldNode as string, [join(repoRoot, 'bin', 'ai-log-trail.js'), 'sessions'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/needs Node\.js 22 or newer; this is Node\.js 2\d\./)
  })
})

describe('terminal escape sequences in log text (issue #13)', () => {
  // A clipboard write (OSC 52), a screen clear, a C1 CSI and a bidi override, each of which a
  // terminal would act on; self-written, in a copy of a fixture's format.
  const OSC52 = '\x1b]52;c;aGVsbG8=\x07'
  const HOSTILE = `${OSC52}\x1b[2J\x9b31m\u202e`
  // eslint-disable-next-line no-control-regex
  const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/

  it('never reach the terminal from sessions, ingest problems or dry-run', async () => {
    const d = tmpDir()
    try {
      const legacy = readFileSync(join(fixtures, 'codex', 'exec-legacy-2025-09.jsonl'), 'utf8').split('\n')
      legacy[0] = legacy[0].replace('"gpt-5"', JSON.stringify(`gpt-5${HOSTILE}`))
      // A line the parser cannot read: its problem names the line's type.
      legacy.splice(2, 0, JSON.stringify({ type: `item.odd${HOSTILE}` }))
      const logs = join(d, 'logs')
      mkdirSync(logs)
      const file = join(logs, `exec-\x1b[2J.jsonl`)
      writeFileSync(file, legacy.join('\n'))
      copyFileSync(
        join(fixtures, 'codex', 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'),
        join(logs, 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl')
      )
      const db = join(d, 'cli.sqlite')
      const outputs: string[] = []
      for (const argv of [
        ['ingest', file, '--db', db],
        ['ingest', file, '--db', join(d, 'again.sqlite'), '--json'],
        ['sessions', '--db', db],
        ['sessions', '--db', db, '--json'],
        ['dry-run', logs, '--db', join(d, 'dry.sqlite'), '--out', join(d, 'out')]
      ]) {
        const io = capture()
        expect(await main(argv, io)).toBe(0)
        outputs.push(io.stdout + io.stderr)
      }
      const all = outputs.join('\n')
      expect(all).not.toMatch(RAW)
      // Shown, not dropped: the problem names the file and the event type with visible escapes.
      expect(outputs[0]).toContain('exec-\\u001b[2J.jsonl')
      expect(outputs[0]).toContain('item.odd\\u001b]52;c;aGVsbG8=\\u0007')
      expect(outputs[2]).toContain('\\u009b31m\\u202e')
      // JSON stays valid and means the same.
      expect(JSON.parse(outputs[3])[0].models.join()).toContain(`gpt-5${HOSTILE}`)
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
