import type { BlockContent, Root, RootContent } from 'mdast'
import type { Report } from '../select/report.js'
import { details, emphasis, heading, label, paragraph, type TextOptions } from './md-nodes.js'
import { toMarkdown } from './md-stringify.js'
import { costNotes, filtersLine, footer, notableActions, sessionsTable, totalsLine } from './md-summary.js'
import { defined, promptCounts, promptsList, TURNS_DEFAULTS } from './md-turns.js'
import { usageTables } from './md-usage.js'
import { plural } from './text.js'

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

function promptsSection(report: Report, o: TextOptions & { previewChars: number }, withActions: boolean): BlockContent[] {
  const c = promptCounts(report)
  const title = withActions ? 'Prompts and what the agent did' : 'Prompts'
  const count = c.private ? `${c.shown + c.private}, ${c.private} private` : `${c.shown}`
  return [heading(3, label(`${title} (${count})`)), ...promptsList(report, { ...o, withActions })]
}

/**
 * The whole report as an mdast tree: summary first, then what the mode adds (prompts, the
 * grouped actions, token tables). Long fields are collapsed and truncated; all log text is
 * inert (see safe-text.ts).
 */
export function markdownTree(report: Report, opts: MarkdownOptions = {}): Root {
  const o = resolved(opts)
  const nodes: RootContent[] = [heading(2, label(REPORT_TITLE)), totalsLine(report), ...filtersLine(report)]
  if (!report.sessions.length) {
    nodes.push(paragraph(emphasis(label('No sessions match the filters.'))))
  } else {
    nodes.push(heading(3, label(`Sessions (${report.sessions.length})`)), sessionsTable(report), ...costNotes(report))
    if (report.mode === 'summary' || report.mode === 'full') nodes.push(heading(3, label('Notable actions')), ...notableActions(report))
    if (report.mode === 'prompts') nodes.push(...promptsSection(report, o, false))
    if (report.mode === 'actions' || report.mode === 'full') nodes.push(...promptsSection(report, o, true))
    if (report.mode === 'tokens') nodes.push(heading(3, label('Token usage')), ...usageTables(report))
    if (report.mode === 'full') {
      // In the full report the tables are reference material; keep them out of the reader's way.
      nodes.push(
        heading(3, label('Token usage')),
        ...details(`Usage by session, model, agent and day (${plural(report.sessions.length, 'session')})`, usageTables(report))
      )
    }
  }
  nodes.push({ type: 'thematicBreak' }, ...footer(report))
  return { type: 'root', children: nodes }
}

/** The report as GitHub-flavoured Markdown (`report.md`). */
export function renderMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  return toMarkdown(markdownTree(report, opts))
}
