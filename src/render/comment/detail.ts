import { firstSessions, someSession, type ListedReport } from '../../select/session-list.js'
import type { BlockContent } from 'mdast'
import { details } from '../md-nodes.js'
import { costNotes, sessionsTable } from '../md-summary.js'
import { promptsListParts } from '../md-turns.js'
import { whyHere } from './session-block.js'

export interface DetailOptions {
  /** The prompts (with or without their tool calls) below the table, or none. */
  prompts: 'with-actions' | 'prompts' | 'none'
  previewChars: number
  /** Sessions in the table; the rest are counted. */
  maxSessions: number
}

/** The collapsed reference a reviewer opens when the glance is not enough: every session, prompt and tool call. */
export function collapsedDetail(report: ListedReport, o: DetailOptions): BlockContent[] {
  return [...collapsedDetailParts(report, o)].flat()
}

/** `collapsedDetail` a piece at a time (the table, then each session's prompts), so a caller can stop early. */
export function* collapsedDetailParts(report: ListedReport, o: DetailOptions): Generator<BlockContent[]> {
  if (!report.sessions.length) return
  const shown = report.sessions.length > o.maxSessions ? { ...report, sessions: firstSessions(report.sessions, o.maxSessions) } : report
  const title = o.prompts === 'with-actions' ? 'Every session, prompt and tool call' : o.prompts === 'prompts' ? 'Every session and prompt' : 'Every session'
  const [open, close] = details(shown === report ? title : `${title} (the first ${o.maxSessions})`, [])
  // Without a scope every session is simply found; a column saying so on each row says nothing.
  const scoped = someSession(report.sessions, (s) => whyHere(s, report) !== '')
  yield [open, sessionsTable(shown, scoped ? { why: (s) => whyHere(s, report) || '—' } : {})]
  if (o.prompts !== 'none') {
    const withActions = o.prompts === 'with-actions'
    yield* promptsListParts(shown, { withActions, previewChars: o.previewChars, maxFieldChars: o.previewChars * 4, detailsOver: o.previewChars })
  }
  yield [...costNotes(report), close]
}
