import type { Action, SessionReport, Turn } from '../../select/report.js'
import { previewLine } from '../md-nodes.js'
import { firstNumber } from '../md-turns.js'
import { detachedCopy } from '../../detached-copy.js'

/**
 * Text every session block holds whatever the log says: the separators between who and the
 * id, and between tokens and cost, and the word `tokens` (all the renderer's own wording, so no
 * cleaning can shorten them). A lower bound that lets a big report skip layouts without building them.
 */
export const BLOCK_MIN_TEXT = ' · '.length * 2 + 'tokens'.length

/**
 * Characters a session block's list item for the prompt at `index` (from 0) adds to its text at
 * least: its number, the `.` and the space after it, and the line break before every item but the
 * first. The list starts at 0 or more, so an item's number has at least as many digits as its
 * index. With this, a session's every prompt costs the layouts that list them all several
 * characters, and those layouts are given up (and their turns let go) long before one character
 * a prompt would pass the budget.
 */
export function promptItemSyntax(index: number): number {
  return String(Math.max(index, 1)).length + '. '.length + (index > 0 ? '\n'.length : 0)
}

/** Sessions given a block of their own once the comment is too long for all of them. */
export const MAX_BLOCKS = 20

/** Prompts a session block lists at the level that lists a few of each session's. */
export const FEW_PROMPTS = 5

/**
 * How much of its sessions' turns a comment's report holds, fullest first: every turn with its
 * actions; every prompt; every prompt's first line; each session's first five prompts' first
 * lines; each session's first; the first of the first few sessions only. A comment's layouts
 * each need one of these.
 */
export const KEPT = ['actions', 'prompts', 'lines', 'five', 'first', 'head'] as const
export type Kept = (typeof KEPT)[number]

/** What a session block says of a session whose turns were not all kept. */
export interface SessionGlance {
  /** Turns that open with a person's prompt. */
  promptTurns: number
  /** Tool calls that exited with a code other than 0. */
  failedCalls: number
  /** The number its list of prompts starts at (see `firstNumber`). */
  firstNumber: number
}

/** A comment's report holds `kept` of every session's turns; `glances` say what the rest held. */
export interface CommentWindow {
  kept: Kept
  glances: ReadonlyMap<string, SessionGlance>
  /** Characters of Markdown the layouts that need each kind of window hold at least. */
  bounds: Readonly<Record<Exclude<Kept, 'head'>, number>>
}

/**
 * Characters held, per character of text a layout shows, past which the layouts that need a kind
 * of window are given up. A field of the fullest layouts shows a good part of the window the
 * report carries of it; a session block shows only a prompt's first line, cut short.
 */
const HELD_PER_SHOWN: Record<Kept, number> = { actions: 16, prompts: 16, lines: 64, five: 64, first: 64, head: Infinity }

/** The glance of a session whose turns are all there. */
export function glanceOf(s: SessionReport): SessionGlance {
  let failed = 0
  for (const t of s.turns) for (const a of t.actions) if (isFailed(a)) failed++
  const prompts = s.turns.filter((t) => t.prompt)
  return { promptTurns: prompts.length, failedCalls: failed, firstNumber: firstNumber(prompts) }
}

const isFailed = (a: Action) => a.kind === 'tool_call' && a.exit_code !== null && a.exit_code !== 0

function textChars(t: Turn): number {
  let n = t.prompt?.text.length ?? 0
  for (const a of t.actions) n += (a.text?.length ?? 0) + (a.arguments?.length ?? 0) + (a.output?.length ?? 0) + (a.name?.length ?? 0)
  return n
}

/**
 * What a layout that needs `kept` shows of a turn: prompts past `actions` lose their actions, and
 * past `prompts` their text but the first line, the only part a session block previews. A tool
 * call's arguments are shown only when it has no command, so with one they are not kept.
 */
function shrink(t: Turn, kept: Kept): Turn {
  if (kept === 'actions')
    return t.actions.some((a) => a.text && a.arguments !== null) ? { ...t, actions: t.actions.map((a) => (a.text ? { ...a, arguments: null } : a)) } : t
  const prompt = t.prompt && kept !== 'prompts' ? { ...t.prompt, text: detachedCopy(previewLine(t.prompt.text)) } : t.prompt
  return { ...t, prompt, actions: [] }
}

/** Whether a window at `kept` holds a turn, given the prompts its session's held turns have and the session's place. */
function wants(kept: Kept, prompts: number, index: number, hasPrompt: boolean): boolean {
  switch (kept) {
    case 'actions':
      return true
    case 'prompts':
    case 'lines':
      return hasPrompt
    case 'five':
      return hasPrompt && prompts < FEW_PROMPTS
    case 'first':
      return hasPrompt && prompts < 1
    case 'head':
      return hasPrompt && prompts < 1 && index < MAX_BLOCKS
  }
}

/** What the window counts of a turn: its ordinal, whether it opens with a prompt, its actions, its failed calls. */
export type TurnFacts = [ordinal: number, hasPrompt: boolean, actions: number, failed: number]

export function factsOf(t: Turn): TurnFacts {
  let failed = 0
  for (const a of t.actions) if (isFailed(a)) failed++
  return [t.ordinal, t.prompt !== null, t.actions.length, failed]
}

/**
 * What a window at `level` holds of each turn of one session, in order: the turn's facts, and the
 * turn as that window keeps it, or null when it would not hold it. A window at `level` or past
 * it can be built from this as from the turns themselves (`addKnown`): it holds a subset of these
 * turns, and shrinking a kept turn again gives what shrinking the turn would. `full` once the
 * capture passes `maxChars` characters or `maxTurns` turns: it is then not kept, so a session of
 * any size costs no more memory than the window itself.
 */
export class TurnsCapture {
  readonly turns: [TurnFacts, Turn | null][] = []
  full = false
  private prompts = 0
  private chars = 0

  constructor(
    readonly level: Kept,
    private readonly maxChars: number,
    private readonly maxTurns: number
  ) {}

  add(t: Turn): void {
    if (this.full) return
    const facts = factsOf(t)
    // As a session's first window (index 0) would: 'head' then keeps what 'first' keeps.
    const held = wants(this.level, this.prompts, 0, facts[1]) ? shrink(t, this.level) : null
    if (held?.prompt) this.prompts++
    this.chars += held ? textChars(held) : 0
    this.turns.push([facts, held])
    if (this.chars > this.maxChars || this.turns.length > this.maxTurns) {
      this.full = true
      this.turns.length = 0
    }
  }
}

interface Held {
  turns: Turn[]
  prompts: number
  index: number
}

/**
 * Builds a comment's report a turn at a time while holding only what a comment could show.
 * Every layout of the comment needs some of each session's turns (`Kept`); each is tried only
 * when a lower bound of its text fits the largest budget the comment is rendered in. Once that
 * bound, which only grows with more turns and sessions, is past the budget, the layout can never
 * be used, and the turns only it shows are let go. A cap on the characters held does the same
 * for logs whose fields are long (the bounds count only a few characters per shown item).
 */
export class CommentWindowBuilder {
  kept: Kept = 'actions'
  readonly glances = new Map<string, SessionGlance>()
  /**
   * By the session's place. At `head` only the first `MAX_BLOCKS` sessions are shown, so only
   * theirs are held (and their glances kept): the rest are counted, so a report of any number of
   * sessions holds no more than a comment could show.
   */
  private readonly held: Held[] = []
  private sessions = 0
  private chars = 0
  /** The lower bounds of the Markdown of the layouts that need each kind of window. */
  private need = { actions: 0, prompts: 0, lines: 0, five: 0, first: 0 }
  private current: { held: Held; glance: SessionGlance; consecutive: boolean; lastPrompt: number } | null = null

  /** `charCap`: the most characters held whatever the kind of window (tests); by default per kind, see HELD_PER_SHOWN. */
  constructor(
    private readonly budget: number,
    private readonly charCap?: number
  ) {}

  /** Starts a session; returns the array its kept turns will be in (the session's `turns`). */
  begin(id: string): Turn[] {
    const index = this.sessions++
    const held: Held = { turns: [], prompts: 0, index }
    const glance: SessionGlance = { promptTurns: 0, failedCalls: 0, firstNumber: 1 }
    if (this.shown(index)) {
      this.held.push(held)
      this.glances.set(id, glance)
    }
    this.current = { held, glance, consecutive: true, lastPrompt: 0 }
    for (const k of ['actions', 'prompts', 'lines', 'five', 'first'] as const) this.need[k] += BLOCK_MIN_TEXT
    this.settle()
    return held.turns
  }

  /** One redacted turn of the session begun last, in order. */
  add(t: Turn): void {
    this.place(factsOf(t), t)
  }

  /**
   * One turn known by its facts and, when a window at `level` would hold it, by what that window
   * holds of it (`TurnsCapture`): the same as `add` of the whole turn while this window is at
   * `level` or past it (`holdsAtMost`).
   */
  addKnown(facts: TurnFacts, held: Turn | null): void {
    this.place(facts, held)
  }

  /** Whether a session captured with this window at `level` can be added with `addKnown` now. */
  holdsAtMost(level: Kept): boolean {
    return KEPT.indexOf(this.kept) >= KEPT.indexOf(level)
  }

  private place([ordinal, hasPrompt, actions, failed]: TurnFacts, t: Turn | null): void {
    const c = this.current
    if (!c) throw new Error('add before begin')
    c.glance.failedCalls += failed
    // Each shown turn and action is at least one character of the fullest layout's text.
    if (hasPrompt || actions) this.need.actions += 1 + actions
    if (hasPrompt) {
      const g = c.glance
      if (g.promptTurns === 0) g.firstNumber = ordinal
      else if (ordinal !== c.lastPrompt + 1) c.consecutive = false
      c.lastPrompt = ordinal
      // The prompt's list item in its session's block: at least one character of text and its syntax.
      const item = 1 + promptItemSyntax(g.promptTurns)
      g.promptTurns++
      this.need.actions += item
      this.need.prompts += item
      this.need.lines += item
      if (g.promptTurns <= FEW_PROMPTS) this.need.five += item
      if (g.promptTurns === 1) this.need.first += item
      if (!c.consecutive) g.firstNumber = 1
    }
    if (wants(this.kept, c.held.prompts, c.held.index, hasPrompt)) {
      if (!t) throw new Error('a known turn the window holds came without its text')
      const kept = shrink(t, this.kept)
      c.held.turns.push(kept)
      if (kept.prompt) c.held.prompts++
      this.chars += textChars(kept)
    }
    this.settle()
  }

  /**
   * The turns held of the session at `index` (in the order begun): the array `begin` returned
   * while the window holds it; an empty one for a session it no longer holds, which, past
   * `MAX_BLOCKS` at `head`, is one whose turns the window let go of.
   */
  turnsAt(index: number): Turn[] {
    return this.held[index]?.turns ?? []
  }

  /** Whether the session at `index` can still be shown by a layout that may fit. */
  private shown(index: number): boolean {
    return this.kept !== 'head' || index < MAX_BLOCKS
  }

  /** The window the comment is rendered with, once every session was added. */
  window(): CommentWindow {
    this.current = null
    return { kept: this.kept, glances: this.glances, bounds: { ...this.need } }
  }

  /** Lets go of what no layout that can still fit shows. */
  private settle(): void {
    for (;;) {
      const k = this.kept
      const over = this.chars > (this.charCap ?? HELD_PER_SHOWN[k] * this.budget) || (k !== 'head' && this.need[k] > this.budget)
      if (!over || k === 'head') return
      this.kept = KEPT[KEPT.indexOf(k) + 1]
      this.chars = 0
      for (const h of this.held) {
        const kept: Turn[] = []
        h.prompts = 0
        for (const t of h.turns)
          if (wants(this.kept, h.prompts, h.index, t.prompt !== null)) {
            const s = shrink(t, this.kept)
            kept.push(s)
            if (s.prompt) h.prompts++
            this.chars += textChars(s)
          }
        h.turns.length = 0
        for (const t of kept) h.turns.push(t)
      }
      // Past the sessions `head` shows, every held array is now empty: they and their glances go.
      if (this.kept === 'head') this.forgetUnshown()
    }
  }

  private forgetUnshown(): void {
    if (this.held.length > MAX_BLOCKS) this.held.length = MAX_BLOCKS
    let i = 0
    for (const id of this.glances.keys()) if (i++ >= MAX_BLOCKS) this.glances.delete(id)
  }
}

/** The source of what makes and replays a capture, which the session cache's entries depend on (cached-sessions.ts). */
export const CAPTURE_SOURCE = [shrink, wants, factsOf, textChars, promptItemSyntax, TurnsCapture, CommentWindowBuilder].map(String).join('\0')
