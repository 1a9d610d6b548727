import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../config/schema.js'
import { redactReport, type RedactionRecord } from '../redact/policy.js'
import type { ReportFormat, ReportMode } from '../config/choices.js'
import { renderReport, type RenderedFile } from '../render/index.js'
import type { FilterInput } from '../select/filters.js'
import type { Report } from '../select/report.js'
import { selectReport } from '../select/select.js'
import type { Scope } from '../scope/types.js'
import type { Db } from '../store/db.js'
import { saveRedactions } from '../store/redactions.js'

export interface BuildReportOptions {
  config: Config
  mode?: ReportMode
  filters?: FilterInput
  now?: Date
  version?: string
  /** Longest text per field carried into the report (and so redacted); see SelectOptions. */
  maxFieldChars?: number
  /** The sessions the report is about, with why (see `select`); all the filters select when absent. */
  scope?: Scope
}

/**
 * select → redact: the only way a report object is made for publishing, so nothing rendered
 * from it can carry unredacted text. The redaction provenance is recorded in the store.
 */
export function buildReport(db: Db, opts: BuildReportOptions): { report: Report; records: RedactionRecord[]; included: string[] } {
  const c = opts.config
  const raw = selectReport(db, {
    mode: opts.mode ?? c.defaults.mode ?? 'summary',
    filters: { timezone: c.defaults.timezone, ...opts.filters },
    prices: c.pricing,
    now: opts.now,
    version: opts.version,
    maxFieldChars: opts.maxFieldChars,
    scope: opts.scope
  })
  const out = redactReport(raw, c)
  saveRedactions(db, out.records, (opts.now ?? new Date()).toISOString())
  return out
}

/** Renders a redacted report in each format and writes the files into a folder. */
export function writeReportFiles(report: Report, formats: ReportFormat[], outDir: string): RenderedFile[] {
  mkdirSync(outDir, { recursive: true })
  const files = formats.flatMap((f) => renderReport(report, f).files)
  for (const f of files) writeFileSync(join(outDir, f.name), f.content)
  return files
}
