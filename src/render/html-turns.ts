import type { Action, Turn } from '../select/report.js'
import { escapeHtml, escapeLogText, truncate } from './html-escape.js'
import { formatDuration, formatInt, formatTime, plural } from './html-format.js'
import { dispositionBadge, promptNotes } from './html-review.js'
import type { SessionReview } from '../model/review.js'

/**
 * One session's prompts, each with what the agent did under it folded beneath. Limits are far
 * below what the report carries: the page is for reading, the JSON report keeps the full text.
 */
export const LIMITS = { prompt: 8000, text: 4000, command: 2000, arguments: 1500, output: 1500 } as const

/** Escaped, marker-highlighted text cut to `max`, with a visible note when it was cut. */
function block(text: string, max: number, cls: string): string {
  const t = truncate(text, max)
  const note = t.cut > 0 ? `<p class="trunc">… ${formatInt(t.cut)} more characters not shown (of ${formatInt(text.length)})</p>` : ''
  return `<pre class="${cls}">${escapeLogText(t.text)}</pre>${note}`
}

function exitBadge(code: number | null): string {
  if (code === null) return ''
  return ` <span class="badge ${code === 0 ? 'ok' : 'fail'}">exit ${code}</span>`
}

const TROUBLE = new Set(['abort', 'error', 'rollback', 'undo'])

function head(kind: string, label: string, rest = '', warn = false): string {
  return `<div class="act-head"><span class="kind">${kind}</span>${label ? ` <b class="name${warn ? ' warn' : ''}">${label}</b>` : ''}${rest}</div>`
}

function toolCall(a: Action): string {
  const dur = a.duration_ms !== null ? ` <span class="dur">${escapeHtml(formatDuration(a.duration_ms))}</span>` : ''
  let body = head('tool', escapeHtml(a.name ?? ''), exitBadge(a.exit_code) + dur)
  if (a.text) body += block(a.text, LIMITS.command, 'cmd')
  if (a.arguments) {
    // The command line already says what a shell call ran; its JSON arguments are detail.
    body += a.text
      ? `<details class="io"><summary>arguments</summary>${block(a.arguments, LIMITS.arguments, 'args')}</details>`
      : `<div class="io-label">arguments</div>${block(a.arguments, LIMITS.arguments, 'args')}`
  }
  if (a.output !== null) body += `<div class="io-label">output</div>${a.output ? block(a.output, LIMITS.output, 'out') : '<p class="muted">(empty)</p>'}`
  return body
}

function action(a: Action): string {
  const text = a.text ?? ''
  switch (a.kind) {
    case 'tool_call':
      return toolCall(a)
    case 'reasoning':
      return head('reasoning', '') + block(text, LIMITS.text, 'text thought')
    case 'assistant_message':
      return head('assistant', '') + block(text, LIMITS.text, 'text')
    case 'agent_prompt':
      return head('to sub-agent', '') + block(text, LIMITS.text, 'text')
    case 'plan_update':
      return head('plan', '') + block(text, LIMITS.text, 'text')
    case 'file_change':
      return head('file', escapeHtml(a.name ?? ''), ` <code class="path">${escapeLogText(text)}</code>`)
    case 'marker':
      return head(
        'event',
        escapeHtml(a.name ?? ''),
        text ? ` <span class="detail">${escapeLogText(truncate(text, LIMITS.text).text)}</span>` : '',
        TROUBLE.has(a.name ?? '')
      )
    case 'compaction':
      return (
        head('compaction', 'context summarized') + (text ? `<details class="io"><summary>summary</summary>${block(text, LIMITS.text, 'text')}</details>` : '')
      )
  }
}

function actionsSummary(actions: Action[]): string {
  const calls = actions.filter((a) => a.kind === 'tool_call').length
  const files = actions.filter((a) => a.kind === 'file_change').length
  const failed = actions.filter((a) => a.kind === 'tool_call' && a.exit_code !== null && a.exit_code !== 0).length
  const parts = [plural(actions.length, 'action')]
  if (calls) parts.push(plural(calls, 'tool call'))
  if (files) parts.push(plural(files, 'file change'))
  if (failed) parts.push(`${formatInt(failed)} failed`)
  return parts.join(' · ')
}

function prompt(t: Turn, timezone: string, review?: SessionReview): string {
  const when = t.ts ? ` <time datetime="${escapeHtml(t.ts)}">${escapeHtml(formatTime(t.ts, timezone))}</time>` : ''
  const headLine = `<div class="prompt-head"><span class="turn-no">#${t.ordinal}</span>${when}${dispositionBadge(review, t.ordinal)}</div>`
  const notes = promptNotes(review, t.ordinal)
  if (!t.prompt) return `<div class="prompt none">${headLine}<p class="muted">(no prompt: the agent acted on its own)</p>${notes}</div>`
  if (t.prompt.private) return `<div class="prompt private">${headLine}<p class="muted">(private prompt, not shown)</p>${notes}</div>`
  return `<div class="prompt">${headLine}${block(t.prompt.text, LIMITS.prompt, 'text')}${notes}</div>`
}

/** A prompt an agent wrote is a message it wrote, and is styled as one. */
function styleOf(a: Action): string {
  return a.kind === 'agent_prompt' ? 'assistant_message' : a.kind
}

export function renderTurns(turns: Turn[], timezone: string, review?: SessionReview): string {
  const items = turns.map((t) => {
    const acts = t.actions.length
      ? `<details class="actions"><summary>${escapeHtml(actionsSummary(t.actions))}</summary><ol class="action-list">${t.actions
          .map((a) => `<li class="act act-${styleOf(a)}">${action(a)}</li>`)
          .join('')}</ol></details>`
      : ''
    return `<li class="turn">${prompt(t, timezone, review)}${acts}</li>`
  })
  return `<ol class="turns">${items.join('')}</ol>`
}
