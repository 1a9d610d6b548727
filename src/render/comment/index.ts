import { firstSessions, type ListedReport } from '../../select/session-list.js'
import type { BlockContent, Nodes as Node, RootContent } from 'mdast'
import { emphasis, heading, inlineCode, joined, label, paragraph } from '../md-nodes.js'
import { toMarkdown } from '../md-stringify.js'
import { footer } from '../md-summary.js'
import { plural, sessionLabels } from '../text.js'
import { fitLevels, type Fitted, type Level } from './budget.js'
import { coverChangedFiles } from './changed-files.js'
import { collapsedDetailParts, type DetailOptions } from './detail.js'
import { leadSentence } from './lead.js'
import { COMMENT_MARKER, defuseMarkers } from './markers.js'
import { sessionBlock, type BlockOptions } from './session-block.js'
import { BLOCK_MIN_TEXT, FEW_PROMPTS, glanceOf, KEPT, MAX_BLOCKS, type CommentWindow, type Kept } from './window.js'

export { COMMENT_MARKER, defuseMarkers } from './markers.js'
export { markdownLength, textLength } from './budget.js'
export { coverChangedFiles, type ChangedFilesCoverage } from './changed-files.js'
export { CommentWindowBuilder, type CommentWindow } from './window.js'

/** GitHub rejects a comment body over 65,536 characters; keep room for the link line added when posting. */
export const COMMENT_LIMIT = 65_536
const BUDGET = COMMENT_LIMIT - 1_024

export interface CommentOptions {
  /** The pull request's changed files (paths relative to the repository root), when known. */
  changedFiles?: string[] | null
  /** Largest body, in characters (defaults to GitHub's limit less room for a link). */
  budget?: number
  /** The heading; a release section says "in this release". */
  title?: string
  /** Leave out the hidden marker (a release body section has its own markers). */
  marker?: boolean
  /** How much of the sessions' turns the report holds (see `CommentWindowBuilder`); all when absent. */
  window?: CommentWindow
}

const MAX_UNEDITED = 30
/** Sessions in the collapsed table once even the table is too long. */
const MAX_TABLE_ROWS = 50

function untouchedLine(files: string[]): BlockContent[] {
  if (!files.length) return []
  const shown = joined(
    files.slice(0, MAX_UNEDITED).map((f) => [inlineCode(f)]),
    ', '
  )
  const more = files.length > MAX_UNEDITED ? [label(` and ${files.length - MAX_UNEDITED} more`)] : []
  return [paragraph(label('Not edited by any session: '), ...shown, ...more, label('.'))]
}

function droppedNote(dropped: string): BlockContent[] {
  return dropped ? [paragraph(emphasis(label(`Shortened to fit a comment: ${dropped}. The full report has everything.`)))] : []
}

/**
 * Pieces built once and handed out again, but only once they were all built: a level given up
 * half way leaves nothing held.
 */
function reusable<T>(make: () => Iterable<T[]>): () => Iterable<T[]> {
  let whole: T[] | undefined
  return function* () {
    if (whole) return yield whole
    const parts: T[] = []
    for (const p of make()) {
      for (const x of p) parts.push(x)
      yield p
    }
    whole = parts
  }
}

/**
 * Pieces built as far as someone read them, and handed out again from the start: the next reader
 * gets what was built, then the rest as it is built. What is held is what was read, and a
 * layout's reading stops once it is over its budget.
 */
function resumable<T>(make: () => Iterable<T[]>): () => Iterable<T[]> {
  const built: T[][] = []
  let source: Iterator<T[]> | undefined
  let done = false
  return function* () {
    for (let i = 0; ; i++) {
      if (i < built.length) {
        yield built[i]
        continue
      }
      if (done) return
      source ??= make()[Symbol.iterator]()
      const next = source.next()
      if (next.done) {
        done = true
        return
      }
      built.push(next.value)
      yield next.value
    }
  }
}

/**
 * Session blocks by how they were built, per report: the comment and the release section try
 * the same layouts of the same sessions, so the second reads what the first built (a layout over
 * its budget leaves its blocks to the next that starts with them). Blocks depend on the report,
 * the window's glances, the changed files and the block options, and on nothing else.
 */
const blocksByReport = new WeakMap<
  ListedReport,
  { window: CommentWindow | undefined; changed: string[] | null; byOptions: Map<string, () => Iterable<BlockContent[]>> }[]
>()

function builtBlocks(report: ListedReport, window: CommentWindow | undefined, changed: string[] | null): Map<string, () => Iterable<BlockContent[]>> {
  let entries = blocksByReport.get(report)
  if (!entries) blocksByReport.set(report, (entries = []))
  let entry = entries.find((e) => e.window === window && e.changed === changed)
  if (!entry) entries.push((entry = { window, changed, byOptions: new Map() }))
  return entry.byOptions
}

/**
 * The layouts a comment can take, fullest first; each leaves out more than the one before, and
 * says what. Every one keeps the lead sentence, the unedited files and the footer.
 */
function levels(report: ListedReport, opts: CommentOptions): Level[] {
  const changed = opts.changedFiles ?? null
  const coverage = changed ? coverChangedFiles(report, changed) : null
  const head: BlockContent[] = [heading(3, label(opts.title ?? 'AI assistance in this pull request')), leadSentence(report, coverage)]
  const unedited = coverage ? untouchedLine(coverage.untouched) : []
  const idLabel = sessionLabels(report)
  const glances = opts.window?.glances
  const built = builtBlocks(report, opts.window, changed)
  const blocks = (o: BlockOptions, maxSessions = Infinity): Iterable<BlockContent[]> => {
    const key = `${o.maxPrompts}\0${o.previewChars}\0${o.maxFiles}\0${maxSessions}`
    let b = built.get(key)
    if (!b) built.set(key, (b = resumable(() => blocksOf(o, maxSessions))))
    return b()
  }
  function* blocksOf(o: BlockOptions, maxSessions: number): Generator<BlockContent[]> {
    for (const s of firstSessions(report.sessions, maxSessions)) yield sessionBlock(s, report, idLabel, changed, o, glances?.get(s.id) ?? glanceOf(s))
    const rest = report.sessions.length - maxSessions
    if (rest > 0) yield [paragraph(emphasis(label(`… and ${plural(rest, 'more session')}, in the table below.`)))]
  }
  // Built only when tried: a big report's levels that cannot fit are most of its comment time.
  const details = new Map<DetailOptions, () => Iterable<BlockContent[]>>()
  const detail = (d: DetailOptions) =>
    details.get(d) ??
    details
      .set(
        d,
        reusable(() => collapsedDetailParts(report, d))
      )
      .get(d)!
  const everySession = report.sessions.length * BLOCK_MIN_TEXT
  // A layout that needs more of the turns than the report holds cannot fit (see CommentWindowBuilder).
  const held = KEPT.indexOf(opts.window?.kept ?? 'actions')
  const layout = (needs: Kept, b: () => Iterable<BlockContent[]>, d: DetailOptions, dropped: string, lowerBound = everySession): Level => ({
    build: function* () {
      yield head
      yield* b()
      yield unedited
      yield* detail(d)()
      yield [...droppedNote(dropped), ...footer(report)]
    },
    dropped,
    lowerBound: KEPT.indexOf(needs) < held ? Infinity : needs === 'head' ? lowerBound : Math.max(lowerBound, opts.window?.bounds[needs] ?? 0)
  })
  const all: BlockOptions = { maxPrompts: Infinity, previewChars: 120, maxFiles: 4 }
  const few: BlockOptions = { maxPrompts: FEW_PROMPTS, previewChars: 100, maxFiles: 3 }
  const one: BlockOptions = { maxPrompts: 1, previewChars: 80, maxFiles: 2 }
  const table: DetailOptions = { prompts: 'none', previewChars: 0, maxSessions: Infinity }
  const allBlocks = () => blocks(all)
  return [
    layout('actions', allBlocks, { prompts: 'with-actions', previewChars: 160, maxSessions: Infinity }, ''),
    layout('prompts', allBlocks, { prompts: 'prompts', previewChars: 160, maxSessions: Infinity }, 'the tool calls under each prompt'),
    layout('lines', allBlocks, table, 'the prompts’ full text and tool calls'),
    layout('five', () => blocks(few), table, 'prompts past the fifth of a session, their full text and tool calls'),
    layout('first', () => blocks(one), table, 'every prompt but each session’s first, their full text and tool calls'),
    layout(
      'head',
      () => blocks(one, MAX_BLOCKS),
      { ...table, maxSessions: MAX_TABLE_ROWS },
      `sessions past the first ${MAX_BLOCKS} (and past the first ${MAX_TABLE_ROWS} in the table), prompts but each session’s first, tool calls`,
      0
    ),
    {
      build: () => [[...head, ...unedited, ...droppedNote('the sessions themselves: there are too many for a comment'), ...footer(report)]],
      dropped: 'the sessions themselves: there are too many for a comment'
    }
  ]
}

/** The layouts, for tests that their lower bounds hold. */
export { levels as commentLevels }

/** renderComment with the level it chose (0 is the fullest), for tests of the trimming. */
export function fitComment(report: ListedReport, opts: CommentOptions = {}): Fitted {
  const mark = opts.marker === false ? '' : `${COMMENT_MARKER}\n`
  const render = (nodes: Node[]) => `${mark}${defuseMarkers(toMarkdown(nodes as RootContent[]))}`
  return fitLevels(levels(report, opts), opts.budget ?? BUDGET, render, mark.length)
}

/**
 * The sticky PR comment: one sentence of totals and scope, then each session at a glance (who,
 * why it is here, the first line of each prompt, what it edited, ran and cost), the changed
 * files nobody edited, and the full detail collapsed; everything already redacted. Detail is
 * dropped level by level until the body fits GitHub's limit, with a note saying what went; the
 * full report is in the artifact.
 */
export function renderComment(report: ListedReport, opts: CommentOptions = {}): string {
  return fitComment(report, opts).body
}
