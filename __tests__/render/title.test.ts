import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { redactReport } from '../../src/redact/policy.js'
import { renderComment } from '../../src/render/comment/index.js'
import { renderReport } from '../../src/render/index.js'
import { selectReport } from '../../src/select/select.js'
import type { Report } from '../../src/select/report.js'
import { fixtures, ingestFresh, type Ingested } from '../helpers.js'
import { csvRecords } from './support.js'

/** Fixture: fixtures/claude-code-2.1 (real-shaped Claude Code 2.1 log with an `ai-title` line). */

const ID = '7a1e2000-2100-4100-8100-000000000021'
const TITLE = 'Fix the flaky clock test'

let r: Ingested
let report: Report
beforeAll(async () => {
  r = await ingestFresh([join(fixtures, 'claude-code-2.1')])
  report = redactReport(selectReport(r.db, { mode: 'actions', now: new Date('2026-04-01T00:00:00Z') }), parseConfig('', 'x.yml'), null).report
})
afterAll(() => r.close())

const text = (format: 'md' | 'html' | 'json') => renderReport(report, format).files[0].content

describe("a session's title", () => {
  it('is carried into the report from the log, and null when the agent named none', () => {
    expect(report.sessions.find((s) => s.id === ID)?.title).toBe(TITLE)
    expect(report.sessions.filter((s) => s.id !== ID).every((s) => s.title === null || typeof s.title === 'string')).toBe(true)
    expect(JSON.parse(text('json')).sessions.find((s: { id: string }) => s.id === ID).title).toBe(TITLE)
  })

  it("is shown in the Markdown sessions table, the comment's session block, the HTML session list and sessions.csv", () => {
    const row = text('md')
      .split('\n')
      .find((l) => l.startsWith('|') && l.includes(TITLE))
    expect(row).toBeDefined()
    expect(renderComment(report)).toContain(`_${TITLE}_`)
    expect(text('html')).toContain(`<span class="s-title">${TITLE}</span>`)
    const csv = csvRecords(renderReport(report, 'csv').files.find((f) => f.name === 'sessions.csv')?.content ?? '')
    expect(csv.find((c) => c.session_id === ID)?.title).toBe(TITLE)
  })
})
