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
