import type { ListedReport } from '../../select/session-list.js'
import type { BlockContent, ListItem, PhrasingContent } from 'mdast'
import { describeReason } from '../../scope/describe.js'
import type { SessionReport, Turn } from '../../select/report.js'
import { emphasis, inlineCode, joined, label, list, listItem, logCell, logLine, paragraph, preview, strong } from '../md-nodes.js'
import { PRIVATE_PROMPT } from '../md-turns.js'
import { agentName, formatSpan, plural, sessionCost, sessionTokens, UNKNOWN } from '../text.js'
import { changedFileOf } from './changed-files.js'
import { glanceOf, type SessionGlance } from './window.js'

export interface BlockOptions {
  /** Prompts listed per session; the rest are counted. */
  maxPrompts: number
  /** Longest first line of a prompt. */
  previewChars: number
  /** Edited files named per session; the rest are counted. */
  maxFiles: number
}

/** `**Codex · gpt-5.1-codex** · `0199aaaa` ↩ resumes `d1d1d1d1` · _Fix the parser_ · 2026-03-03 10:00–11:30 · branch feat/x` */
function headLine(s: SessionReport, report: ListedReport, idLabel: (id: string) => string): PhrasingContent[] {
  const who = s.models.length ? `${agentName(s.agent)} · ${s.models.join(', ')}` : agentName(s.agent)
  const id: PhrasingContent[] = [inlineCode(idLabel(s.id))]
  if (s.parent_id) {
    const rel =
      s.parent_relation === 'resume'
        ? label('↩ resumes')
        : s.parent_relation === 'fork'
          ? label('⑂ forks')
          : logCell(`↳ ${s.parent_relation ?? 'continues'}`, 40)
    id.push(label(' '), rel, label(' '), inlineCode(idLabel(s.parent_id)))
  }
  const parts: PhrasingContent[][] = [[strong(logCell(who, 80))], id]
  if (s.title) parts.push([emphasis(logCell(s.title, 80))])
  const when = formatSpan(s.started_at, s.ended_at, report.filters.timezone)
  if (when) parts.push([logLine(when)])
  const why = whyHere(s, report)
  if (why) parts.push([logLine(why)])
  return joined(parts, ' · ')
}

/** Each reason the session is in the report, as a reviewer reads it; nothing when no scope was asked for. */
export function whyHere(s: SessionReport, report: ListedReport): string {
  return s.scope_reasons
    .filter((r) => r.kind !== 'all')
    .map((r) => describeReason(r, report.scope.kind))
    .join(', ')
}

/** The first line of each prompt the user wrote, in the session's order; private ones held back. */
function promptItems(s: SessionReport, o: BlockOptions, glance: SessionGlance): { items: ListItem[]; more: number; start: number } {
  const prompts: NonNullable<Turn['prompt']>[] = []
  for (const t of s.turns) if (t.prompt && prompts.length < o.maxPrompts) prompts.push(t.prompt)
  const items = prompts.map((p) => {
    if (p.private) return listItem(paragraph(emphasis(label(PRIVATE_PROMPT))))
    return listItem(paragraph(logLine(preview(p.text, o.previewChars).text || '(empty prompt)')))
  })
  return { items, more: Math.max(0, glance.promptTurns - o.maxPrompts), start: glance.firstNumber }
}

/**
 * The files a session edited, the pull request's changed files first (named as the pull request
 * names them) and paths under the session's directory relative to it.
 */
export function editedFiles(s: SessionReport, changed: readonly string[] | null): string[] {
  const inChange: string[] = []
  const others: string[] = []
  for (const path of s.files_touched) {
    const c = changed ? changedFileOf(path, changed) : null
    if (c) inChange.push(c)
    else others.push(s.cwd && path.startsWith(s.cwd + '/') ? path.slice(s.cwd.length + 1) : path)
  }
  const order = changed ? new Map(changed.map((f, i) => [f, i])) : new Map<string, number>()
  return [...new Set([...inChange.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), ...others])]
}

/** `edited `a`, `b` and 3 more · ran 5 tool calls, 1 failed · 5.3 k tokens · $0.01` */
function doneLine(s: SessionReport, changed: readonly string[] | null, o: BlockOptions, glance: SessionGlance): PhrasingContent[] {
  const parts: PhrasingContent[][] = []
  const files = editedFiles(s, changed)
  if (files.length) {
    const named = joined(
      files.slice(0, o.maxFiles).map((f) => [inlineCode(f)]),
      ', '
    )
    const more = files.length > o.maxFiles ? [label(` and ${files.length - o.maxFiles} more`)] : []
    parts.push([label('edited '), ...named, ...more])
  }
  if (s.tool_calls) {
    const failed = glance.failedCalls
    parts.push([label(`ran ${plural(s.tool_calls, 'tool call')}${failed ? `, ${failed} failed` : ''}`)])
  }
  parts.push(s.tokens ? [label(`${sessionTokens(s)} tokens`)] : [label(`tokens ${UNKNOWN}`)])
  parts.push(s.tokens ? [label(sessionCost(s))] : [label(`cost ${sessionCost(s)}`)])
  return joined(parts, ' · ')
}

/** One session at a glance: who and why, what it was asked, what it changed, ran and cost. */
export function sessionBlock(
  s: SessionReport,
  report: ListedReport,
  idLabel: (id: string) => string,
  changed: readonly string[] | null,
  o: BlockOptions,
  glance: SessionGlance = glanceOf(s)
): BlockContent[] {
  const out: BlockContent[] = [paragraph(...headLine(s, report, idLabel))]
  const { items, more, start } = promptItems(s, o, glance)
  if (items.length) out.push(list(items, true, start))
  const tail = doneLine(s, changed, o, glance)
  if (more) tail.unshift(label(`${plural(more, 'more prompt')} · `))
  out.push(paragraph(...tail))
  return out
}
