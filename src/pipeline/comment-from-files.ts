import { createHash } from 'node:crypto'
import type { ReportMode } from '../config/choices.js'
import { detachedCopy } from '../detached-copy.js'
import { CommentWindowBuilder, type CommentWindow } from '../render/comment/index.js'
import { CAPTURE_SOURCE, KEPT, TurnsCapture, type Kept, type TurnFacts } from '../render/comment/window.js'
import { beforeCutMarker } from '../render/text.js'
import type { Action, SessionReport, Turn } from '../select/report.js'
import type { ListedReport } from '../select/session-list.js'
import { isSessionTexts, SessionSink, type SessionTexts, type SpillFile } from '../select/spill.js'
import { DEFAULT_FIELD_CHARS } from '../select/turns.js'

/**
 * Whether a files' report in `mode` carries every turn the comment shows, with its actions, and
 * each field at least as long as the comment's window of it: then the comment is built from the
 * files' redacted sessions (`CommentFromFiles`) rather than selected and redacted again.
 */
export function filesCarryCommentTurns(mode: ReportMode, commentFieldChars: number, filesFieldChars: number = DEFAULT_FIELD_CHARS): boolean {
  return (mode === 'actions' || mode === 'full') && filesFieldChars >= commentFieldChars
}

/**
 * The first `max` characters of a redacted text, as the comment's window holds it. The cut is
 * made after redaction, so a secret crossing it was redacted whole; a cut inside a redaction
 * marker moves to the marker's start (a marker's first half would read as a value), and a cut
 * inside a surrogate pair before it. The window owns its characters, so the files' text it was
 * cut from is not kept alive by it.
 */
export function redactedWindow(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return detachedCopy(text.slice(0, beforeCutMarker(text, end)))
}

function windowedAction(a: Action, max: number): Action {
  // A changed file's path is carried whole by the comment's own selection too (src/select/turns.ts).
  const text = a.text === null || a.kind === 'file_change' ? a.text : redactedWindow(a.text, max)
  const args = a.arguments === null ? null : redactedWindow(a.arguments, max)
  const output = a.output === null ? null : redactedWindow(a.output, max)
  return text === a.text && args === a.arguments && output === a.output ? a : { ...a, text, arguments: args, output }
}

/** A redacted turn with each of its texts cut to the comment's window. */
export function windowedTurn(t: Turn, max: number): Turn {
  const prompt = t.prompt && t.prompt.text.length > max ? { ...t.prompt, text: redactedWindow(t.prompt.text, max) } : t.prompt
  return { ...t, prompt, actions: t.actions.map((a) => windowedAction(a, max)) }
}

/** A session's capture past this many characters or turns is not made (as the session cache's). */
const CAPTURE_CHARS = 2 * 1024 * 1024
const CAPTURE_TURNS = 20_000

/**
 * A files' session found in the full report's cache (src/redact/full-sessions.ts): its texts,
 * and the capture `CommentFromFiles.add` gave for it when it was made, if any.
 */
export interface FoundSession extends SessionTexts {
  readonly capture: string | undefined
}

/** A capture's text read back: [the code and window it was made by, the window's level, the turns]. */
type CaptureText = [string, Kept, [TurnFacts, Turn | null][]]

/**
 * The comment's report made from the files' redacted sessions as the files' report is built,
 * one session at a time: each turn cut to the comment's window and handed to the window builder,
 * which keeps only what a comment could show. Nothing here reads the store or the raw text, and
 * nothing is redacted again: the files' redaction (its counts, tags and records) is the one.
 */
export class CommentFromFiles {
  private readonly window: CommentWindowBuilder
  private readonly sink: SessionSink

  constructor(
    spill: SpillFile,
    budget: number,
    private readonly maxFieldChars: number
  ) {
    this.window = new CommentWindowBuilder(budget)
    this.sink = new SessionSink(spill)
  }

  /**
   * The next redacted session of the files' report, with every turn it has; or one found in the
   * full report's cache, added from what its capture kept of its turns when the window now holds
   * no more than it did (its turns parsed otherwise). Returns what the window held of a session
   * whose turns were read (`TurnsCapture`, as text), for the full report's cache to keep; nothing
   * past `CAPTURE_CHARS` or `CAPTURE_TURNS`.
   */
  add(found: SessionReport | FoundSession): string | undefined {
    const turns = this.window.begin(found.id)
    if (isSessionTexts(found)) {
      const known = found.capture === undefined ? undefined : this.known(found.capture)
      if (known && this.window.holdsAtMost(known[1])) {
        for (const [facts, held] of known[2]) this.window.addKnown(facts, held)
        // The session's head is what the sink writes of it spilled: `{ ...s, turns: [] }`.
        if (this.sink.inMemory) this.sink.add({ ...(JSON.parse(found.head.toString()) as SessionReport), turns })
        else this.sink.add(headTexts(found))
        return undefined
      }
    }
    const s = isSessionTexts(found) ? found.session() : found
    const capture = new TurnsCapture(this.window.kept, CAPTURE_CHARS, CAPTURE_TURNS)
    for (const t of s.turns) {
      const windowed = windowedTurn(t, this.maxFieldChars)
      this.window.add(windowed)
      capture.add(windowed)
    }
    // As the comment's own build does: a spilled session is written without its turns and given
    // back the window's array when read, as the window keeps trimming it.
    this.sink.add(this.sink.inMemory ? { ...s, turns } : { ...s, turns: [] })
    return capture.full ? undefined : JSON.stringify([this.tag, capture.level, capture.turns] satisfies CaptureText)
  }

  /** What makes a capture: the window's code and the field window. */
  private get tag(): string {
    return (this.captureTag ??= createHash('sha256')
      .update(`${CAPTURE_SOURCE}\0${String(windowedTurn)}\0${String(windowedAction)}\0${String(redactedWindow)}\0${this.maxFieldChars}`)
      .digest('base64'))
  }

  private captureTag: string | undefined

  /** A capture made by this code and field window, or undefined. */
  private known(text: string): CaptureText | undefined {
    try {
      const c = JSON.parse(text) as unknown
      return Array.isArray(c) && c.length === 3 && c[0] === this.tag && KEPT.includes(c[1] as Kept) && Array.isArray(c[2]) ? (c as CaptureText) : undefined
    } catch {
      return undefined
    }
  }

  /** The comment's report: the files' report in `actions` mode, its sessions the window's. */
  finish(files: ListedReport): { report: ListedReport; window: CommentWindow } {
    const window = this.window.window()
    const sessions = this.sink.sessions((s, i) => ({ ...s, turns: this.window.turnsAt(i) }))
    return { report: { ...files, mode: 'actions', sessions }, window }
  }
}

/** A found session's head as the comment's spilled sink writes it: its head, turns and all. */
function headTexts(found: SessionTexts): SessionTexts {
  // A string of its own: the found session's bytes are given back once the files' sink wrote them.
  const head = found.head.toString()
  return {
    texts: true,
    id: found.id,
    json: head,
    head,
    prompts: head,
    digest: createHash('sha256').update(head).digest('base64'),
    turnChars: 0,
    session: () => JSON.parse(head) as SessionReport
  }
}
