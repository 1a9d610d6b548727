import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ingestForRepo, type DiscoverResult } from '../discover/discover.js'
import { ingestPaths, type IngestOptions, type IngestResult } from '../ingest/ingest.js'
import { renderComment } from '../render/comment/index.js'
import type { Config } from '../redact/config-schema.js'
import { exportSanitized } from '../redact/export.js'
import { renderMarkdown } from '../render/markdown.js'
import type { ReportFormat } from '../render/index.js'
import type { FilterInput } from '../select/filters.js'
import type { Report, ReportMode } from '../select/report.js'
import { openStore } from '../store/db.js'
import { buildReport, writeReportFiles } from './report.js'

export interface JobOptions {
  /** Working database (created if missing). */
  database: string
  /** Folder whose repository scopes discovery. */
  repoDir: string
  /** Log files or folders; null reads every agent's default places (scoped to the repository). */
  paths: string[] | null
  /** Scope explicit paths to the repository too. */
  scopePaths?: boolean
  config: Config
  mode: ReportMode
  formats: ReportFormat[]
  filters?: FilterInput
  outDir: string
  now?: Date
  version: string
  changedFiles?: string[] | null
  /** Also write a sanitized copy of the database (`ai-log-trail.sqlite`). */
  exportDatabase?: boolean
  /** Told how far the ingest has read each file, and when it is done (a progress line). */
  progress?: { update(file: string, bytes: number): void; finish(): void }
}

export interface JobResult {
  report: Report
  ingest: IngestResult | DiscoverResult
  /** Files written into `outDir`, by name. */
  files: string[]
  comment: string
  /** The section a release body gets: the comment's content under a release heading. */
  releaseSection: string
  summary: string
  /** Values redacted in everything published (the files and the comment, which always shows prompts). */
  redactions: number
}

const COMMENT_FIELD_CHARS = 8 * 1024

/** The job summary may hold 1 MiB per step; beyond that the runner drops it. */
const SUMMARY_LIMIT = 1_000_000

/**
 * The whole job short of publishing: ingest, select, redact, render, write. The Action and
 * `dry-run` both call this, so with the same inputs (and a pinned time) they write
 * byte-identical files.
 */
export async function runJob(o: JobOptions): Promise<JobResult> {
  const db = openStore(o.database)
  try {
    const progress = o.progress
    const ingestOptions: IngestOptions = { batchSize: o.config.defaults.batch_size, onProgress: progress && ((p) => progress.update(p.file, p.bytes)) }
    const ingest = o.paths === null || o.scopePaths ? await ingestForRepo(db, o.repoDir, o.paths, ingestOptions) : await ingestPaths(db, o.paths, ingestOptions)
    progress?.finish()
    const { report } = buildReport(db, { config: o.config, mode: o.mode, filters: o.filters, now: o.now, version: o.version })
    mkdirSync(o.outDir, { recursive: true })
    const written = writeReportFiles(report, o.formats, o.outDir).map((f) => f.name)
    // The comment always lists prompts with what was done under them, whatever the files' mode.
    // The comment shows at most a few hundred characters per field, so it carries (and redacts)
    // 8 KiB of each: a window far wider than what is shown, so a secret crossing the cut is still
    // whole where redaction looks, and an unterminated key block is redacted to the window's end.
    const forComment = buildReport(db, { config: o.config, mode: 'actions', filters: o.filters, now: o.now, version: o.version, maxFieldChars: COMMENT_FIELD_CHARS }).report
    const comment = renderComment(forComment, { changedFiles: o.changedFiles })
    const releaseSection = renderComment(forComment, { title: 'AI assistance in this release', marker: false, budget: 100_000 })
    let summary = renderMarkdown(report)
    if (Buffer.byteLength(summary) > SUMMARY_LIMIT) summary = renderMarkdown({ ...report, mode: 'summary', sessions: report.sessions.map((s) => ({ ...s, turns: [] })) })
    if (Buffer.byteLength(summary) > SUMMARY_LIMIT) summary = comment
    writeFileSync(join(o.outDir, 'comment.md'), comment)
    writeFileSync(join(o.outDir, 'summary.md'), summary)
    written.push('comment.md', 'summary.md')
    db.close()
    if (o.exportDatabase) {
      exportSanitized(o.database, join(o.outDir, 'ai-log-trail.sqlite'), o.config)
      written.push('ai-log-trail.sqlite')
    }
    return { report, ingest, files: written, comment, releaseSection, summary, redactions: Math.max(report.redactions.total, forComment.redactions.total) }
  } finally {
    if (db.open) db.close()
  }
}

/** A pinned report time: an explicit value, else SOURCE_DATE_EPOCH (the reproducible-builds convention). */
export function pinnedNow(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Date | undefined {
  if (explicit) {
    const d = new Date(explicit)
    if (Number.isNaN(d.getTime())) throw new Error(`not a date-time: ${explicit}`)
    return d
  }
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return undefined
}
