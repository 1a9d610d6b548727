import { afterAll, beforeAll, expect } from '@jest/globals'
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { reportHere, type ReportRequest } from '../../src/pipeline/job.js'
import { openStore } from '../../src/store/db.js'
import { fixtures, tmpDir } from '../helpers.js'

/** Every file a full-mode job writes, comment and summary included. */
export const FILES = ['report.md', 'report.json', 'sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv', 'report.html', 'comment.md', 'summary.md']
/** A codex fixture whose log the tests grow. */
export const CHANGED = 'rollout-2026-03-03T11-00-00-0199a1b2-0000-7000-8000-00000000c0de.jsonl'
/** A codex fixture held back, to appear later as a new session. */
export const LATER = 'rollout-2026-06-10T10-00-00-01a0c0de-2026-7000-8000-0000000000e2.jsonl'

/** A codex `user_message` line. */
export const line = (ts: string, message: string) =>
  JSON.stringify({ timestamp: ts, type: 'event_msg', payload: { type: 'user_message', message, images: [] } }) + '\n'

export type Extra = Partial<Pick<ReportRequest, 'config' | 'filters' | 'mode' | 'exportDatabase'>>

/** A cache's counters, which `run` zeroes before each report and reads after it. */
export interface Counts {
  hits: number
  misses: number
}

/**
 * Copies of the Claude Code and Codex fixtures in a folder of their own (`LATER` held aside in
 * `aside`), made before the file's tests and removed after them, `run`: ingest the copies into
 * `database` and write the full report of every format, spilled as a large history's is unless
 * `spilled` is false, with `env` set for the call; the files by name and `counts` as it left them.
 */
export function fullRunFixture(prefix: string, counts: Counts) {
  const dir = tmpDir(prefix)
  const logs = join(dir, 'logs')
  const aside = join(dir, 'aside')
  const spillTmp = join(dir, 'spill')
  const kept = join(dir, 'kept.sqlite')
  beforeAll(() => {
    mkdirSync(spillTmp, { recursive: true })
    cpSync(join(fixtures, 'claude-code'), join(logs, 'claude-code'), { recursive: true })
    cpSync(join(fixtures, 'codex'), join(logs, 'codex'), { recursive: true })
    cpSync(join(logs, 'codex', LATER), join(aside, LATER))
    rmSync(join(logs, 'codex', LATER))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let runs = 0

  async function run(
    database: string,
    extra: Extra = {},
    env: Record<string, string> = {},
    spilled = true
  ): Promise<{ files: Record<string, string>; hits: number; misses: number; out: string }> {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
    Object.assign(process.env, env)
    try {
      const db = openStore(database)
      await ingestPaths(db, [join(logs, 'claude-code'), join(logs, 'codex')])
      const out = join(dir, `out-${runs++}`)
      counts.hits = 0
      counts.misses = 0
      reportHere(
        db,
        {
          database,
          config: parseConfig('', 'default'),
          mode: 'full',
          formats: ['md', 'json', 'csv', 'html'],
          outDir: out,
          now: new Date('2026-01-01T00:00:00Z'),
          version: '0.0.0',
          scope: { kind: 'all' },
          ...extra
        },
        undefined,
        // Only a spilled list's sessions have digests (the render parts' keys).
        spilled ? { at: 0, parent: spillTmp, chars: 0 } : undefined
      )
      const files = Object.fromEntries(FILES.map((n) => [n, readFileSync(join(out, n), 'utf8')]))
      return { files, hits: counts.hits, misses: counts.misses, out }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  }

  /**
   * The files of `kept` with the full sessions' cache off: what the code before that cache wrote.
   * (A fresh store is not the same: the events' ids, which the report shows, are in the order the
   * store met them.)
   */
  async function fresh(extra: Extra = {}, env: Record<string, string> = {}, spilled = true): Promise<Record<string, string>> {
    const off = await run(kept, extra, { ...env, AI_LOG_TRAIL_FULL_SESSIONS: '0' }, spilled)
    expect(off.hits).toBe(0)
    return off.files
  }

  return { dir, logs, aside, kept, run, fresh }
}
