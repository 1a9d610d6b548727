import { headsReport, type ListedReport } from '../select/session-list.js'
import type { Root, RootContent } from 'mdast'
import { details, emphasis, heading, label, paragraph, type TextOptions } from './md-nodes.js'
import { toMarkdown } from './md-stringify.js'
import { costNotes, filtersLine, footer, notableActions, sessionRowOf, sessionsTableOf, totalsLine } from './md-summary.js'
import { isSlot, sessionTableSlot, type MarkdownPart } from './md-slots.js'
import { defined, promptCounts, promptsSlot, TURNS_DEFAULTS } from './md-turns.js'
import { usageTableParts } from './md-usage.js'
import { plural } from './text.js'
import { flatUnits, type Region } from './region.js'

export { totalsLine, sessionsTable, notableActions, costNotes, footer, filtersLine } from './md-summary.js'
export { promptsList, promptCounts, sessionHeading, PRIVATE_PROMPT, TURNS_DEFAULTS, type TurnsOptions } from './md-turns.js'
export { usageTables, sessionUsageTable } from './md-usage.js'
export { toMarkdown } from './md-stringify.js'
export { details, OWN_HTML } from './md-nodes.js'

export interface MarkdownOptions {
  /** Longest log field shown; the rest is cut with a visible note. Default 4,000 characters. */
  maxFieldChars?: number
  /** Fields longer than this many characters are collapsed in `<details>`. Default 400. */
  detailsOver?: number
  /** Longest one-line preview of a prompt or action. Default 160 characters. */
  previewChars?: number
}

export const MARKDOWN_DEFAULTS = {
  maxFieldChars: TURNS_DEFAULTS.maxFieldChars,
  detailsOver: TURNS_DEFAULTS.detailsOver,
  previewChars: TURNS_DEFAULTS.previewChars
}

export const REPORT_TITLE = 'AI assistance report'

function resolved(opts: MarkdownOptions): TextOptions & { previewChars: number } {
  return { ...MARKDOWN_DEFAULTS, ...defined(opts) }
}

function promptsSection(report: ListedReport, o: TextOptions & { previewChars: number }, withActions: boolean): MarkdownPart[] {
  const c = promptCounts(report)
  const title = withActions ? 'Prompts and what the agent did' : 'Prompts'
  const count = c.private ? `${c.shown + c.private}, ${c.private} private` : `${c.shown}`
  return [heading(3, label(`${title} (${count})`)), promptsSlot(report, { ...o, withActions })]
}

/**
 * The whole report as mdast parts: summary first, then what the mode adds (prompts, the
 * grouped actions, token tables). What grows with the sessions is a slot (md-slots.ts), so the
 * report can be written whole (`markdownTree`) or a unit at a time (`markdownChunks`). Long
 * fields are collapsed and truncated; all log text is inert (see safe-text.ts).
 */
function markdownParts(report: ListedReport, opts: MarkdownOptions, pageRows?: number): MarkdownPart[] {
  const o = resolved(opts)
  // Only the prompts read a session's turns: every other part reads the sessions without them.
  const heads = headsReport(report)
  const nodes: MarkdownPart[] = [heading(2, label(REPORT_TITLE)), totalsLine(heads), ...filtersLine(heads)]
  if (!report.sessions.length) {
    nodes.push(paragraph(emphasis(label('No sessions match the filters.'))))
  } else {
    nodes.push(
      heading(3, label(`Sessions (${report.sessions.length})`)),
      // The rows read the sessions and the time zone alone: the summary candidate's table is report.md's.
      sessionTableSlot(heads.sessions, sessionsTableOf(heads), sessionRowOf(heads), pageRows, `sessions\0${heads.filters.timezone}`),
      ...costNotes(heads)
    )
    if (report.mode === 'summary' || report.mode === 'full') nodes.push(heading(3, label('Notable actions')), ...notableActions(heads))
    if (report.mode === 'prompts') nodes.push(...promptsSection(report, o, false))
    if (report.mode === 'actions' || report.mode === 'full') nodes.push(...promptsSection(report, o, true))
    if (report.mode === 'tokens') nodes.push(heading(3, label('Token usage')), ...usageTableParts(heads, pageRows))
    if (report.mode === 'full') {
      // In the full report the tables are reference material; keep them out of the reader's way.
      const [open, close] = details(`Usage by session, model, agent and day (${plural(report.sessions.length, 'session')})`, [])
      nodes.push(heading(3, label('Token usage')), open, ...usageTableParts(heads, pageRows), close)
    }
  }
  nodes.push({ type: 'thematicBreak' }, ...footer(heads))
  return nodes
}

/** The whole report as an mdast tree. */
export function markdownTree(report: ListedReport, opts: MarkdownOptions = {}): Root {
  return { type: 'root', children: markdownParts(report, opts).flatMap((p) => (isSlot(p) ? p.nodes() : [p])) }
}

/** The report as GitHub-flavoured Markdown (`report.md`). */
export function renderMarkdown(report: ListedReport, opts: MarkdownOptions = {}): string {
  return toMarkdown(markdownTree(report, opts))
}

/**
 * `renderMarkdown`'s text a unit at a time, so the text of a report of many sessions is never
 * held whole: the parts that do not grow with the sessions are stringified as one document with
 * a placeholder paragraph per slot, and each placeholder's line is replaced by the slot's units.
 * Top-level blocks are joined by one blank line whatever they are (see `groupsSlot`), so a
 * paragraph in a slot's place is joined as the slot's first and last blocks are. `pageRows`:
 * table rows per stringification (tests make it small).
 */
export function* markdownChunks(report: ListedReport, opts: MarkdownOptions = {}, pageRows?: number): Generator<string> {
  yield* flatUnits(markdownUnits(report, opts, pageRows))
}

/**
 * `markdownChunks`' units with each slot's units as a region (src/render/region.ts): no slot
 * reads the last check's note, which is in the footer.
 */
export function* markdownUnits(report: ListedReport, opts: MarkdownOptions = {}, pageRows?: number): Generator<string | Region<string>> {
  const parts = markdownParts(report, opts, pageRows)
  const slots = parts.filter(isSlot)
  const placeholder = (i: number) => `altslot${i}placeholder`
  const skeleton = toMarkdown(parts.map((p): RootContent => (isSlot(p) ? paragraph(label(placeholder(slots.indexOf(p)))) : p)))
  let at = 0
  for (let i = 0; i < slots.length; i++) {
    const line = `\n\n${placeholder(i)}\n`
    const found = skeleton.indexOf(line, at)
    if (found < 0) throw new Error('a Markdown slot lost its placeholder')
    yield skeleton.slice(at, found + 2)
    const slot = slots[i]
    yield { type: 'region', key: `slot${i}`, units: () => slot.texts() }
    at = found + line.length - 1
  }
  yield skeleton.slice(at)
}
