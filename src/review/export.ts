import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runJob, type JobOptions } from '../pipeline/job.js'
import type { ExportResult } from './server.js'

/**
 * The export button: exactly what `dry-run` runs (`runJob`, with the rules as they are now) into a
 * fresh temporary folder, and the files it wrote there, so the reviewer sees what would be published.
 */
export async function exportLikeDryRun(job: Omit<JobOptions, 'outDir'>): Promise<ExportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-log-trail-review-export-'))
  const r = await runJob({ ...job, outDir: dir })
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size }))
  return { dir, files, comment: r.comment, redactions: r.redactions }
}
