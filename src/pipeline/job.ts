import { mkdirSync } from 'node:fs'
import { ingestForRepo, type DiscoverResult } from '../discover/discover.js'
import { ingestPaths, type IngestOptions, type IngestResult } from '../ingest/ingest.js'
import { renderComment, type CommentWindow } from '../render/comment/index.js'
import type { Config } from '../config/schema.js'
import { exportSanitized } from '../redact/export.js'
import { emptyLateCheck, lateCheckOptions, mergeLate, renumbered } from '../redact/late/check.js'
import { FINDING_TAG_KINDS } from '../redact/engine-options.js'
import { IdentifierTags, redactionKey } from '../redact/hash.js'
import { lateCheckDatabase } from '../redact/late/database.js'
import { openLateMemo } from '../redact/late/memo.js'
import type { EngineOptions } from '../redact/types.js'
import type { ReportFormat } from '../render/index.js'
import { csvChunks } from '../render/csv.js'
import { htmlRegions } from '../render/html.js'
import { markdownChunks, markdownUnits } from '../render/markdown.js'
import type { Region } from '../render/region.js'
import type { FilterInput } from '../select/filters.js'
import type { LateCheck, Report, ReportMode } from '../select/report.js'
import { resolveScopeIn, type ScopeRequest } from '../scope/request.js'
import { openStore, type Db } from '../store/db.js'
import { fitToBudget, sameLateCheck, type FinalText } from './final-check.js'
import type { WrittenFile } from './file-out.js'
import { writeCheckedJson } from './json-file.js'
import { writeCheckedText, type CheckedText } from './text-file.js'
import { buildListedCommentReport, buildListedReport, selectReportFrame } from './report.js'
import type { FrameHead } from '../select/select.js'
import { SPILL_AT, SPILL_CHARS, SpillFile } from '../select/spill.js'
import { headsReport, type ListedReport } from '../select/session-list.js'
import { reportOnWorker, startReportWorker, type EarlyWorker } from './job-thread.js'
import { CommentFromFiles, filesCarryCommentTurns } from './comment-from-files.js'
import { COMMENT_BUDGET, COMMENT_CACHE_WINDOW, RELEASE_BUDGET } from './comment-window.js'
import { keepMemo, MAX_ENTRY_BYTES, memoEntry, memoKey, MemoFlow, replayed } from './job-memo.js'
import { removeLeftovers, StagedFiles } from '../output-folder.js'
import { openRenderParts } from './render-parts.js'

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
  /**
   * Which sessions the report is about. By default: with paths, the sessions of those paths
   * (whatever the working database holds from earlier runs); without, every session found.
   */
  scope?: ScopeRequest
  /** The last check's engine options; tests swap in detectors the structured pass does not have. */
  lateCheckOptions?: typeof lateCheckOptions
}

export interface JobResult {
  /**
   * The files' report. Its `sessions` are every session when the report was small enough to hold
   * them (`sessionsHeld`); a larger report's sessions were read a page at a time from a spill
   * file deleted since, and are left out here (`sessionIds` lists them).
   */
  report: Report
  sessionsHeld: boolean
  /** The report's sessions' ids, in its order. */
  sessionIds: string[]
  ingest: IngestResult | DiscoverResult
  /** Files written into `outDir`, by name. */
  files: string[]
  comment: string
  /** The section a release body gets: the comment's content under a release heading. */
  releaseSection: string
  summary: string
  /** Values redacted in everything published (the files and the comment, which always shows prompts). */
  redactions: number
  /** What the last check of the final files (and the sanitized database) found and redacted. */
  late: LateCheck
  /**
   * The job memo (src/pipeline/job-memo.ts): `replayed` when the files are an earlier run's
   * written again, `kept` when this run's were stored for the next, `none` otherwise.
   */
  memo: 'replayed' | 'kept' | 'none'
}

/** The job summary may hold 1 MiB per step; beyond that the runner drops it. */
const SUMMARY_LIMIT = 1_000_000

/**
 * The whole job short of publishing: ingest, select, redact, render, check the final texts once
 * more (docs/redaction.md, "The last check"), write. The Action and
 * `dry-run` both call this, so with the same inputs (and a pinned time) they write
 * byte-identical files. After the ingest, a job whose every input is the last job's into the same
 * folder writes that job's files again from the job memo (src/pipeline/job-memo.ts), at its own time.
 */
export async function runJob(o: JobOptions): Promise<JobResult> {
  const db = openStore(o.database)
  // The report's worker, started once a small ingest on this thread finds a file to read, so
  // that its start overlaps the rest of the ingest: not beside a large ingest, whose own worker's
  // heap it would add to, nor for a history that did not change, whose files the memo may replay.
  const early: { worker: EarlyWorker | null } = { worker: null }
  try {
    const progress = o.progress
    const ingestOptions: IngestOptions = {
      batchSize: o.config.defaults.batch_size,
      onProgress: progress && ((p) => progress.update(p.file, p.bytes)),
      // A test's own detectors are functions, which cannot cross to a worker.
      onFirstRead: () => void (early.worker ??= o.lateCheckOptions ? null : startReportWorker(db, o.mode))
    }
    const ingest = o.paths === null || o.scopePaths ? await ingestForRepo(db, o.repoDir, o.paths, ingestOptions) : await ingestPaths(db, o.paths, ingestOptions)
    progress?.finish()
    const job = reportRequest(o)
    removeLeftovers(job.outDir)
    // The memo's key is read before the report, which may close `db` (src/pipeline/job-memo.ts).
    const memo = memoWanted(o, db) ? memoKey({ job, db }) : null
    const replay = memo && replayed(job, memo, db, o.now ?? new Date())
    if (replay) return { ...replay, ingest, memo: 'replayed' }
    // The files a worker writes are read for the memo's entry as each is whole, while it goes on.
    const flow = memo && new MemoFlow(db, memo.outDir)
    // A test's own detectors are functions, which cannot cross to a worker.
    const reported =
      (o.lateCheckOptions ? null : await reportOnWorker(db, job, flow && ((name, path, now) => flow.whole(name, path, now)), early.worker)) ??
      reportHere(db, job, o.lateCheckOptions)
    const kept =
      memo !== null && keepMemo(o.database, memo, memoEntry(job, new Date(reported.report.generated_at), reported, MAX_ENTRY_BYTES, flow ?? undefined))
    return { ...reported, ingest, memo: kept ? 'kept' : 'none' }
  } finally {
    early.worker?.cancel()
    if (db.open) db.close()
  }
}

/** What the job after the ingest is told, from the job's options. */
export function reportRequest(o: JobOptions): ReportRequest {
  return {
    database: o.database,
    config: o.config,
    mode: o.mode,
    formats: o.formats,
    filters: o.filters,
    outDir: o.outDir,
    now: o.now,
    version: o.version,
    changedFiles: o.changedFiles,
    exportDatabase: o.exportDatabase,
    scope: o.scope ?? (o.paths === null ? { kind: 'all' } : { kind: 'paths', paths: o.paths })
  }
}

/**
 * Whether the job memo is used: not for a sanitized database (a copy of the whole store, caches
 * and all), nor a store in memory, nor a test's own last-check detectors (functions, which no key
 * can hold); `AI_LOG_TRAIL_JOB_MEMO=0` turns it off, for measuring the work it saves.
 */
function memoWanted(o: JobOptions, db: Db): boolean {
  return !o.exportDatabase && !o.lateCheckOptions && !db.memory && process.env.AI_LOG_TRAIL_JOB_MEMO !== '0'
}

/** What a job does after the ingest is told: everything it needs crosses to a worker thread as data. */
export type ReportRequest = Pick<
  JobOptions,
  'database' | 'config' | 'mode' | 'formats' | 'filters' | 'outDir' | 'now' | 'version' | 'changedFiles' | 'exportDatabase'
> & {
  scope: ScopeRequest
  /**
   * Told each report file once it is whole under its temporary name (`path`), with the report's
   * time: set by the report worker (job-worker.ts), which passes it on to the caller's thread for
   * the memo's entry (`MemoFlow`). Never part of what crosses to the worker.
   */
  onFileWhole?: (name: string, path: string, now: string) => void
}

export type ReportResult = Omit<JobResult, 'ingest' | 'memo'>

/**
 * The job after the ingest, on this thread: select, redact, render, check, write. Closes `db`
 * once the reports are redacted. A report of more than `spillOptions.at` sessions, or of more
 * than `spillOptions.chars` characters of turn text, is read back from a temporary file a page
 * at a time (src/select/spill.ts), deleted when this returns.
 */
export function reportHere(
  db: Db,
  o: ReportRequest,
  checkOptions: typeof lateCheckOptions = lateCheckOptions,
  spillOptions: { at?: number; parent?: string; chars?: number } = {}
): ReportResult {
  const spill = new SpillFile(spillOptions.at ?? SPILL_AT, spillOptions.parent, spillOptions.chars ?? SPILL_CHARS)
  try {
    return reportWith(db, o, checkOptions, spill)
  } finally {
    spill.close()
  }
}

function reportWith(db: Db, o: ReportRequest, checkOptions: typeof lateCheckOptions, spill: SpillFile): ReportResult {
  const { frame, exported } = scopedFrame(db, o)
  const { built, builtForComment, sessionIds } = redactedReports(db, o, frame, spill)
  db.close()
  mkdirSync(o.outDir, { recursive: true })
  // Every file is written under its temporary name and put into place once all are whole.
  const staged = new StagedFiles(o.outDir)
  try {
    const result = writeFiles(o, checkOptions, { built, builtForComment, sessionIds, exported }, staged)
    staged.commit()
    return result
  } finally {
    staged.abandon()
  }
}

function writeFiles(
  o: ReportRequest,
  checkOptions: typeof lateCheckOptions,
  { built, builtForComment, sessionIds, exported }: ReturnType<typeof redactedReports> & { exported: Set<string> | null },
  staged: StagedFiles
): ReportResult {
  // Each published report numbers its identifiers on its own (the files', the comment's, the
  // database copy's): the last check of each continues that report's numbers.
  const lateOptions = checkOptions(o.config, [...built.included, ...builtForComment.included], built.tags)
  let databaseCheck = emptyLateCheck()
  if (o.exportDatabase) {
    const path = staged.path(DATABASE_FILE)
    const tags = new IdentifierTags(redactionKey())
    exportSanitized(o.database, path, o.config, exported ?? undefined, tags)
    databaseCheck = lateCheckDatabase(path, renumbered(lateOptions, o.config, tags.numbering(FINDING_TAG_KINDS)), DATABASE_FILE)
  }
  // Opened after the database's check, as before: the memo is for the files' texts; the comment's options share it.
  const lateMemo = openLateMemo(o.database, lateOptions)
  const commentOptions = builtForComment.tags === built.tags ? lateOptions : renumbered(lateOptions, o.config, builtForComment.tags)
  const renderParts = openRenderParts(o.database, lateOptions, o.version)
  const publishable = (late: LateCheck | undefined, previous?: Map<string, WrittenFile>) =>
    finalTexts({
      ...o,
      report: withLate(built.report, late),
      forComment: withLate(builtForComment.report, late),
      window: builtForComment.window,
      lateOptions,
      commentOptions,
      databaseCheck,
      previous,
      pathOf: (name: string) => staged.path(name)
    })
  // The last check's findings are told in the files themselves, so the files are rendered again
  // with the note and checked again. Renderers are deterministic, so that pass finds what the
  // first did, unless the note made the comment re-fit; then the note is rendered anew. What of
  // the files reads nothing of the note (every session's part) is copied from the files as
  // written, with what the check found in it, rather than read back and rendered again.
  let final = publishable(undefined)
  for (let pass = 0; pass < 3 && final.late.total > 0; pass++) {
    const next = publishable(final.late, final.written)
    const settled = sameLateCheck(next.late, final.late)
    final = next
    if (settled) break
  }
  const written: string[] = []
  for (const t of final.texts) {
    if (t.name === RELEASE_SECTION) continue
    if (!t.written) staged.write(t.name, t.content)
    written.push(t.name)
  }
  if (o.exportDatabase) written.push(DATABASE_FILE)
  lateMemo?.save()
  renderParts?.save()
  const text = (name: string) => final.texts.find((t) => t.name === name)?.content ?? ''
  // A held report's sessions are an array; a spilled one's are read from a file deleted when this returns.
  const sessionsHeld = built.inMemory
  return {
    report: { ...final.report, sessions: sessionsHeld ? (final.report.sessions as Report['sessions']) : [] },
    sessionsHeld,
    sessionIds,
    files: written,
    comment: text('comment.md'),
    releaseSection: text(RELEASE_SECTION),
    summary: text('summary.md'),
    redactions: Math.max(built.report.redactions.total, builtForComment.report.redactions.total),
    late: final.late
  }
}

/**
 * The sessions' totals and usage, selected once for both reports, and the ids the sanitized
 * database keeps when one is asked for. The scope's object per session goes once the frame is
 * selected (the frame keeps each session's id and the scope's reasons): past this, nothing the
 * report holds of the scope grows with the sessions.
 */
function scopedFrame(db: Db, o: ReportRequest): { frame: FrameHead; exported: Set<string> | null } {
  const scope = resolveScopeIn(db, o.scope)
  const frame = selectReportFrame(db, { config: o.config, mode: o.mode, filters: o.filters, now: o.now, version: o.version, scope })
  return { frame, exported: o.exportDatabase ? new Set(scope.sessions.map((s) => s.id)) : null }
}

/**
 * The files' report and the comment's, redacted. Each report's sessions are selected and redacted
 * a session at a time, and a report of many is written to the spill file and read back a page at
 * a time: what is rendered holds only redacted text, and never every session at once. When the
 * files' report carries every turn the comment shows (`actions` and `full` modes), the comment's
 * report is made from its redacted sessions as they are made: the job selects and redacts once.
 */
function redactedReports(db: Db, o: ReportRequest, frame: FrameHead, spill: SpillFile) {
  // The comment always lists prompts with what was done under them, whatever the files' mode.
  // The comment shows at most a few hundred characters per field, so it carries 8 KiB of each:
  // a window far wider than what is shown. It holds only what a comment could show, so its
  // memory does not grow with the logs.
  const { maxFieldChars, budget } = COMMENT_CACHE_WINDOW
  if (filesCarryCommentTurns(o.mode, maxFieldChars)) {
    // Cut from the files' redacted text: a secret crossing the cut was redacted whole.
    const comment = new CommentFromFiles(spill, budget, maxFieldChars)
    const built = buildListedReport(db, { ...fileOptions(o, frame, spill), onSession: (s) => comment.add(s) })
    return { built, builtForComment: { ...comment.finish(built.report), included: [], tags: built.tags }, sessionIds: frame.ids }
  }
  const built = buildListedReport(db, fileOptions(o, frame, spill))
  // Selected and redacted on its own, a window at a time: a secret crossing the cut is still
  // whole where redaction looks, and an unterminated key block is redacted to the window's end.
  const builtForComment = buildListedCommentReport(db, {
    config: o.config,
    filters: o.filters,
    now: o.now,
    version: o.version,
    maxFieldChars,
    frame,
    spill,
    budget
  })
  return { built, builtForComment, sessionIds: frame.ids }
}

function fileOptions(o: ReportRequest, frame: FrameHead, spill: SpillFile) {
  return { config: o.config, mode: o.mode, filters: o.filters, now: o.now, version: o.version, frame, spill }
}

/** The name the release body's section is counted under; it is published, never written to a file. */
const RELEASE_SECTION = 'release notes'
const DATABASE_FILE = 'ai-log-trail.sqlite'
const JSON_FILE = 'report.json'
const MD_FILE = 'report.md'
const HTML_FILE = 'report.html'
const SUMMARY_FILE = 'summary.md'

/** A text to publish; `written` when it is already in its file (the JSON report, written as made). */
type Published = FinalText & { written?: boolean }

function withLate(report: ListedReport, late: LateCheck | undefined): ListedReport {
  return late ? { ...report, redactions: { ...report.redactions, late } } : report
}

interface FinalInput {
  /** Where file `name` is written: its temporary name in the output folder. */
  pathOf: (name: string) => string
  report: ListedReport
  forComment: ListedReport
  /** How much of its turns `forComment` holds. */
  window: CommentWindow
  formats: ReportFormat[]
  changedFiles?: string[] | null
  lateOptions: EngineOptions
  /** The last check's options for the comment and the release section: their tags continue the comment's report. */
  commentOptions: EngineOptions
  databaseCheck: LateCheck
  /** The files as the previous rendering wrote them, by name: their regions are copied. */
  previous?: Map<string, WrittenFile>
  onFileWhole?: ReportRequest['onFileWhole']
}

/**
 * Every text the job publishes, rendered and then checked once more with the run's detectors:
 * report files, comment, job summary, release section. The comment and the release section are
 * re-fitted when markers made them longer than their budget; a summary over its limit becomes the
 * comment.
 */
function finalTexts(i: FinalInput): { texts: Published[]; late: LateCheck; report: ListedReport; written: Map<string, WrittenFile> } {
  const written = new Map<string, WrittenFile>()
  const wrote = (name: string, w: WrittenFile | undefined) => {
    if (!w) return
    written.set(name, w)
    i.onFileWhole?.(name, w.path, i.report.generated_at)
  }
  const files: Published[] = []
  const fileChecks: LateCheck[] = []
  let markdown: (CheckedText & { written?: WrittenFile }) | undefined
  for (const format of i.formats) {
    // The JSON report is written (and checked) a session at a time as it is made: its text, the
    // largest of the files, is never held whole.
    if (format === 'json') {
      const json = writeCheckedJson(i.report, i.pathOf(JSON_FILE), i.lateOptions, JSON_FILE, i.previous?.get(JSON_FILE))
      fileChecks.push(json.check)
      wrote(JSON_FILE, json.written)
      files.push({ name: JSON_FILE, content: '', written: true })
      continue
    }
    // So are the Markdown report (a table page or a session's prompts at a time; what is kept of
    // it is the job summary's first candidate) and the HTML page (a session at a time).
    if (format === 'md') {
      markdown = writeCheckedText(markdownUnits(i.report), i.lateOptions, {
        path: i.pathOf(MD_FILE),
        name: MD_FILE,
        keepBytes: SUMMARY_LIMIT,
        previous: i.previous?.get(MD_FILE)
      })
      fileChecks.push(markdown.check)
      wrote(MD_FILE, markdown.written)
      files.push({ name: MD_FILE, content: '', written: true })
      continue
    }
    // Each format is written a part at a time; the CSV files' parts are a page of sessions or a
    // session's rows, and the check reads a CSV file a cell at a time.
    if (format === 'html') {
      const html = writeCheckedText(htmlRegions(i.report), i.lateOptions, {
        path: i.pathOf(HTML_FILE),
        name: HTML_FILE,
        previous: i.previous?.get(HTML_FILE)
      })
      fileChecks.push(html.check)
      wrote(HTML_FILE, html.written)
      files.push({ name: HTML_FILE, content: '', written: true })
      continue
    }
    // No CSV file reads the last check's note: each is one region, copied whole the second time.
    for (const [name, parts] of csvChunks(i.report)) {
      const region: Region<string> = { type: 'region', key: 'file', units: () => parts }
      const csv = writeCheckedText([region], i.lateOptions, { path: i.pathOf(name), name, previous: i.previous?.get(name) })
      fileChecks.push(csv.check)
      wrote(name, csv.written)
      files.push({ name, content: '', written: true })
    }
  }
  const checkedFiles = { texts: files, check: mergeLate(...fileChecks) }
  const comment = fitToBudget(
    (budget) => renderComment(i.forComment, { changedFiles: i.changedFiles, budget, window: i.window }),
    COMMENT_BUDGET,
    'comment.md',
    i.commentOptions
  )
  const release = fitToBudget(
    (budget) => renderComment(i.forComment, { title: 'AI assistance in this release', marker: false, budget, window: i.window }),
    RELEASE_BUDGET,
    RELEASE_SECTION,
    i.commentOptions
  )
  const summary = jobSummary(i, markdown, comment)
  return {
    texts: [...checkedFiles.texts, comment.text, { name: SUMMARY_FILE, content: summary.text }, release.text],
    late: mergeLate(i.databaseCheck, checkedFiles.check, comment.check, summary.check, release.check),
    report: i.report,
    written
  }
}

/** A check's counts under another file name (the summary that fell back to the comment's text). */
function renamed(check: LateCheck, from: string, to: string): LateCheck {
  const byFile = check.by_file[from]
  return byFile ? { total: check.total, by_file: { [to]: byFile } } : check
}

/**
 * The job summary: the Markdown report when it fits the limit, else the report in summary mode
 * (in the modes that show more), else the comment; each candidate read and checked only up to
 * the limit. Which candidate fits is told by its text as rendered, then as checked, as when the
 * candidates were rendered whole: a report whose markers take it over the limit becomes the
 * comment.
 */
function jobSummary(i: FinalInput, markdown: CheckedText | undefined, comment: { text: FinalText; check: LateCheck }): { text: string; check: LateCheck } {
  const candidate = (report: ListedReport) =>
    writeCheckedText(markdownChunks(report), i.lateOptions, { path: null, name: SUMMARY_FILE, format: '.md', keepBytes: SUMMARY_LIMIT })
  let summary = markdown ? { ...markdown, check: renamed(markdown.check, MD_FILE, SUMMARY_FILE) } : candidate(i.report)
  // A summary-mode report has no turns to leave out: rendered again it would be the same text.
  // No summary-mode renderer reads a session's turns, so the sessions are passed on as they are.
  if (summary.over === 'rendered' && i.report.mode !== 'summary') summary = candidate(headsReport({ ...i.report, mode: 'summary' }))
  if (summary.text !== null) return { text: summary.text, check: summary.check }
  return { text: comment.text.content, check: renamed(comment.check, 'comment.md', SUMMARY_FILE) }
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
