import { mkdirSync } from 'node:fs'
import type { Config } from '../config/schema.js'
import { redactReport, reportRedactor, type RedactionRecord } from '../redact/policy.js'
import type { TagNumbering } from '../redact/hash.js'
import { redactionCache } from '../redact/cached-findings.js'
import { SessionCache, withTurns } from '../redact/cached-sessions.js'
import { FullSessionCache, fullSessionCounts } from '../redact/full-sessions.js'
import type { ReportFormat, ReportMode } from '../config/choices.js'
import { CommentWindowBuilder, type CommentWindow } from '../render/comment/index.js'
import { renderReport, type RenderedFile } from '../render/index.js'
import type { FilterInput } from '../select/filters.js'
import type { Report, SessionReport, Turn } from '../select/report.js'
import { selectFrame, selectFrameHead, selectReport, selectTurns, showsTurns, withSelectedTurns, type FrameHead, type SelectOptions } from '../select/select.js'
import type { ListedReport } from '../select/session-list.js'
import { SessionSink, sessionTexts, type SpillFile } from '../select/spill.js'
import type { FoundSession } from './comment-from-files.js'
import type { Scope } from '../scope/types.js'
import type { Db } from '../store/db.js'
import { removeLeftovers, StagedFiles } from '../output-folder.js'
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
  /**
   * The report's sessions, totals and usage, not yet redacted (`selectReportFrame` with the same
   * options): a job selects them once for its files and its comment, whose reports differ only
   * in mode and in the turns read under each session.
   */
  frame?: Report
}

/**
 * What the files' report and the comment's share: the sessions' totals and usage, and the
 * sessions read from the store as asked for (`selectFrameHead`), so neither holds them all.
 */
export function selectReportFrame(db: Db, opts: BuildReportOptions): FrameHead {
  return selectFrameHead(db, selectOptions(opts))
}

/**
 * `buildReport` a session at a time: each session of `frame` selected with its turns, redacted
 * and handed to `sink` (held, or written to the job's spill file past a few thousand), in
 * `redactReport`'s order, so the counts, tags and records are the same. The report's sessions
 * are then read back from the sink. `onSession` is given each redacted session as it is made
 * (the comment's report built from them, src/pipeline/comment-from-files.ts). A session unchanged
 * since a run under the same rules, mode and code is neither selected with its turns nor redacted:
 * its texts come from the store (`FullSessionCache`), the same the sink wrote then, and its
 * redaction's records and tags are replayed; it is handed to the sink and to `onSession` as those
 * texts, and parsed only if one of them needs its object.
 */
export function buildListedReport(
  db: Db,
  opts: Omit<BuildReportOptions, 'frame'> & {
    frame: FrameHead
    spill: SpillFile
    /** Given each session as redacted, or as found (`FoundSession`); may return a capture of it for the cache to keep. */
    onSession?: (s: SessionReport | FoundSession) => string | undefined | void
  }
): { report: ListedReport; included: string[]; tags: TagNumbering; inMemory: boolean } {
  const select = selectOptions(opts)
  const mode = select.mode ?? 'summary'
  const findings = redactionCache(db, opts.config)
  const redactor = reportRedactor(opts.config, undefined, findings)
  const sink = new SessionSink(opts.spill, true)
  const at = (opts.now ?? new Date()).toISOString()
  // Sessions unchanged since a run under the same rules come as redacted texts from the store.
  const cache = showsTurns(mode) ? FullSessionCache.open(db, opts.config, mode, select.maxFieldChars, findings) : null
  // The found sessions' JSON is read from their entries as the files are written, after this returns.
  if (cache) opts.spill.onClose(() => cache.close())
  let sinceSave = 0
  for (const framed of opts.frame.sessions()) {
    const found = cache?.lookup(framed)
    const entry = found?.entry
    if (cache && entry && redactor.replay(framed, entry.notes)) {
      // Written to the spill as its stored texts, and parsed only if something needs the object;
      // the comment first, as the sink gives the texts' bytes back once it wrote them.
      opts.onSession?.(entry)
      sink.add(entry)
      cache.used(entry)
      fullSessionCounts.hits++
    } else {
      if (found) {
        entry?.release?.()
        redactor.note()
        cache?.note()
      }
      const s = showsTurns(mode) ? withSelectedTurns(db, framed, mode, select.maxFieldChars) : framed
      const redacted = redactor.session(
        s,
        s.turns.map((t) => redactor.turn(s, t))
      )
      if (cache && found) {
        const texts = sessionTexts(redacted)
        sink.add(texts)
        const capture = opts.onSession?.(redacted)
        cache.put(framed, found.key, texts, redactor.takeNoted(), capture || undefined)
      } else {
        sink.add(redacted)
        opts.onSession?.(redacted)
      }
      fullSessionCounts.misses++
    }
    // Between sessions: no provenance row spans two, so rows saved apart are the rows saved whole.
    if (++sinceSave >= RECORDS_PAGE) {
      saveRedactions(db, redactor.takeRecords(), at)
      cache?.write()
      sinceSave = 0
    }
  }
  saveRedactions(db, redactor.takeRecords(), at)
  cache?.save()
  const report = redactor.finish({ ...opts.frame.head, mode }, [])
  return { report: { ...report, sessions: sink.sessions() }, included: redactor.included, tags: redactor.tagNumbering(), inMemory: sink.inMemory }
}

/**
 * select → redact: the only way a report object is made for publishing, so nothing rendered
 * from it can carry unredacted text. The redaction provenance is recorded in the store.
 */
export function buildReport(db: Db, opts: BuildReportOptions): { report: Report; records: RedactionRecord[]; included: string[]; tags: TagNumbering } {
  const select = selectOptions(opts)
  const out = redactReport(
    selectReport(db, select, opts.frame && { ...opts.frame, mode: select.mode ?? 'summary' }),
    opts.config,
    undefined,
    redactionCache(db, opts.config)
  )
  saveRedactions(db, out.records, (opts.now ?? new Date()).toISOString())
  return out
}

function selectOptions(opts: Omit<BuildReportOptions, 'frame'>): SelectOptions {
  const c = opts.config
  return {
    mode: opts.mode ?? c.defaults.mode ?? 'summary',
    filters: { timezone: c.defaults.timezone, ...opts.filters },
    prices: c.pricing,
    now: opts.now,
    version: opts.version,
    maxFieldChars: opts.maxFieldChars,
    scope: opts.scope
  }
}

/** Turns redacted between two saves of their provenance rows (saved between sessions). */
const RECORDS_PAGE = 2_000

/**
 * The comment's report, in `actions` mode: select → redact as `buildReport` does, but a session
 * and a turn at a time, keeping only the turns a comment of at most `budget` characters could
 * show (`CommentWindowBuilder`), so a log of any size is never held whole. Every turn is still
 * redacted, so the counts and identifier tags are those of the whole report.
 */
export function buildCommentReport(
  db: Db,
  opts: Omit<BuildReportOptions, 'mode'> & { budget: number }
): { report: Report; window: CommentWindow; included: string[]; tags: TagNumbering } {
  const select = selectOptions({ ...opts, mode: 'actions' })
  const frame: Report = opts.frame ? { ...opts.frame, mode: 'actions' } : selectFrame(db, select)
  const sessions: SessionReport[] = []
  const built = redactComment(db, opts, frame, frame.sessions, (s) => sessions.push(s))
  return { report: { ...built.report, sessions }, window: built.window, included: built.included, tags: built.tags }
}

/** `buildCommentReport` over a `FrameHead`, its sessions handed to a sink (held, or spilled past a few thousand). */
export function buildListedCommentReport(
  db: Db,
  opts: Omit<BuildReportOptions, 'mode' | 'frame'> & { budget: number; frame: FrameHead; spill: SpillFile }
): { report: ListedReport; window: CommentWindow; included: string[]; tags: TagNumbering } {
  const sink = new SessionSink(opts.spill)
  const built = redactComment(db, opts, { ...opts.frame.head, mode: 'actions' }, opts.frame.sessions(), (s) => {
    // The window keeps trimming a session's turns after it is added: a spilled session is
    // written without them and given back the window's array when read (no array is kept for
    // the sessions whose turns the window let go of).
    sink.add(sink.inMemory ? s : { ...s, turns: [] })
  })
  const sessions = sink.sessions((s, i) => ({ ...s, turns: built.turnsAt(i) }))
  return { report: { ...built.report, sessions }, window: built.window, included: built.included, tags: built.tags }
}

function redactComment(
  db: Db,
  opts: Omit<BuildReportOptions, 'mode' | 'frame'> & { budget: number },
  frame: Report,
  framed: Iterable<SessionReport>,
  add: (s: SessionReport) => void
): { report: Report; window: CommentWindow; included: string[]; tags: TagNumbering; turnsAt: (index: number) => Turn[] } {
  const select = selectOptions({ ...opts, mode: 'actions' })
  const redactor = reportRedactor(opts.config, undefined, redactionCache(db, opts.config))
  const window = new CommentWindowBuilder(opts.budget)
  const at = (opts.now ?? new Date()).toISOString()
  // Sessions unchanged since a run under the same rules come whole from the session cache.
  const cache = SessionCache.open(db, opts.config, { maxFieldChars: select.maxFieldChars, budget: opts.budget })
  let sinceSave = 0
  const saveNow = () => {
    saveRedactions(db, redactor.takeRecords(), at)
    cache?.write()
    sinceSave = 0
  }
  const redact = (s: SessionReport): SessionReport => {
    const found = cache?.lookup(s)
    const turns = window.begin(s.id)
    const entry = found?.entry
    if (entry && window.holdsAtMost(entry.level) && redactor.replay(s, entry.notes)) {
      for (const [facts, held] of entry.turns) window.addKnown(facts, held)
      sinceSave += entry.notes.records.length
      if (++sinceSave >= RECORDS_PAGE) saveNow()
      return withTurns(entry, turns)
    }
    const capture = cache && found ? cache.capture(window.kept) : undefined
    if (capture) redactor.note()
    for (const t of selectTurns(db, s.id, true, select.maxFieldChars)) {
      const redactedTurn = redactor.turn(s, t)
      window.add(redactedTurn)
      capture?.add(redactedTurn)
      sinceSave++
    }
    const redacted = redactor.session(s, turns)
    if (cache && found && capture) cache.put(s, found.key, redacted, redactor.takeNoted(), capture)
    // Not while the session's turns are read: the connection is busy until they are.
    if (++sinceSave >= RECORDS_PAGE) saveNow()
    return redacted
  }
  for (const s of framed) add(redact(s))
  saveNow()
  cache?.save()
  const report = redactor.finish(frame, [])
  return { report, window: window.window(), included: redactor.included, tags: redactor.tagNumbering(), turnsAt: (i) => window.turnsAt(i) }
}

/**
 * Renders a redacted report in each format and writes the files into a folder, each under its
 * temporary name until all are whole (src/output-folder.ts).
 */
export function writeReportFiles(report: Report, formats: ReportFormat[], outDir: string): RenderedFile[] {
  mkdirSync(outDir, { recursive: true })
  const files = formats.flatMap((f) => renderReport(report, f).files)
  for (const f of files) removeLeftovers(outDir, f.name)
  const staged = new StagedFiles(outDir)
  try {
    for (const f of files) staged.write(f.name, f.content)
    staged.commit()
  } finally {
    staged.abandon()
  }
  return files
}
