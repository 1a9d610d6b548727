import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { fitComment } from '../../src/render/comment/index.js'
import { selectReport } from '../../src/select/select.js'
import type { Report, SessionReport } from '../../src/select/report.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/*
 * The comment and the release section share the session blocks they build for one report
 * (resumable, by report, window, changed files and block options). Whatever was built before,
 * each must be what it is when rendered alone. Fixture: fixtures/codex (real-shaped Codex logs),
 * its sessions repeated so that the fuller layouts are over the budget and given up half way.
 */

let r: Ingested
let base: Report
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'codex')])
  base = selectReport(r.db, { mode: 'actions', now: new Date('2026-04-01T00:00:00Z') })
})
afterAll(() => r.close())

const EDITED = ['notes.txt', 'src/b.ts', '/tmp/x', 'src/a.ts']
const CHANGED = ['src/a.ts', 'src/b.ts']

function many(copies: number): Report {
  const sessions: SessionReport[] = []
  // Edited files in an order the changed files reorder, so a session's block depends on them.
  for (let i = 0; i < copies; i++)
    for (const s of base.sessions) sessions.push({ ...s, id: `${String(i).padStart(6, '0')}-${s.id}`, cwd: null, files_touched: EDITED })
  return { ...base, sessions, totals: { ...base.totals, sessions: sessions.length } }
}

describe('session blocks shared between renderings of one report', () => {
  it('give the comment and the release section the text each has alone, in either order, with and without changed files', () => {
    const renderings = [
      { budget: 20_000, changedFiles: CHANGED },
      { budget: 60_000, title: 'AI assistance in this release', marker: false },
      { budget: 20_000 },
      { budget: 8_000, changedFiles: CHANGED.slice(1) }
    ]
    for (const copies of [3, 40]) {
      const alone = renderings.map((o) => fitComment(structuredClone(many(copies)), o))
      // Over the budget at the fullest layout, so blocks are left half built for the next.
      expect(alone.some((f) => f.level > 0)).toBe(true)
      // The changed files come first in a session's block: the blocks differ, not only the lead.
      expect(alone[0].body).toContain('edited `src/a.ts`, `src/b.ts`')
      expect(alone[2].body).toContain('edited `notes.txt`, `src/b.ts`')
      for (const order of [renderings, [...renderings].reverse()]) {
        const shared = many(copies)
        const fitted = order.map((o) => fitComment(shared, o))
        for (const [i, o] of order.entries()) expect(fitted[i]).toEqual(alone[renderings.indexOf(o)])
      }
    }
  })
})
