import type { EventPayload } from '../../model/events.js'
import { parseCostLine, parseTokenLine, RUN_HEADER, splitThinking, userInputLine } from './lines.js'
import type { LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { emitRecord } from '../util/emit.js'
import { isObject } from '../util/json.js'
import { localTime } from '../../model/local-time.js'

interface Block {
  kind: 'user' | 'assistant'
  line: number
  lines: string[]
}

interface AiderState {
  /** One file per repository holds every run; each `# aider chat started at` opens a session. */
  base: string
  sessionId: string
  model: string | null
  block: Block | null
  /** Sum of the per-message costs Aider printed, in 1e-8 dollars so the sum stays exact. */
  costUnits: number
  /** The ingester drops blank lines; the gap in line numbers is where they were. */
  lastLine: number
}

/**
 * `.aider.chat.history.md`. It is lossy and the reader says so rather than guessing: there are
 * no per-message times (only the run's start, in the machine's local time with no zone, stored
 * as that local time without a zone, see model/local-time.ts), no session ids, token counts rounded by Aider's printer, and no tool calls (edits
 * are implicit; `> Applied edit to` lines become file changes). Prompts and replies are
 * multi-line blocks, so each is emitted when the next block starts, at its first line.
 */
class AiderParser implements LineParser {
  private st: AiderState

  constructor(ctx: SourceContext, state?: unknown) {
    // From the file's first bytes, not its path: a copy of the history (committed to
    // .ai-logs/, or the same checkout elsewhere) names the same sessions.
    const base = `aider-${ctx.fallbackSessionId.replace(/^file-/, '').slice(0, 16)}`
    this.st = (state as AiderState | undefined) ?? { base, sessionId: base, model: null, block: null, costUnits: 0, lastLine: 0 }
  }

  state(): unknown {
    return this.st
  }

  end(out: ParseRecord[]): void {
    this.flush(out)
  }

  push(line: string, lineNo: number, out: ParseRecord[]): void {
    const st = this.st
    const gap = st.lastLine > 0 ? Math.max(0, lineNo - st.lastLine - 1) : 0
    st.lastLine = lineNo
    // A prompt ends at its first blank line; replies contain blank lines.
    if (gap > 0 && st.block?.kind === 'user') this.flush(out)
    const header = RUN_HEADER.exec(line)
    if (header) {
      this.flush(out)
      st.sessionId = `${st.base}-${header[1].replace(/-/g, '')}T${header[2].replace(/:/g, '')}`
      st.costUnits = 0
      out.push({ type: 'session', patch: { id: st.sessionId, agent: 'aider', started_at: localTime(header[1], header[2]) } })
      return this.emit(out, lineNo, line, [{ kind: 'session_meta' }])
    }
    const input = userInputLine(line)
    if (input !== null) {
      if (st.block?.kind !== 'user') {
        this.flush(out)
        st.block = { kind: 'user', line: lineNo, lines: [] }
      }
      return void st.block.lines.push(input)
    }
    // `>>>>>>> REPLACE` closes an edit block inside a reply; tool output is `> text`.
    if (/^>(\s|$)/.test(line)) {
      this.flush(out)
      return this.toolOutput(line, lineNo, out)
    }
    if (line.trim() === '') {
      if (st.block?.kind === 'user') this.flush(out)
      else st.block?.lines.push('')
      return
    }
    if (st.block?.kind !== 'assistant') {
      this.flush(out)
      st.block = { kind: 'assistant', line: lineNo, lines: [] }
    } else for (let i = 0; i < gap; i++) st.block.lines.push('')
    st.block.lines.push(line)
  }

  private emit(out: ParseRecord[], lineNo: number, raw: string, payloads: EventPayload[]): void {
    emitRecord(
      out,
      this.st.sessionId,
      lineNo,
      null,
      payloads.map((payload) => ({ payload })),
      raw
    )
  }

  private toolOutput(line: string, lineNo: number, out: ParseRecord[]): void {
    const st = this.st
    const text = line.replace(/^> ?/, '').trimEnd()
    const model = /^(?:Main model|Model): (\S+)/.exec(text)
    if (model) {
      st.model = model[1]
      return this.emit(out, lineNo, line, [
        { kind: 'turn_context', model: st.model, cwd: null, approval_policy: null, sandbox_policy: null, effort: null, summary: null }
      ])
    }
    const version = /^Aider v(\S+)$/.exec(text)
    if (version) return void out.push({ type: 'session', patch: { id: st.sessionId, agent: 'aider', agent_version: version[1] } })
    const usage = parseTokenLine(line, st.model)
    if (usage) {
      this.emit(out, lineNo, line, [usage.usage])
      return this.addCost(usage.cost, out)
    }
    const cost = parseCostLine(line)
    if (cost !== null) return this.addCost(cost, out)
    const applied = /^Applied edit to (.+)$/.exec(text)
    if (applied) return this.emit(out, lineNo, line, [{ kind: 'file_change', path: applied[1], change: 'update', call_id: null }])
    if (/^Commit [0-9a-f]{7,40} /.test(text)) return this.emit(out, lineNo, line, [{ kind: 'other', type: 'commit' }])
  }

  private addCost(cost: number | null, out: ParseRecord[]): void {
    if (cost === null) return
    const st = this.st
    st.costUnits += Math.round(cost * 1e8)
    out.push({ type: 'session', patch: { id: st.sessionId, agent: 'aider', reported_cost_usd: st.costUnits / 1e8 } })
  }

  private flush(out: ParseRecord[]): void {
    const b = this.st.block
    this.st.block = null
    if (!b) return
    while (b.lines.length && b.lines[b.lines.length - 1].trim() === '') b.lines.pop()
    const text = b.lines.join('\n')
    if (b.kind === 'user') {
      if (text.trim() === '' || text === '<blank>') return
      // `/code …`, `/commit`, `!cmd`: commands to Aider. `/code X` and `/ask X` are followed by `#### X`, the prompt itself.
      const command = /^[/!]/.test(text.trimStart())
      const p: EventPayload = command ? { kind: 'context_message', role: 'command', text } : { kind: 'user_prompt', text, by_agent: false, images: 0 }
      return this.emit(out, b.line, text, [p])
    }
    const { thinking, reply } = splitThinking(text)
    const payloads: EventPayload[] = thinking.map((t) => ({ kind: 'reasoning', text: t, encrypted: false, encrypted_bytes: 0 }))
    if (reply) payloads.push({ kind: 'assistant_message', text: reply, phase: null })
    if (payloads.length) this.emit(out, b.line, text, payloads)
  }
}

function sniff(head: SniffInput): boolean {
  if (head.parsed.some(isObject)) return false
  return head.lines.some((l) => RUN_HEADER.test(l))
}

export const aiderHistory: LineSource = {
  mode: 'lines',
  id: 'aider-chat-history',
  agent: 'aider',
  description: 'Aider chat history (.aider.chat.history.md in the repository root)',
  sniff,
  createParser: (ctx, state) => new AiderParser(ctx, state)
}
