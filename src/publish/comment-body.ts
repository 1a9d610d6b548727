import type { BlockContent, Nodes as Node, PhrasingContent } from 'mdast'
import { costNotes, details, footer, promptsList, sessionsTable, toMarkdown, totalsLine } from '../render/markdown.js'
import { heading, inlineCode, joined, label, paragraph, strong } from '../render/md-nodes.js'
import { ZWJ } from '../render/safe-text.js'
import { shortIds } from '../render/text.js'
import type { Report } from '../select/report.js'
import { coverChangedFiles } from './changed-files.js'

/** Finds this tool's sticky comment; the version lets a future layout replace an older one. */
export const COMMENT_MARKER = '<!-- ai-log-trail:pr-comment v1 -->'
/** GitHub rejects a comment body over 65,536 characters; keep room for the link line added when posting. */
export const COMMENT_LIMIT = 65_536
const BUDGET = COMMENT_LIMIT - 1_024

/**
 * Log text that quotes one of this tool's hidden markers (the comment's, or the release
 * section's start and end) would be taken for the marker and end or restart a section. A
 * zero-width joiner inside the quote breaks the match and still reads the same; it is applied
 * to rendered Markdown, so the quote is caught whether it sits in text, code or a table.
 */
export function defuseMarkers(markdown: string): string {
  return markdown.replace(/(<!--\s*ai-log-trail):/g, `$1${ZWJ}:`)
}

export interface CommentOptions {
  /** The pull request's changed files (paths relative to the repository root), when known. */
  changedFiles?: string[] | null
  /** Largest body, in characters (defaults to GitHub's limit less room for a link). */
  budget?: number
  /** The heading; a release section says "in this release". */
  title?: string
  /** Leave out the hidden marker (a release body section has its own markers). */
  marker?: boolean
}

const MAX_LISTED_FILES = 30

function fileList(files: string[]): PhrasingContent[] {
  const shown = files.slice(0, MAX_LISTED_FILES)
  const parts = joined(shown.map((f) => [inlineCode(f)]), ', ')
  if (files.length > shown.length) parts.push(label(` … and ${files.length - shown.length} more`))
  return parts
}

function changedFilesBlock(report: Report, changed: string[]): BlockContent[] {
  const c = coverChangedFiles(report, changed)
  const ids = shortIds(report.sessions.map((s) => s.id))
  const out: BlockContent[] = [
    paragraph(strong(label(`Changed files touched by an agent: ${c.touched.length} of ${changed.length}`)), ...(c.touched.length ? [label(' — '), ...fileList(c.touched)] : []))
  ]
  if (c.untouched.length) out.push(paragraph(label('Not touched by any session: '), ...fileList(c.untouched)))
  if (c.sessionsTouchingNone.length && report.sessions.length)
    out.push(paragraph(label('Sessions that touched none of the changed files: '), ...joined(c.sessionsTouchingNone.map((id) => [inlineCode(ids(id))]), ', ')))
  return out
}

/**
 * The characters of text a tree holds: Markdown keeps every one of them and adds syntax and
 * escapes, so a level whose text alone is over the budget cannot fit.
 */
export function textLength(nodes: readonly Node[]): number {
  let n = 0
  const stack: Node[] = [...nodes]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('value' in node && typeof node.value === 'string') n += node.value.length
    if ('children' in node && Array.isArray(node.children)) stack.push(...(node.children as Node[]))
  }
  return n
}

/**
 * The sticky PR comment: what a reviewer sees at a glance (totals, one row per session, which
 * changed files agents touched, the prompts), everything already redacted. Detail is dropped
 * level by level until the body fits GitHub's limit; the full report is in the artifact.
 */
export function renderComment(report: Report, opts: CommentOptions = {}): string {
  const budget = opts.budget ?? BUDGET
  const head: BlockContent[] = [heading(3, label(opts.title ?? 'AI assistance in this pull request')), totalsLine(report)]
  const mark = opts.marker === false ? '' : `${COMMENT_MARKER}\n`
  const changed = opts.changedFiles ? changedFilesBlock(report, opts.changedFiles) : []
  const prompts = (withActions: boolean, previewChars: number) => {
    const body = promptsList(report, { withActions, previewChars, maxFieldChars: previewChars * 4, detailsOver: previewChars })
    return body.length ? details(`Prompts (${report.totals.prompts})`, body) : []
  }
  const levels: (() => BlockContent[])[] = [
    () => [...head, sessionsTable(report), ...changed, ...prompts(true, 160), ...costNotes(report), ...footer(report)],
    () => [...head, sessionsTable(report), ...changed, ...prompts(false, 160), ...costNotes(report), ...footer(report)],
    () => [...head, sessionsTable(report), ...changed, ...prompts(false, 60), ...footer(report)],
    () => [...head, sessionsTable(report), ...changed, ...footer(report)],
    () => [...head, sessionsTable({ ...report, sessions: report.sessions.slice(0, 50) }), paragraph(label(`(${Math.max(0, report.sessions.length - 50)} more sessions in the full report)`)), ...changed, ...footer(report)],
    () => [...head, paragraph(label('The session list is too long for a comment; see the full report.')), ...footer(report)]
  ]
  for (const level of levels) {
    const nodes = level()
    // Stringifying a level that cannot fit is most of a big report's comment time.
    if (mark.length + textLength(nodes) > budget) continue
    const body = `${mark}${defuseMarkers(toMarkdown(nodes))}`
    if (body.length <= budget) return body
  }
  return `${mark}${defuseMarkers(toMarkdown(head))}`
}
