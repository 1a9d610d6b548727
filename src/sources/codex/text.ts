import type { EventPayload } from '../../model/events.js'
import type { LineParser, LineSource, ParseRecord, SniffInput, SourceContext } from '../types.js'
import { toUtcIso } from '../util/time.js'

const EXIT_LINE = /Token usage: total=([\d,]+) input=([\d,]+)(?: \(\+ ([\d,]+) cached\))? output=([\d,]+)(?: ?\(reasoning ([\d,]+)\))?/
const RESUME = /codex resume ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i
const SESSION_ID = /^\s*│?\s*session(?: id)?:\s+([0-9a-f]{8}-[0-9a-f-]{27})/i
const VERSION = /OpenAI Codex \(?v(\d+\.\d+\.\d+[\w.-]*)/
const TIMED_TOKENS = /^\[([^\]]+)\] tokens used: ([\d,]+)/
const PANEL_TOKENS = /Token usage:\s+([\d.]+[KMB]?) total\s+\(([\d.]+[KMB]?) input \+ ([\d.]+[KMB]?) output\)/
const PANEL_MODEL = /^\s*│?\s*Model:\s+([\w.:/-]+)/
const HEADER_KV = /^(model|workdir|provider|approval|sandbox|reasoning effort):\s+(.+)$/

function int(s: string | undefined): number | null {
  return s === undefined ? null : Number(s.replace(/,/g, ''))
}

/** `/status` numbers are abbreviated (`1.4K`, `2M`); they are shown as approximations. */
function abbreviated(s: string): number {
  const m = /^([\d.]+)([KMB]?)$/.exec(s)
  if (!m) return 0
  const mult = m[2] === 'K' ? 1e3 : m[2] === 'M' ? 1e6 : m[2] === 'B' ? 1e9 : 1
  return Math.round(Number(m[1]) * mult)
}

interface Pending {
  line: number
  ts: string | null
  raw: string
  payload: EventPayload
}

interface TextState {
  sessionId: string
  /** True once the capture named its session (a `session id:` header or a resume hint). */
  named: boolean
  model: string | null
  version: string | null
  cwd: string | null
  /** The previous line was `tokens used`; the number follows on its own line. */
  awaitingTotal: boolean
  /** Snapshots wait for the end of the input, where the resume hint names the session. */
  pending: Pending[]
}

/**
 * A plain-text capture of a Codex CLI run (terminal output, CI logs). Only the usage printouts are
 * read: the exit line, `tokens used`, and `/status` panels, stored as status snapshots. Only
 * those few records are held until the end of the input, never the text itself.
 */
class CodexTextParser implements LineParser {
  private st: TextState

  constructor(ctx: SourceContext, state?: unknown) {
    this.st = (state as TextState | undefined) ?? {
      sessionId: ctx.fallbackSessionId,
      named: false,
      model: null,
      version: null,
      cwd: null,
      awaitingTotal: false,
      pending: []
    }
  }

  state(): unknown {
    return this.st
  }

  end(out: ParseRecord[]): void {
    const st = this.st
    if (st.pending.length === 0 && !st.named) return
    out.push({ type: 'session', patch: { id: st.sessionId, agent: 'codex', agent_version: st.version, cwd: st.cwd } })
    for (const p of st.pending) out.push({ type: 'event', event: { session_id: st.sessionId, ts: p.ts, line: p.line, payload: p.payload, raw: p.raw } })
    st.pending = []
  }

  push(line: string, lineNo: number): void {
    const st = this.st
    const emit = (payload: EventPayload, ts: string | null = null): void => {
      st.pending.push({ line: lineNo, ts, raw: line, payload })
    }
    const id = SESSION_ID.exec(line)?.[1] ?? RESUME.exec(line)?.[1]
    if (id && !st.named) {
      st.sessionId = id.toLowerCase()
      st.named = true
    }
    st.version = VERSION.exec(line)?.[1] ?? st.version
    const kv = HEADER_KV.exec(line.trim())
    if (kv?.[1] === 'model') st.model = kv[2].trim()
    if (kv?.[1] === 'workdir') st.cwd = kv[2].trim()
    st.model = PANEL_MODEL.exec(line)?.[1] ?? st.model

    if (st.awaitingTotal) {
      st.awaitingTotal = false
      const n = /^\s*([\d,]+)\s*$/.exec(line)
      if (n) return emit(snapshot('tokens-used', { blended_total: int(n[1]) }, st.model))
    }
    if (/^\s*tokens used\s*$/.test(line)) {
      st.awaitingTotal = true
      return
    }
    const exit = EXIT_LINE.exec(line)
    if (exit) {
      const nonCached = int(exit[2]) ?? 0
      const cached = int(exit[3]) ?? 0
      const output = int(exit[4]) ?? 0
      return emit(
        snapshot(
          'exit-line',
          {
            input: nonCached + cached,
            cached_input: cached,
            output,
            reasoning_output: int(exit[5]) ?? 0,
            total: nonCached + cached + output,
            blended_total: int(exit[1])
          },
          st.model
        )
      )
    }
    const timed = TIMED_TOKENS.exec(line)
    if (timed) return emit(snapshot('tokens-used-line', { blended_total: int(timed[2]) }, st.model), toUtcIso(timed[1]))
    const panel = PANEL_TOKENS.exec(line)
    if (panel)
      return emit(snapshot('status-panel', { input: abbreviated(panel[2]), output: abbreviated(panel[3]), blended_total: abbreviated(panel[1]) }, st.model))
  }
}

function snapshot(form: string, n: Record<string, number | null>, model: string | null): EventPayload {
  return {
    kind: 'status_snapshot',
    form,
    input: n.input ?? null,
    cached_input: n.cached_input ?? null,
    output: n.output ?? null,
    reasoning_output: n.reasoning_output ?? null,
    total: n.total ?? null,
    blended_total: n.blended_total ?? null,
    model
  }
}

function sniff(head: SniffInput): boolean {
  if (head.parsed.some((p) => p !== undefined)) return false
  return (
    EXIT_LINE.test(head.text) ||
    /^\s*tokens used\s*$/m.test(head.text) ||
    /OpenAI Codex v\d/.test(head.text) ||
    TIMED_TOKENS.test(head.text) ||
    PANEL_TOKENS.test(head.text)
  )
}

export const codexText: LineSource = {
  mode: 'lines',
  id: 'codex-text',
  promptless: true,
  agent: 'codex',
  description: 'Plain-text output of a Codex CLI run: the exit `Token usage:` line, `tokens used`, `/status` panels',
  sniff,
  createParser: (ctx, state) => new CodexTextParser(ctx, state)
}
