import { describe, expect, it } from '@jest/globals'
import type { Nodes, RootContent } from 'mdast'
import { COMMENT_MARKER, CommentWindowBuilder, commentLevels, defuseMarkers } from '../../src/render/comment/index.js'
import { toMarkdown } from '../../src/render/md-stringify.js'
import type { Report, SessionReport, Turn } from '../../src/select/report.js'
import { prng } from '../helpers.js'
import { MARKDOWN_PIECES, syntheticReport } from './support.js'

/**
 * syntheticReport (self-written, every string a run of Markdown-special pieces) with some sessions
 * given many prompts, so list numbers run to three digits, and prompts that are empty, blank,
 * private, hostile or numbered from 0, 1 or past a gap.
 */
function manyPromptsReport(seed: number): Report {
  const base = syntheticReport(12, seed)
  const rnd = prng(seed * 7919)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const hostile = (): string => {
    const r = rnd()
    if (r < 0.1) return ''
    if (r < 0.2) return ' \n\t '
    if (r < 0.3) return '\n\nsecond line only'
    return Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => pick(MARKDOWN_PIECES)).join(pick(['', ' ', '\n']))
  }
  const sessions: SessionReport[] = base.sessions.map((s, i) => {
    if (i % 3 !== 0) return s
    const prompts = 1 + Math.floor(rnd() * 250)
    const first = pick([0, 1, 7])
    const gapAt = rnd() < 0.3 ? Math.floor(rnd() * prompts) : -1
    const turns: Turn[] = Array.from({ length: prompts }, (_, t) => ({
      ordinal: first + t + (gapAt >= 0 && t >= gapAt ? 3 : 0),
      ts: null,
      prompt: rnd() < 0.05 ? null : { text: hostile(), private: rnd() < 0.05, by_agent: false, event_id: t + 1 },
      actions: []
    }))
    return { ...s, prompts, turns }
  })
  return { ...base, sessions }
}

/**
 * One session of `prompts` one-character prompts: its list items are as short as an item can be,
 * so a bound that counted one character too many per item would pass the layout's length.
 */
function shortestItemsReport(prompts: number): Report {
  const base = syntheticReport(1, 1)
  const turns: Turn[] = Array.from({ length: prompts }, (_, t) => ({
    ordinal: t + 1,
    ts: null,
    prompt: { text: 'x', private: false, by_agent: false, event_id: t + 1 },
    actions: []
  }))
  return { ...base, sessions: [{ ...base.sessions[0], prompts, turns }] }
}

/** A layout's whole Markdown, as `fitComment` renders it. */
function rendered(nodes: Nodes[]): string {
  return `${COMMENT_MARKER}\n${defuseMarkers(toMarkdown(nodes as RootContent[]))}`
}

describe('the comment window’s lower bounds', () => {
  it('never exceed the length of the layout they bound, for random sessions of hostile text', () => {
    let listed = 0
    for (let seed = 1; seed <= 13; seed++) {
      const report = seed === 13 ? shortestItemsReport(2_000) : manyPromptsReport(seed)
      // A budget nothing passes: the window keeps every turn, so every layout is there to render.
      const builder = new CommentWindowBuilder(Infinity)
      const sessions = report.sessions.map((s) => {
        const turns = builder.begin(s.id)
        for (const t of s.turns) builder.add(t)
        return { ...s, turns }
      })
      const window = builder.window()
      expect(window.kept).toBe('actions')
      const levels = commentLevels({ ...report, sessions }, { window })
      for (const [i, level] of levels.slice(0, -1).entries()) {
        const body = rendered([...level.build()].flat())
        const bound = `${COMMENT_MARKER}\n`.length + (level.lowerBound ?? 0)
        expect({ seed, level: i, fits: bound <= body.length }).toEqual({ seed, level: i, fits: true })
      }
      listed += Math.max(...report.sessions.map((s) => s.turns.length))
    }
    // Some session listed prompts numbered past 99, where an item's number is three digits.
    expect(listed).toBeGreaterThan(13 * 100)
  })

  it('count several characters a listed prompt, so a session of many prompts lets its listing go early', () => {
    const turns: Turn[] = Array.from({ length: 30_000 }, (_, t) => ({
      ordinal: t + 1,
      ts: null,
      prompt: { text: `check part ${t}`, private: false, by_agent: false, event_id: t + 1 },
      actions: []
    }))
    const builder = new CommentWindowBuilder(100_000)
    const held = builder.begin('s')
    let givenUpAt = -1
    for (const [i, t] of turns.entries()) {
      builder.add(t)
      if (givenUpAt < 0 && builder.holdsAtMost('five')) givenUpAt = i + 1
    }
    // One character a prompt would keep every first line until 100,000 prompts.
    expect(givenUpAt).toBeGreaterThan(0)
    expect(givenUpAt).toBeLessThan(15_000)
    expect(held.length).toBe(5)
  })
})
