import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { reportHere } from '../../src/pipeline/job.js'
import { partCounts } from '../../src/pipeline/render-parts.js'
import type { LateCheck } from '../../src/select/report.js'
import { openStore } from '../../src/store/db.js'

/**
 * Ingests `paths` into `database` and writes its full-mode report, every format, into `outDir`,
 * its sessions spilled as a large history's are (only a spilled list's sessions have parts), with
 * `env` set for the call; the last check's findings and the session parts met and made.
 */
export async function spilledFullReport(
  database: string,
  paths: string[],
  outDir: string,
  env: Record<string, string> = {}
): Promise<{ late: LateCheck; hits: number; misses: number }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    const db = openStore(database)
    await ingestPaths(db, paths)
    const spill = join(outDir, '..', 'spill')
    mkdirSync(spill, { recursive: true })
    partCounts.hits = 0
    partCounts.misses = 0
    const r = reportHere(
      db,
      {
        database,
        config: parseConfig('', 'default'),
        mode: 'full',
        formats: ['md', 'json', 'csv', 'html'],
        outDir,
        now: new Date('2026-12-01T00:00:00Z'),
        version: '0.0.0',
        scope: { kind: 'all' }
      },
      undefined,
      { at: 0, parent: spill, chars: 0 }
    )
    return { late: r.late, hits: partCounts.hits, misses: partCounts.misses }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** A recorder log line of session `sid`. */
export const record = (sid: string, seq: number, o: Record<string, unknown>) =>
  JSON.stringify({ v: 1, ts: `2026-03-05T09:${String(seq).padStart(2, '0')}:00.000Z`, session_id: sid, seq, pid: 4242, ...o })

/** A recorder session of one action per statement: a log whose parts grow with its statements. */
export const session = (sid: string, statements: string[]) =>
  [
    record(sid, 0, { type: 'session_start', format: 'ai-log-trail-recorder', agent: 'deploy-script', cwd: '/srv/deploy/shop' }),
    ...statements.map((statement, i) => record(sid, i + 1, { type: 'action', name: 'build', statement, metadata: { exit_code: 0 } })),
    record(sid, statements.length + 1, { type: 'session_end', summary: 'done', closed_by: 'end' })
  ].join('\n') + '\n'

/** About `n` characters of words that differ by `seed`. */
export const words = (n: number, seed: number) =>
  Array.from({ length: n / 8 }, (_, i) => `w${((i * 7919 + seed) % 99991).toString(36).padEnd(6, 'x')} `).join('')
