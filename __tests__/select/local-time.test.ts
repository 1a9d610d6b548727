import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { renderComment } from '../../src/render/comment/index.js'
import { renderReport } from '../../src/render/index.js'
import type { FilterInput } from '../../src/select/filters.js'
import { selectReport } from '../../src/select/select.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'

/**
 * Fixture: fixtures/aider (real-shaped `.aider.chat.history.md`, two runs whose headers are
 * `# aider chat started at 2026-02-10 09:30:12` and `… 2026-02-11 14:05:00`, local time with no zone).
 */

let r: Ingested
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'aider')])
})
afterAll(() => r.close())

const now = new Date('2026-04-01T12:00:00Z')
const LOCAL = '2026-02-10 09:30 (local time, zone not recorded)'

describe("Aider's zone-less run headers", () => {
  it('are kept as local wall-clock times, not as UTC', () => {
    const rep = selectReport(r.db, { now, mode: 'actions' })
    expect(rep.sessions.map((s) => s.started_at)).toEqual(['2026-02-10T09:30:12', '2026-02-11T14:05:00'])
  })

  it('are shown as local time in Markdown, the comment and HTML, whatever zone the report is in', () => {
    for (const timezone of ['UTC', 'Asia/Tokyo']) {
      const rep = selectReport(r.db, { now, mode: 'actions', filters: { timezone } })
      const md = renderReport(rep, 'md').files[0].content
      expect(md).toContain(LOCAL)
      expect(md).not.toMatch(/2026-02-10 (09:30|18:30)(?! \(local)/)
      expect(renderComment(rep)).toContain(LOCAL)
      const html = renderReport(rep, 'html').files[0].content
      expect(html).toContain(LOCAL)
      expect(html).not.toContain('2026-02-10 09:30 UTC')
    }
  })

  it('count on the day their clock showed, and --since/--until read them as wall-clock time in the report zone', () => {
    const ids = (filters: FilterInput) => selectReport(r.db, { now, filters }).sessions.map((s) => s.started_at)
    // Read as UTC, 09:30 on the 10th would be 23:30 on the 9th in Honolulu: its day and the bare
    // date that selects it are the 10th, as its clock showed.
    const byDay = selectReport(r.db, { now, filters: { timezone: 'Pacific/Honolulu' } }).usage.by_day.map((d) => d.key)
    expect(byDay).not.toContain('2026-02-09')
    expect(ids({ since: '2026-02-10', until: '2026-02-10', timezone: 'Pacific/Honolulu' })).toEqual(['2026-02-10T09:30:12'])
    expect(ids({ since: '2026-02-10T10:00', until: '2026-02-10T23:00', timezone: 'UTC' })).toEqual([])
    expect(ids({ since: '2026-02-11', timezone: 'UTC' })).toEqual(['2026-02-11T14:05:00'])
  })
})
