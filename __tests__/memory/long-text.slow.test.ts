import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, tmpDir } from '../helpers.js'

/*
 * The report runs on a worker thread whose heap is capped (src/pipeline/job-thread.ts). One text
 * read whole is one allocation that size, and when it is larger than the margin Node gives a
 * capped worker past its cap, V8 aborts the whole process, not the worker (exit 134, "Reached heap
 * limit"): a dry-run over a log whose one agent message was 40 MB did (32 MB passed). The texts a
 * report shows are now cut in SQL to the window it keeps (src/store/turn-events.ts). A
 * self-written Codex rollout: a prompt and an agent message of 40 MB each. Runs lib/ and bin/:
 * `npm test` builds them first.
 */

const dir = tmpDir('alt-long-text-')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function writeLog(mb: number): string {
  const logs = join(dir, 'logs')
  mkdirSync(logs, { recursive: true })
  const id = '0199a1b2-0000-7000-8000-0000000b16e5'
  const t0 = Date.UTC(2026, 2, 5, 9)
  const ts = (i: number) => new Date(t0 + i * 1000).toISOString()
  const long = (c: string) => c.repeat(mb << 20)
  const lines = [
    { timestamp: ts(0), type: 'session_meta', payload: { id, timestamp: ts(0), cwd: dir, originator: 'codex_cli_rs', cli_version: '0.61.0', source: 'cli' } },
    { timestamp: ts(0), type: 'event_msg', payload: { type: 'user_message', message: 'please ' + long('p'), images: [] } }
  ]
  for (let i = 1; i <= 20; i++)
    lines.push({ timestamp: ts(i), type: 'event_msg', payload: { type: 'agent_message', message: i === 7 ? 'done ' + long('m') : `step ${i}` } } as never)
  writeFileSync(join(logs, `rollout-2026-03-05T09-00-00-${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return logs
}

describe('a dry-run over a log with texts of 40 MB', () => {
  it('runs the report on its capped worker to the end, each text cut to what the report keeps', () => {
    const logs = writeLog(40)
    const out = join(dir, 'out')
    const r = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'bin', 'ai-log-trail.js'),
        'dry-run',
        logs,
        '--db',
        join(dir, 'db.sqlite'),
        '--out',
        out,
        '--quiet',
        '--mode',
        'full',
        '--formats',
        'md,json'
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', AI_LOG_TRAIL_JOB_WORKER: '1' }, timeout: 300_000, maxBuffer: 1 << 28 }
    )
    expect(r.stderr).not.toMatch(/Reached heap limit/)
    expect(r.status).toBe(0)
    const comment = readFileSync(join(out, 'comment.md'), 'utf8')
    expect(comment).toMatch(/please p{20}/)
    expect(comment.length).toBeLessThan(70_000)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      sessions: { turns: { prompt: { text: string }; actions: { text: string | null }[] }[] }[]
    }
    const turn = report.sessions[0].turns[0]
    // The full report keeps 64 Ki characters of a text.
    expect(turn.prompt.text.length).toBe(64 * 1024)
    expect(turn.actions.some((a) => a.text?.startsWith('done mmm') && a.text.length === 64 * 1024)).toBe(true)
  }, 300_000)
})
