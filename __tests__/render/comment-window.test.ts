import { describe, expect, it } from '@jest/globals'
import { CommentWindowBuilder, fitComment, renderComment } from '../../src/render/comment/index.js'
import type { Report } from '../../src/select/report.js'
import { syntheticReport } from './support.js'

/** Feeds a report to the builder a turn at a time, as the job does; returns what it kept. */
function windowed(report: Report, budget: number, charCap?: number) {
  const builder = new CommentWindowBuilder(budget, charCap)
  const sessions = report.sessions.map((s) => {
    const turns = builder.begin(s.id)
    for (const t of s.turns) builder.add(t)
    return { ...s, turns }
  })
  const window = builder.window()
  const held = sessions.reduce((n, s) => n + s.turns.length + s.turns.reduce((a, t) => a + t.actions.length, 0), 0)
  return { report: { ...report, sessions }, window, held }
}

/** Fixture: syntheticReport (self-written, every string a run of Markdown-special pieces). */
describe('the comment window', () => {
  it('renders the same comment as the whole report, at every budget up to the one it was built for', () => {
    const kinds = new Set<string>()
    for (const [count, seed] of [
      [3, 1],
      [40, 2],
      [300, 3]
    ]) {
      const report = syntheticReport(count, seed)
      const whole = new Map([20_000, 5_000, 2_000, 500].map((budget) => [budget, fitComment(report, { budget })]))
      for (const windowBudget of [20_000, 5_000]) {
        const w = windowed(report, windowBudget)
        if (count === 300 && windowBudget === 5_000) kinds.add(w.window.kept)
        for (const [budget, expected] of whole) {
          if (budget > windowBudget) continue
          const kept = fitComment(w.report, { budget, window: w.window })
          expect({ count, budget, level: kept.level }).toEqual({ count, budget, level: expected.level })
          expect(kept.body).toBe(expected.body)
        }
      }
    }
    // The window let go of turns in at least one case above, so the sameness was tested where it matters.
    expect([...kinds].some((k) => k !== 'actions')).toBe(true)
  })

  it('lets go of the turns no layout that can still fit shows, so what it holds does not grow with the log', () => {
    const small = windowed(syntheticReport(40, 2), 20_000)
    expect(small.window.kept).toBe('actions')
    const report = syntheticReport(300, 3)
    const big = windowed(report, 5_000)
    expect(big.window.kept).not.toBe('actions')
    const all = report.sessions.reduce((n, s) => n + s.turns.length + s.turns.reduce((a, t) => a + t.actions.length, 0), 0)
    expect(big.held).toBeLessThan(all / 2)
    // Past the budget for every session's block, only the first sessions keep a prompt.
    const huge = windowed(syntheticReport(500, 5), 5_000)
    expect(huge.window.kept).toBe('head')
    expect(huge.held).toBeLessThanOrEqual(20)
  })

  it('gives up a fuller layout, never shows a cut one, when the characters it holds pass its cap', () => {
    const report = syntheticReport(40, 2)
    const capped = windowed(report, 100_000, 2_000)
    expect(capped.window.kept).not.toBe('actions')
    const whole = fitComment(report, { budget: 64_512 })
    const kept = fitComment(capped.report, { budget: 64_512, window: capped.window })
    expect(kept.level).toBeGreaterThanOrEqual(whole.level)
    // Whatever level it fell to, the body is what the whole report renders at that level.
    expect(renderComment(capped.report, { budget: 64_512, window: capped.window })).toBe(kept.body)
  })
})
