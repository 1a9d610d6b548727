import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { buildReport } from '../../src/pipeline/report.js'
import { renderReport, type ReportFormat } from '../../src/render/index.js'
import { ReportSchema } from '../../src/select/report.js'
import { selectReport } from '../../src/select/select.js'
import type { Db } from '../../src/store/db.js'
import { setDisposition } from '../../src/store/review-dispositions.js'
import { addNote } from '../../src/store/review-notes.js'
import { addTag } from '../../src/store/review-tags.js'
import { cleanUpAfterEach, fixtures, repoRoot } from '../helpers.js'

const { ingest } = cleanUpAfterEach()
const TWO_PROMPTS = '0199a1b2-0000-7000-8000-00000000c0de'
const OTHER = '0199a1b2-0000-7000-8000-00000000f0c5'
const NOW = new Date('2026-04-01T00:00:00Z')
const by = { actor: 'Ada Reviewer', at: '2026-03-31T12:00:00.000Z' }
// Assembled here so no contiguous token sits in the repository (push protection).
const TOKEN = 'ghp_' + 'Zq8vR2mLx9TwZq8v' + 'R2mLx9TwZq8vR2mLx9Tw'
const EMAIL = 'jane.roe' + '@globex.io'

/** The codex fixtures with a reviewed session: tags on it and on a prompt, notes, dispositions. */
async function reviewed(): Promise<Db> {
  const { db } = await ingest([join(fixtures, 'codex')])
  addTag(db, { session: TWO_PROMPTS, label: 'TICKET-42' }, by)
  addTag(db, { session: TWO_PROMPTS, prompt: 2, label: 'slow' }, by)
  addNote(db, { session: TWO_PROMPTS, text: 'asked in the standup' }, by)
  addNote(db, { session: TWO_PROMPTS, prompt: 1, text: 'the agent skipped the failing test' }, by)
  setDisposition(db, { session: TWO_PROMPTS, prompt: 1 }, 'needs-review', by)
  setDisposition(db, { session: TWO_PROMPTS, prompt: 2 }, 'followed', by)
  addTag(db, { session: OTHER, prompt: 1, label: 'theme:parser' }, by)
  return db
}

describe('a report of a reviewed store', () => {
  it('keeps only the sessions with a tag (on the session or a prompt, any case) when filtered by it', async () => {
    const db = await reviewed()
    const ids = (tags: string[]) => selectReport(db, { filters: { tags }, now: NOW }).sessions.map((s) => s.id)
    expect(ids(['ticket-42'])).toEqual([TWO_PROMPTS])
    expect(ids(['theme:parser'])).toEqual([OTHER])
    expect(ids(['TICKET-42', 'theme:parser']).sort()).toEqual([TWO_PROMPTS, OTHER].sort())
    expect(ids(['nobody-used-this'])).toEqual([])
    expect(selectReport(db, { now: NOW }).sessions.length).toBeGreaterThan(2)
    expect(selectReport(db, { filters: { tags: ['slow'] }, now: NOW }).filters.tags).toEqual(['slow'])
    expect(selectReport(db, { now: NOW }).filters).not.toHaveProperty('tags')
  })

  it('carries tags, notes and dispositions in the sessions that have any, and no field in the others', async () => {
    const db = await reviewed()
    const r = buildReport(db, { config: parseConfig('', 'x.yml'), mode: 'prompts', now: NOW }).report
    expect(ReportSchema.parse(r)).toBeTruthy()
    const s = r.sessions.find((x) => x.id === TWO_PROMPTS)!
    expect(s.review).toEqual({
      tags: [
        { prompt: null, label: 'TICKET-42' },
        { prompt: 2, label: 'slow' }
      ],
      notes: [
        { prompt: null, text: 'asked in the standup' },
        { prompt: 1, text: 'the agent skipped the failing test' }
      ],
      dispositions: [
        { prompt: 1, value: 'needs-review' },
        { prompt: 2, value: 'followed' }
      ]
    })
    const unreviewed = r.sessions.filter((x) => x.id !== TWO_PROMPTS && x.id !== OTHER)
    expect(unreviewed.length).toBeGreaterThan(0)
    for (const x of unreviewed) expect(x).not.toHaveProperty('review')
    // Who and when stay in the database.
    expect(JSON.stringify(r)).not.toContain('Ada Reviewer')
  })

  it('redacts a planted secret and an e-mail in a note and a label through the same engine, and the rules too', async () => {
    const db = await reviewed()
    addNote(db, { session: TWO_PROMPTS, prompt: 2, text: `pasted ${TOKEN} by mistake, ask ${EMAIL}` }, by)
    addTag(db, { session: TWO_PROMPTS, label: 'client-ACME' }, by)
    const config = parseConfig('rules:\n  - id: client\n    literals: [ACME]\n', 'x.yml')
    const built = buildReport(db, { config, mode: 'prompts', now: NOW, filters: { tags: ['client-ACME'] } })
    const text = JSON.stringify(built.report)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(EMAIL)
    expect(text).not.toContain('ACME')
    const s = built.report.sessions[0]
    expect(s.review!.notes.find((n) => n.prompt === 2)!.text).toMatch(/^pasted \[REDACTED:[\w-]+\] by mistake, ask \[REDACTED:email[^\]]*\]$/)
    expect(s.review!.tags.map((t) => t.label)).toContain('client-[REDACTED:client]')
    // The filter echoed in the report is a label too.
    expect(built.report.filters.tags).toEqual(['client-[REDACTED:client]'])
    expect(built.records.some((x) => x.field === 'review_note' && x.session_id === TWO_PROMPTS)).toBe(true)
    expect(built.report.redactions.by_detector.client).toBeGreaterThanOrEqual(2)
    for (const f of ['md', 'html'] as const) {
      const out = renderReport(built.report, f).files[0].content
      expect(out).not.toContain(TOKEN)
      expect(out).not.toContain('ACME')
    }
  })

  it('metadata-only tags labels and drops notes, keeping dispositions', async () => {
    const db = await reviewed()
    const r = buildReport(db, { config: parseConfig('preset: metadata-only\n', 'x.yml'), mode: 'summary', now: NOW }).report
    const s = r.sessions.find((x) => x.id === TWO_PROMPTS)!
    expect(s.review!.notes).toEqual([])
    expect(s.review!.tags.map((t) => t.label)).not.toContain('TICKET-42')
    expect(s.review!.tags).toHaveLength(2)
    expect(s.review!.dispositions).toHaveLength(2)
  })
})

const GOLDEN = join(repoRoot, '__tests__', 'golden', 'review')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

describe('golden review report', () => {
  it.each(['md', 'json', 'html'] as ReportFormat[])(
    'shows tags under the session, dispositions and notes with the prompts: %s byte for byte',
    async (format) => {
      const db = await reviewed()
      const r = buildReport(db, { config: parseConfig('', 'x.yml'), mode: 'prompts', now: NOW, version: '0.1.0', filters: { tags: ['TICKET-42'] } }).report
      const content = renderReport(r, format).files[0].content
      const path = join(GOLDEN, `prompts.${format}`)
      if (UPDATE) {
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, content)
        return
      }
      if (!existsSync(path)) throw new Error(`missing golden file ${path}; run UPDATE_GOLDEN=1 npm test -- __tests__/review-store`)
      expect(content).toBe(readFileSync(path, 'utf8'))
    }
  )
})
