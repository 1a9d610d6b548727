import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import Database from 'better-sqlite3'
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { reportHere, type ReportResult } from '../../src/pipeline/job.js'
import type { ReportMode } from '../../src/select/report.js'
import { openStore } from '../../src/store/db.js'
import { markdownChunks } from '../../src/render/markdown.js'
import type { SessionList } from '../../src/select/session-list.js'
import { SessionSink, SpillFile } from '../../src/select/spill.js'
import { SessionSpill } from '../../src/store/session-spill.js'
import type { EngineOptions } from '../../src/redact/types.js'
import { fixtures, tmpDir } from '../helpers.js'
import { codewordOptions } from './whole-check.js'

/*
 * A report of many sessions is redacted a session at a time and its redacted sessions written to
 * a temporary file, read back a page at a time by every renderer (src/select/spill.ts). Here every
 * report spills (past 0 sessions) and is compared with the same report held whole: every file,
 * the comment, the release section and the job summary are the same bytes, the redaction counts
 * and the provenance rows the same, and the temporary file is gone afterwards. The logs are the
 * committed fixtures of every agent (recorded sessions, some with identifiers that become tags).
 */

const AGENTS = ['aider', 'claude-code', 'cline', 'codex', 'copilot-chat', 'copilot-cli', 'cursor', 'gemini-cli', 'goose', 'opencode', 'pi', 'qwen-code']
const FILES = ['report.md', 'report.json', 'sessions.csv', 'prompts.csv', 'tool_calls.csv', 'tokens.csv', 'report.html', 'comment.md', 'summary.md']

let dir: string
let filled: string

beforeAll(async () => {
  dir = tmpDir('alt-spill-')
  filled = join(dir, 'filled.sqlite')
  const db = openStore(filled)
  await ingestPaths(
    db,
    AGENTS.map((a) => join(fixtures, a))
  )
  db.close()
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// A folder of this file's own for the spill files, so another test's is never counted here.
const ownTmp = tmpDir('alt-spill-tmp-')
afterAll(() => rmSync(ownTmp, { recursive: true, force: true }))
const spillDirs = () => readdirSync(ownTmp).filter((n) => n.startsWith('ai-log-trail-pages-'))

function run(
  name: string,
  mode: ReportMode,
  spillAt: number,
  checkOptions?: () => EngineOptions
): { result: ReportResult; out: string; redactions: unknown[] } {
  const database = join(dir, `${name}.sqlite`)
  copyFileSync(filled, database)
  const out = join(dir, name)
  const result = reportHere(
    openStore(database),
    {
      database,
      config: parseConfig('', 'default'),
      mode,
      formats: ['md', 'json', 'csv', 'html'],
      outDir: out,
      now: new Date('2026-01-01T00:00:00Z'),
      version: '0.0.0',
      changedFiles: ['src/app.ts', 'README.md'],
      scope: { kind: 'all' }
    },
    checkOptions,
    // Held whole means by size too; spilled past 0 sessions spills past 0 characters.
    { at: spillAt, parent: ownTmp, chars: spillAt }
  )
  const db = new Database(database, { readonly: true })
  const redactions = db.prepare('SELECT session_id, event_id, field, detector, count FROM redactions ORDER BY session_id, event_id, field, detector').all()
  db.close()
  return { result, out, redactions }
}

describe('a report read back from the spill file', () => {
  for (const mode of ['full', 'summary'] as const) {
    test(`is the report held whole, byte for byte (${mode} mode)`, () => {
      const before = spillDirs()
      const held = run(`held-${mode}`, mode, Infinity)
      const spilled = run(`spilled-${mode}`, mode, 0)
      expect(held.result.sessionsHeld).toBe(true)
      expect(spilled.result.sessionsHeld).toBe(false)
      // The comparison means something: there are sessions, and things were redacted.
      expect(held.result.report.sessions.length).toBeGreaterThan(5)
      expect(held.result.redactions).toBeGreaterThan(0)
      for (const f of FILES) expect([f, readFileSync(join(spilled.out, f), 'utf8')]).toEqual([f, readFileSync(join(held.out, f), 'utf8')])
      expect(spilled.result.comment).toBe(held.result.comment)
      expect(spilled.result.releaseSection).toBe(held.result.releaseSection)
      expect(spilled.result.summary).toBe(held.result.summary)
      expect(spilled.result.redactions).toBe(held.result.redactions)
      expect(spilled.result.sessionIds).toEqual(held.result.report.sessions.map((s) => s.id))
      expect(spilled.result.report).toEqual({ ...held.result.report, sessions: [] })
      expect(spilled.redactions).toEqual(held.redactions)
      expect(spillDirs()).toEqual(before)
    }, 120_000)
  }
})

describe('a spilled full-mode report’s Markdown', () => {
  test('reads every session’s actions once (the prompts), its prompts’ count from the sessions without actions, and its other parts from the sessions without turns', () => {
    const held = run('held-passes', 'full', Infinity)
    const file = new SpillFile(0, ownTmp)
    const sink = new SessionSink(file, true)
    for (const s of held.result.report.sessions) sink.add(s)
    const list = sink.sessions()
    let passes = 0
    const counted: SessionList = {
      length: list.length,
      heads: list.heads,
      prompts: list.prompts,
      [Symbol.iterator]() {
        passes++
        return list[Symbol.iterator]()
      }
    }
    const report = { ...held.result.report, sessions: counted }
    expect([...markdownChunks(report)].join('')).toBe(readFileSync(join(held.out, 'report.md'), 'utf8'))
    // Before, eleven: the tables, the totals, the notes and each table's two passes read every turn's text again;
    // then two: the prompts' count read every action's text too.
    expect(passes).toBe(1)
    file.close()
  }, 120_000)
})

describe('a spilled full-mode report whose last check finds something', () => {
  /** Page reads of each spilled list in one job (the files' sessions are its first list). */
  function readsOf(name: string, checkOptions?: () => EngineOptions) {
    const reads = new Map<number, number>()
    const read = SessionSpill.prototype.read
    SessionSpill.prototype.read = function (this: SessionSpill, list: number, from: number, limit: number, maxChars: number) {
      reads.set(list, (reads.get(list) ?? 0) + 1)
      return read.call(this, list, from, limit, maxChars)
    }
    // The sessions' parts kept between runs (src/pipeline/render-parts.ts) are read one at a time,
    // and only with the job's own last-check options: off here, so both runs read alike.
    const parts = process.env.AI_LOG_TRAIL_RENDER_PARTS
    process.env.AI_LOG_TRAIL_RENDER_PARTS = '0'
    try {
      return { run: run(name, 'full', 0, checkOptions), reads }
    } finally {
      SessionSpill.prototype.read = read
      if (parts === undefined) delete process.env.AI_LOG_TRAIL_RENDER_PARTS
      else process.env.AI_LOG_TRAIL_RENDER_PARTS = parts
    }
  }

  test('reads its sessions’ turns no more often than when it finds nothing, and writes what the report held whole does', () => {
    const clean = readsOf('late-clean')
    const found = readsOf('late-found', () => codewordOptions('health'))
    // The files are rendered again to tell the note; their sessions' parts are copied, not read again.
    expect(found.run.result.late.total).toBeGreaterThan(0)
    expect(clean.run.result.late.total).toBe(0)
    expect(readFileSync(join(found.run.out, 'report.md'), 'utf8')).toContain('Late check')
    // Before, twice as many: every file's every pass over the sessions once more.
    expect(found.reads.get(0)).toBe(clean.reads.get(0))
    const held = run('late-held', 'full', Infinity, () => codewordOptions('health'))
    for (const f of FILES) expect([f, readFileSync(join(found.run.out, f), 'utf8')]).toEqual([f, readFileSync(join(held.out, f), 'utf8')])
    expect(readdirSync(found.run.out).filter((n) => n.endsWith('.alt-next'))).toEqual([])
  }, 120_000)
})
