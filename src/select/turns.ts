import type { Db } from '../store/db.js'
import { readTurnEvents, sessionFileCount, type TurnEvent } from '../store/turn-events.js'
import type { Action, Turn } from './report.js'
import { detachedCopy } from '../detached-copy.js'

const PRIVATE = /^\s*\[private\]/i
const SHOWN_MARKERS = new Set(['abort', 'rollback', 'undo', 'review_enter', 'review_exit', 'context_compacted', 'error'])

function cap(text: string | null | undefined, n: number): string | null {
  if (text === null || text === undefined) return null
  // A report holds many windows: each owns its characters rather than keeping its whole text.
  return text.length > n ? detachedCopy(text.slice(0, n)) : text
}

/** How many characters of one text a report keeps when the caller sets no bound. */
export const DEFAULT_FIELD_CHARS = 64 * 1024

const isPersonPrompt = (e: TurnEvent): boolean => e.payload.kind === 'user_prompt' && !e.payload.by_agent

/**
 * A sub-agent's records live in a file of their own (Claude Code's `subagents/agent-*.jsonl`),
 * read after the parent's, so they were numbered into the parent's last turn. Each record of a
 * file that holds none of the session's own prompts moves to the turn whose prompt came last
 * before it, among that turn's records by time: under the tool call that started it.
 */
function placeSubAgentEvents(rows: TurnEvent[]): TurnEvent[] {
  const prompts = rows.filter(isPersonPrompt)
  const promptFiles = new Set(prompts.map((e) => e.file_id))
  const foreign = rows.filter((e) => !promptFiles.has(e.file_id) && e.ts !== null)
  if (promptFiles.size === 0 || foreign.length === 0) return rows
  const starts = prompts.filter((e) => e.ts !== null).sort((a, b) => ((a.ts as string) < (b.ts as string) ? -1 : a.ts === b.ts ? 0 : 1))
  const placed = new Map<number, TurnEvent[]>()
  for (const e of [...foreign].sort((a, b) => ((a.ts as string) < (b.ts as string) ? -1 : a.ts === b.ts ? a.id - b.id : 1))) {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((starts[mid].ts as string) <= (e.ts as string)) lo = mid + 1
      else hi = mid
    }
    const turn = lo > 0 ? starts[lo - 1].turn : e.turn
    const list = placed.get(turn) ?? []
    list.push({ ...e, turn })
    placed.set(turn, list)
  }
  const moved = new Set(foreign)
  const own = rows.filter((e) => !moved.has(e))
  const turns = [...new Set([...own.map((e) => e.turn), ...placed.keys()])].sort((a, b) => a - b)
  const out: TurnEvent[] = []
  let i = 0
  for (const turn of turns) {
    const pending = placed.get(turn) ?? []
    let k = 0
    for (; i < own.length && own[i].turn === turn; i++) {
      const x = own[i]
      // A moved record goes before the first of the turn's own records that is later than it.
      while (k < pending.length && x.ts !== null && !isPersonPrompt(x) && (pending[k].ts as string) < x.ts) out.push(pending[k++])
      out.push(x)
    }
    while (k < pending.length) out.push(pending[k++])
  }
  return out
}

/**
 * Each prompt with the actions under it, in log order, one turn at a time (a session may hold
 * more than fits in memory at once). Private prompts keep no text at all.
 */
export function* selectTurns(db: Db, sessionId: string, withActions: boolean, maxChars: number = DEFAULT_FIELD_CHARS): Generator<Turn> {
  const events = readTurnEvents(db, sessionId, withActions, maxChars)
  // Only a session read from several files can have records numbered into the wrong turn.
  const ordered = sessionFileCount(db, sessionId) > 1 ? placeSubAgentEvents([...events]) : events
  // Records come in turn order, so a turn is whole when the next begins.
  let t = null as Turn | null
  const shown = (x: Turn | null): x is Turn => x !== null && (x.prompt !== null || x.actions.length > 0)
  for (const e of ordered) {
    const p = e.payload
    if (t?.ordinal !== e.turn) {
      if (shown(t)) yield t
      t = { ordinal: e.turn, ts: e.ts, prompt: null, actions: [] }
    }
    const base: Action = {
      kind: 'reasoning',
      ts: e.ts,
      name: null,
      text: null,
      arguments: null,
      output: null,
      exit_code: null,
      duration_ms: null,
      call_id: null,
      event_id: e.id
    }
    switch (p.kind) {
      case 'user_prompt': {
        const text = String(p.text ?? '')
        if (p.by_agent) {
          if (withActions) t.actions.push({ ...base, kind: 'agent_prompt', text: cap(text, maxChars) })
        } else if (!t.prompt) {
          const priv = PRIVATE.test(text)
          t.prompt = { text: priv ? '' : (cap(text, maxChars) ?? ''), private: priv, by_agent: false, event_id: e.id }
          t.ts = e.ts
        }
        break
      }
      case 'reasoning':
        if (p.text) t.actions.push({ ...base, kind: 'reasoning', text: cap(String(p.text), maxChars) })
        break
      case 'assistant_message':
        t.actions.push({ ...base, kind: 'assistant_message', text: cap(String(p.text ?? ''), maxChars) })
        break
      case 'tool_call': {
        const r = e.result
        t.actions.push({
          ...base,
          kind: 'tool_call',
          name: String(p.name ?? ''),
          text: typeof p.command === 'string' ? cap(p.command, maxChars) : null,
          arguments: cap(String(p.arguments ?? ''), maxChars),
          output: r ? cap(r.output, maxChars) : null,
          exit_code: r?.exit_code ?? null,
          duration_ms: r?.duration_ms ?? null,
          call_id: typeof p.call_id === 'string' ? p.call_id : null
        })
        break
      }
      case 'plan_update': {
        const steps = Array.isArray(p.steps) ? p.steps : []
        t.actions.push({ ...base, kind: 'plan_update', text: cap(steps.map((s) => `[${s.status}] ${s.step}`).join('\n'), maxChars) })
        break
      }
      case 'file_change':
        t.actions.push({ ...base, kind: 'file_change', name: String(p.change ?? ''), text: String(p.path ?? '') })
        break
      case 'marker':
        if (SHOWN_MARKERS.has(String(p.marker)))
          t.actions.push({ ...base, kind: 'marker', name: String(p.marker), text: typeof p.detail === 'string' ? cap(p.detail, maxChars) : null })
        break
      case 'compaction':
        t.actions.push({ ...base, kind: 'compaction', text: typeof p.text === 'string' ? cap(p.text, maxChars) : null })
        break
    }
  }
  if (shown(t)) yield t
}
