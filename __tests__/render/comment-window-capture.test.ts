import { describe, expect, it } from '@jest/globals'
import { CommentWindowBuilder } from '../../src/render/comment/index.js'
import { TurnsCapture, type Kept } from '../../src/render/comment/window.js'
import type { Report } from '../../src/select/report.js'
import { syntheticReport } from './support.js'

/** The window and the turns it holds of each session, from the whole turns (`add`), as a cold run makes them. */
function fromTurns(report: Report, budget: number, charCap?: number) {
  const builder = new CommentWindowBuilder(budget, charCap)
  const captures = new Map<string, TurnsCapture>()
  const held = report.sessions.map((s) => {
    const turns = builder.begin(s.id)
    const capture = new TurnsCapture(builder.kept, Infinity, Infinity)
    for (const t of s.turns) {
      builder.add(t)
      capture.add(t)
    }
    captures.set(s.id, capture)
    return turns
  })
  return { window: builder.window(), held, captures }
}

/** The same from captures (`addKnown`), as a warm run makes them; null when a capture cannot serve. */
function fromCaptures(report: Report, budget: number, captures: Map<string, TurnsCapture>, charCap?: number) {
  const builder = new CommentWindowBuilder(budget, charCap)
  const levels: Kept[] = []
  const held = []
  for (const s of report.sessions) {
    const turns = builder.begin(s.id)
    const c = captures.get(s.id)!
    if (!builder.holdsAtMost(c.level)) return null
    levels.push(c.level)
    for (const [facts, kept] of c.turns) builder.addKnown(facts, kept)
    held.push(turns)
  }
  return { window: builder.window(), held, levels }
}

/** Fixture: syntheticReport (self-written, every string a run of Markdown-special pieces). */
describe('a comment window built from captured sessions', () => {
  it('is the window built from the turns themselves, whatever levels it passes through', () => {
    const seen = new Set<Kept>()
    for (const [count, seed, budget] of [
      [3, 1, 20_000],
      [40, 2, 5_000],
      [300, 3, 5_000],
      [500, 5, 5_000]
    ]) {
      const report = syntheticReport(count, seed)
      const cold = fromTurns(report, budget)
      const warm = fromCaptures(report, budget, cold.captures)
      expect(warm).not.toBeNull()
      expect(warm!.window).toEqual(cold.window)
      expect(warm!.held).toEqual(cold.held)
      for (const l of warm!.levels) seen.add(l)
    }
    // Sessions were captured at several levels, so replaying at and past a capture's level was tested.
    expect(seen.size).toBeGreaterThan(2)
  })

  it('serves a report whose earlier sessions moved the window on, as its turns would', () => {
    const report = syntheticReport(300, 3)
    const budget = 5_000
    // Captured in a report of the last 100 sessions only: the window was fuller when each began.
    const last = { ...report, sessions: report.sessions.slice(200) }
    const captures = fromTurns(last, budget).captures
    const whole = fromTurns(report, budget)
    const warm = fromCaptures(report, budget, new Map([...whole.captures].map(([id, c]) => [id, captures.get(id) ?? c])))
    expect(warm).not.toBeNull()
    expect(warm!.window).toEqual(whole.window)
    expect(warm!.held).toEqual(whole.held)
  })

  it('cannot serve a window fuller than the one it was captured with', () => {
    const report = syntheticReport(300, 3)
    const budget = 5_000
    const whole = fromTurns(report, budget)
    const last = report.sessions[report.sessions.length - 1]
    expect(whole.captures.get(last.id)!.level).not.toBe('actions')
    // The last session alone begins with the fullest window, which its capture does not hold.
    expect(fromCaptures({ ...report, sessions: [last] }, budget, whole.captures)).toBeNull()
  })

  it('keeps nothing of a session past its limits', () => {
    const report = syntheticReport(40, 2)
    const c = new TurnsCapture('actions', 100, Infinity)
    for (const t of report.sessions.flatMap((s) => s.turns)) c.add(t)
    expect(c.full).toBe(true)
    expect(c.turns).toEqual([])
  })
})
