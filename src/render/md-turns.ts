import { sessionHeads, sessionPrompts, type ListedReport, type SessionList } from '../select/session-list.js'
import { partKind, type Part } from './region.js'
import type { MarkdownSlot } from './md-slots.js'
import { toMarkdown } from './md-stringify.js'
import type { BlockContent, Heading, ListItem, PhrasingContent } from 'mdast'
import type { Action, SessionReport, Turn } from '../select/report.js'
import {
  emphasis,
  fieldBlock,
  heading,
  inlineCode,
  joined,
  label,
  list,
  listItem,
  logCell,
  logLine,
  paragraph,
  preview,
  strong,
  TEXT_DEFAULTS,
  type TextOptions
} from './md-nodes.js'
import { agentName, formatDuration, formatSpan, sessionLabels } from './text.js'
import { promptDisposition, promptNotes, sessionReviewBlocks } from './md-review.js'
import type { SessionReview } from '../model/review.js'

export interface TurnsOptions extends TextOptions {
  /** Show what the agent did under each prompt (actions and full modes). */
  withActions: boolean
  /** Longest one-line preview of a prompt or action before the full text moves to its own block. */
  previewChars: number
}

export const TURNS_DEFAULTS: TurnsOptions = { ...TEXT_DEFAULTS, withActions: false, previewChars: 160 }

export const PRIVATE_PROMPT = '(private prompt, not shown)'

/** `` `0199a1b2` · Codex 0.61.0 · 2026-03-03 10:00–10:05 `` */
export function sessionHeading(s: SessionReport, timezone: string, idLabel: (id: string) => string = (id) => id): Heading {
  const who = s.agent_version ? `${agentName(s.agent)} ${s.agent_version}` : agentName(s.agent)
  const when = formatSpan(s.started_at, s.ended_at, timezone)
  return heading(4, inlineCode(idLabel(s.id)), label(' · '), logCell(when ? `${who} · ${when}` : who, 160))
}

/** Where the session ran: `in `cwd` · branch `main` at `3f1c2d4e5a6b` · `repo``; nothing when unknown. */
export function sessionContext(s: SessionReport): BlockContent[] {
  const parts: PhrasingContent[][] = []
  if (s.cwd) parts.push([label('in '), inlineCode(s.cwd)])
  if (s.branch) parts.push([label('branch '), inlineCode(s.branch), ...(s.commit ? [label(' at '), inlineCode(s.commit.slice(0, 12))] : [])])
  else if (s.commit) parts.push([label('commit '), inlineCode(s.commit.slice(0, 12))])
  if (s.repository) parts.push([label('repository '), inlineCode(s.repository)])
  return parts.length ? [paragraph(...joined(parts, ' · '))] : []
}

interface Described {
  line: PhrasingContent[]
  blocks: BlockContent[]
}

/** A text as a one-line preview, and the whole text in a block below when the preview cuts it. */
function previewed(name: string, text: string, o: TurnsOptions): Described {
  const p = preview(text, o.previewChars)
  return { line: [logLine(p.text)], blocks: p.cut ? fieldBlock(name, text, o) : [] }
}

/** `_Name:_ preview`, or just `_Name_` without text. */
function described(name: string, text: string | null, o: TurnsOptions): Described {
  if (!text) return { line: [emphasis(label(name))], blocks: [] }
  const p = previewed(name, text, o)
  return { line: [emphasis(label(`${name}:`)), label(' '), ...p.line], blocks: p.blocks }
}

function toolStatus(a: Action): string {
  const parts: string[] = []
  if (a.exit_code !== null) parts.push(`exit ${a.exit_code}`)
  const d = formatDuration(a.duration_ms)
  if (d) parts.push(d)
  return parts.length ? ` → ${parts.join(', ')}` : ''
}

const INLINE_ARGS = 80

function toolCall(a: Action, o: TurnsOptions): Described {
  const line: PhrasingContent[] = [inlineCode(a.name || '(unnamed tool)')]
  const blocks: BlockContent[] = []
  if (a.text) {
    const p = preview(a.text, o.previewChars)
    line.push(label(' '), inlineCode(p.text))
    if (p.cut) blocks.push(...fieldBlock('Command', a.text, o))
  } else if (a.arguments && a.arguments !== '{}') {
    const oneLiner = !/[\r\n]/.test(a.arguments) && a.arguments.length <= INLINE_ARGS
    if (oneLiner) line.push(label(' '), inlineCode(a.arguments))
    else blocks.push(...fieldBlock('Arguments', a.arguments, o))
  }
  line.push(label(toolStatus(a)))
  if (a.output) blocks.push(...fieldBlock('Output', a.output, o))
  return { line, blocks }
}

function actionItem(a: Action, o: TurnsOptions): ListItem {
  let r: Described
  switch (a.kind) {
    case 'tool_call':
      r = toolCall(a, o)
      break
    case 'reasoning':
      r = described('Reasoning', a.text, o)
      break
    case 'assistant_message':
      r = described('Reply', a.text, o)
      break
    case 'agent_prompt':
      r = described('Prompt to a sub-agent', a.text, o)
      break
    case 'plan_update':
      r = described('Plan', a.text, o)
      break
    case 'file_change':
      r = { line: [emphasis(label('File')), label(' '), logCell(a.name || 'change', 40), label(' '), inlineCode(a.text ?? '')], blocks: [] }
      break
    case 'marker': {
      const d = a.text ? previewed('Detail', a.text, o) : { line: [], blocks: [] }
      r = { line: [emphasis(label('Marker:')), label(' '), inlineCode(a.name ?? ''), ...(a.text ? [label(' — '), ...d.line] : [])], blocks: d.blocks }
      break
    }
    case 'compaction':
      r = described('Context compacted', a.text, o)
      break
  }
  return listItem(paragraph(...r.line), ...r.blocks)
}

function promptItem(t: Turn, o: TurnsOptions, review?: SessionReview): ListItem {
  const blocks: BlockContent[] = []
  let line: PhrasingContent[]
  if (!t.prompt) line = [emphasis(label('(no user prompt: the agent went on by itself)'))]
  else if (t.prompt.private) line = [emphasis(label(PRIVATE_PROMPT))]
  else {
    const p = preview(t.prompt.text, o.previewChars)
    line = [strong(logLine(p.text || '(empty prompt)'))]
    if (p.cut) blocks.push(...fieldBlock('Full prompt', t.prompt.text, o))
  }
  line.push(...promptDisposition(review, t.ordinal))
  blocks.push(...promptNotes(review, t.ordinal))
  if (o.withActions && t.actions.length) blocks.push(list(t.actions.map((a) => actionItem(a, o))))
  return listItem(paragraph(...line), ...blocks)
}

/**
 * The number a list of turns starts at: the first turn's ordinal when the turns are numbered
 * consecutively (they are: what the agent did before the first prompt is turn 0, each prompt
 * opens the next), so a prompt has the same number in the comment, this report, the HTML
 * (`#2`) and the JSON (`ordinal`).
 */
export function firstNumber(turns: readonly Turn[]): number {
  return turns.length && turns.every((t, i) => t.ordinal === turns[0].ordinal + i) ? turns[0].ordinal : 1
}

function visibleTurns(s: SessionReport, withActions: boolean): Turn[] {
  return s.turns.filter((t) => t.prompt !== null || (withActions && t.actions.length > 0))
}

/**
 * Each session's prompts in order, as numbered lists under a heading per session; with
 * `withActions`, what the agent did under each prompt as a nested list. Private prompts are
 * listed (and counted) without their text.
 */
export function promptsList(report: ListedReport, opts: Partial<TurnsOptions> = {}): BlockContent[] {
  return [...promptsListParts(report, opts)].flat()
}

/** `promptsList` a session at a time, so a caller can stop once it has enough. */
export function* promptsListParts(report: ListedReport, opts: Partial<TurnsOptions> = {}): Generator<BlockContent[]> {
  const o = { ...TURNS_DEFAULTS, ...defined(opts) }
  const idLabel = sessionLabels(report)
  let any = false
  for (const s of report.sessions) {
    const group = promptsGroup(s, o, report.filters.timezone, idLabel)
    if (!group) continue
    any = true
    yield group
  }
  if (!any) yield NO_PROMPTS()
}

const NO_PROMPTS = (): BlockContent[] => [paragraph(emphasis(label('No prompts in the selected sessions.')))]

/** A session's blocks in `promptsList`, or null when it shows no turn. */
function promptsGroup(s: SessionReport, o: TurnsOptions, timezone: string, idLabel: (id: string) => string): BlockContent[] | null {
  const turns = visibleTurns(s, o.withActions)
  if (!turns.length) return null
  return [
    sessionHeading(s, timezone, idLabel),
    ...sessionContext(s),
    ...sessionReviewBlocks(s.review),
    list(
      turns.map((t) => promptItem(t, o, s.review)),
      true,
      firstNumber(turns)
    )
  ]
}

const PROMPTS_GROUP = partKind('md.prompts', promptsGroup, promptItem, sessionHeading, sessionContext, toMarkdown)

/**
 * `promptsList` as a Markdown slot (md-slots.ts `groupsSlot`'s text, each group stringified
 * alone after a blank line): a spilled report's sessions as a `Part` each, keyed by the session's
 * label, the time zone, the options and whether a group came before it (its lead), so a session
 * kept from an earlier run is not read or stringified again.
 */
export function promptsSlot(report: ListedReport, opts: Partial<TurnsOptions> = {}): MarkdownSlot {
  return {
    type: 'slot',
    nodes: () => [...promptsListParts(report, opts)].flat(),
    *texts() {
      const o = { ...TURNS_DEFAULTS, ...defined(opts) }
      const idLabel = sessionLabels(report)
      const timezone = report.filters.timezone
      const list = report.sessions
      let first = true
      const text = (group: BlockContent[], lead: boolean) => (lead ? '' : '\n\n') + toMarkdown(group).slice(0, -1)
      const digests = list.digests
      const readAt = list.readAt?.bind(list)
      if (digests && readAt && digests.length === list.length) {
        const ids = Array.from(sessionHeads(list), (s) => s.id)
        const options = JSON.stringify([timezone, o])
        for (let i = 0; i < list.length; i++) {
          const index = i
          const lead = first
          const part: Part<string> = {
            type: 'part',
            key: `${PROMPTS_GROUP}\0${lead ? 'first' : ''}\0${idLabel(ids[index])}\0${options}\0${digests[index]}`,
            units: () => {
              const group = promptsGroup(readAt(index), o, timezone, idLabel)
              return group ? [text(group, lead)] : []
            },
            seen: (written) => {
              if (written) first = false
            }
          }
          yield part
        }
      } else {
        for (const s of list) {
          const group = promptsGroup(s, o, timezone, idLabel)
          if (!group) continue
          yield text(group, first)
          first = false
        }
      }
      if (first) yield text(NO_PROMPTS(), true)
    }
  }
}

/** Prompts shown, of which private: for section headings. */
export function promptCounts(report: ListedReport): { shown: number; private: number } {
  // A list read back from a file (a spilled report's) never changes: its counts are read once,
  // not again for each rendering (a job renders its files again to tell the last check's note).
  const list = report.sessions
  if (!list.heads) return countPrompts(list)
  let counts = promptCountsOf.get(list)
  if (!counts) promptCountsOf.set(list, (counts = countPrompts(sessionPrompts(list))))
  return { ...counts }
}

const promptCountsOf = new WeakMap<SessionList, { shown: number; private: number }>()

function countPrompts(sessions: SessionList): { shown: number; private: number } {
  let shown = 0
  let priv = 0
  for (const s of sessions)
    for (const t of s.turns) {
      if (!t.prompt) continue
      if (t.prompt.private) priv++
      else shown++
    }
  return { shown, private: priv }
}

/** Options with `undefined` values dropped, so they do not override defaults. */
export function defined<T extends object>(opts: T): Partial<T> {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as Partial<T>
}
