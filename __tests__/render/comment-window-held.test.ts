import { describe, expect, it } from '@jest/globals'
import { CommentWindowBuilder, fitComment } from '../../src/render/comment/index.js'
import { MAX_BLOCKS } from '../../src/render/comment/window.js'
import type { Report } from '../../src/select/report.js'
import { syntheticReport } from './support.js'

/**
 * What the comment window holds of a report of many sessions (issue #13, case 6): once no layout
 * but the one of the first `MAX_BLOCKS` sessions can fit, it holds the turns and glances of those
 * sessions only, and counts the rest, so the comment's report of 100,000 sessions holds what one
 * of a few hundred does. The comment is the one the whole report renders.
 * Fixture: syntheticReport (self-written).
 */

/** Feeds the report to the builder a turn at a time, as the job does; the turns read back by place, as a spilled report's are. */
function windowed(report: Report, budget: number) {
  const builder = new CommentWindowBuilder(budget)
  for (const s of report.sessions) {
    builder.begin(s.id)
    for (const t of s.turns) builder.add(t)
  }
  const window = builder.window()
  const sessions = report.sessions.map((s, i) => ({ ...s, turns: builder.turnsAt(i) }))
  return { builder, window, report: { ...report, sessions } }
}

describe('the comment window of many sessions', () => {
  it('keeps the glances and turns of the sessions the comment can show, and renders the whole report’s comment', () => {
    const report = syntheticReport(1_500, 7)
    const w = windowed(report, 5_000)
    expect(w.window.kept).toBe('head')
    expect(w.window.glances.size).toBe(MAX_BLOCKS)
    expect([...w.window.glances.keys()]).toEqual(report.sessions.slice(0, MAX_BLOCKS).map((s) => s.id))
    for (let i = MAX_BLOCKS; i < report.sessions.length; i++) expect(w.builder.turnsAt(i)).toEqual([])
    expect(w.report.sessions.slice(0, MAX_BLOCKS).some((s) => s.turns.length > 0)).toBe(true)
    for (const budget of [5_000, 2_000]) {
      const expected = fitComment(report, { budget })
      const kept = fitComment(w.report, { budget, window: w.window })
      expect({ budget, level: kept.level }).toEqual({ budget, level: expected.level })
      expect(kept.body).toBe(expected.body)
    }
  })

  it('holds every session’s glance while a layout of every session’s block can still fit', () => {
    const report = syntheticReport(40, 2)
    const w = windowed(report, 20_000)
    expect(w.window.kept).not.toBe('head')
    expect(w.window.glances.size).toBe(40)
    expect(fitComment(w.report, { budget: 20_000, window: w.window }).body).toBe(fitComment(report, { budget: 20_000 }).body)
  })
})
